package dev.ordinal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.StructuralSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds fields a kind does not declare, for {@code fieldValidation=Strict|Warn}, by walking the kind's OpenAPI schema
 * as the API server walks a structural schema to prune custom resources: an object's fields are those its
 * {@code properties} declare, any under {@code x-kubernetes-preserve-unknown-fields} or a map's
 * {@code additionalProperties}. Metadata, at the top and embedded (pod templates, claim templates), is walked as
 * {@code ObjectMeta}. Patch directives ({@code $patch}, {@code $setElementOrder/...}) are never unknown. A kind with
 * no schema has only its metadata checked.
 */
public final class UnknownFields {
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private UnknownFields() {
    }

    /**
     * The dotted paths of undeclared fields in {@code obj}, in document order, with {@code [i]} indexes in lists:
     * those the kind's own write path prunes when it has a finder of its own (custom kinds, whose embedded resources
     * keep their metadata), else those its schema does not declare.
     */
    public static List<String> find(KindDefinition kind, JsonNode obj) {
        List<String> unknown = new ArrayList<>(metadata(obj));
        if (kind.unknownFieldFinder().isPresent()) {
            unknown.addAll(kind.unknownFieldFinder().get().unknownFields((ObjectNode) obj.deepCopy()));
        } else {
            kind.schema().ifPresent(schema -> unknown.addAll(
                    StructuralSchema.of(schema, KindSchemas.named(kind)).unknownFields(obj)));
        }
        return unknown;
    }

    private static List<String> metadata(JsonNode obj) {
        JsonNode meta = obj.get("metadata");
        if (meta == null || !meta.isObject()) {
            return List.of();
        }
        Map<String, ObjectNode> all = KubernetesSchemas.all();
        return StructuralSchema.of(all.get(OBJECT_META), all).unknownFieldsOf(meta, "metadata.");
    }

    /** Removes the fields at these dotted paths (as {@link #find} reports them, with {@code [i]} indexes). */
    public static void prune(JsonNode obj, List<String> paths) {
        for (String path : paths) {
            JsonNode parent = obj;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length && parent != null; i++) {
                String part = parts[i];
                String key = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
                boolean last = i == parts.length - 1;
                if (last && !part.contains("[")) {
                    if (parent instanceof tools.jackson.databind.node.ObjectNode o) {
                        o.remove(key);
                    }
                    break;
                }
                JsonNode next = parent.get(key);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(part);
                while (next != null && m.find()) {
                    next = next.get(Integer.parseInt(m.group(1)));
                }
                parent = next;
            }
        }
    }
}
