package dev.ordinal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenAPI v3 schema walked as the API server walks a CustomResourceDefinition's structural schema to prune
 * unknown fields ({@code k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning}): an object's fields are those
 * its {@code properties} declare, or any when it has {@code additionalProperties} (each value then walked with that
 * schema) or {@code x-kubernetes-preserve-unknown-fields: true}; array elements are walked with {@code items};
 * {@code $ref}s are resolved by name among the named schemas given. At the root, {@code apiVersion}, {@code kind} and
 * {@code metadata} are always known and metadata is left to the caller, as Kubernetes prunes it as ObjectMeta.
 * Patch directives ({@code $patch}, {@code $setElementOrder/...}) are never unknown.
 */
public final class StructuralSchema {
    private static final Set<String> ROOT = Set.of("apiVersion", "kind", "metadata");
    private final ObjectNode root;
    private final Map<String, ObjectNode> named;

    private StructuralSchema(ObjectNode root, Map<String, ObjectNode> named) {
        this.root = root;
        this.named = named;
    }

    /** The schema {@code root}, whose {@code $ref}s name schemas of {@code named}. */
    public static StructuralSchema of(ObjectNode root, Map<String, ObjectNode> named) {
        return new StructuralSchema(root, Map.copyOf(named));
    }

    /**
     * The dotted paths of the fields of {@code obj} the schema does not declare, in document order, with {@code [i]}
     * indexes in lists: {@code spec.replicaz}, {@code spec.ports[0].nme}.
     */
    public List<String> unknownFields(JsonNode obj) {
        List<String> unknown = new ArrayList<>();
        walk(obj, root, "", true, unknown);
        return unknown;
    }

    private void walk(JsonNode value, ObjectNode schema, String path, boolean atRoot, List<String> unknown) {
        ObjectNode s = resolve(schema);
        if (s == null || value == null) {
            return;
        }
        if (value.isArray()) {
            JsonNode items = s.get("items");
            if (items instanceof ObjectNode itemSchema) {
                String list = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), itemSchema, list + "[" + i + "].", false, unknown);
                }
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode properties = s.get("properties");
        JsonNode additional = s.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = e.getKey();
            if (key.startsWith("$") || (atRoot && ROOT.contains(key))) {
                continue;
            }
            JsonNode declared = properties == null ? null : properties.get(key);
            if (declared instanceof ObjectNode fieldSchema) {
                walk(e.getValue(), fieldSchema, path + key + ".", false, unknown);
            } else if (additional instanceof ObjectNode valueSchema) {
                walk(e.getValue(), valueSchema, path + key + ".", false, unknown);
            } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
                unknown.add(path + key);
            }
        }
    }

    /**
     * The schema itself, or the schema its {@code $ref} (or a single {@code allOf}, as Kubernetes writes described
     * references) stands for; null when a reference names no known schema.
     */
    private ObjectNode resolve(ObjectNode schema) {
        ObjectNode s = schema;
        for (int hops = 0; s != null && hops < 16; hops++) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asString();
                s = named.get(ref.substring(ref.lastIndexOf('/') + 1));
                continue;
            }
            JsonNode allOf = s.get("allOf");
            if (allOf != null && allOf.size() == 1 && !s.has("properties") && allOf.get(0) instanceof ObjectNode only) {
                s = only;
                continue;
            }
            return s;
        }
        return s;
    }
}
