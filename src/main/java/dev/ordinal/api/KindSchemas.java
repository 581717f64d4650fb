package dev.ordinal.api;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.SchemaNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the request path finds a kind's schema and the named schemas its references point to: the built-in
 * components of {@link KubernetesSchemas} plus what the kind's definition contributes.
 */
final class KindSchemas {
    /** Built-in component names by {@code apiVersion/kind}, from each kind schema's x-kubernetes-group-version-kind. */
    private static final Map<String, String> BY_GVK = index();

    private KindSchemas() {
    }

    /** The named schemas a kind's {@code $ref}s resolve among. */
    static Map<String, ObjectNode> named(KindDefinition kind) {
        if (kind.schemas().isEmpty() || KubernetesSchemas.all().keySet().containsAll(kind.schemas().keySet())) {
            return KubernetesSchemas.all();
        }
        Map<String, ObjectNode> all = new LinkedHashMap<>(KubernetesSchemas.all());
        all.putAll(kind.schemas());
        return all;
    }

    /** The root of a kind's schema, when it has one. */
    static Optional<SchemaNode> root(KindDefinition kind) {
        return kind.schema().flatMap(s -> SchemaNode.of(s, named(kind)));
    }

    /** The root of the built-in schema of the kind {@code obj} declares by its apiVersion and kind, if any. */
    static Optional<SchemaNode> forObject(JsonNode obj) {
        String name = BY_GVK.get(Json.str(obj, "apiVersion") + "/" + Json.str(obj, "kind"));
        return name == null ? Optional.empty() : SchemaNode.named(name, KubernetesSchemas.all());
    }

    private static Map<String, String> index() {
        Map<String, String> byGvk = new HashMap<>();
        KubernetesSchemas.all().forEach((name, schema) -> {
            for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asString("");
                String apiVersion = group.isEmpty() ? gvk.path("version").asString() : group + "/" + gvk.path("version").asString();
                byGvk.putIfAbsent(apiVersion + "/" + gvk.path("kind").asString(), name);
            }
        });
        return Map.copyOf(byGvk);
    }
}
