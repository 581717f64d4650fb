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

    /**
     * The schema {@code root}, whose {@code $ref}s name schemas of {@code named}. The map is read, not copied (the
     * built-in components are hundreds and a walk happens on every write): it must not change while the walk runs.
     */
    public static StructuralSchema of(ObjectNode root, Map<String, ObjectNode> named) {
        return new StructuralSchema(root, java.util.Collections.unmodifiableMap(named));
    }

    /**
     * The dotted paths of the fields of {@code obj} the schema does not declare, in document order (depth first, as
     * the decoder meets them), with {@code [i]} indexes in lists: {@code spec.replicaz}, {@code spec.ports[0].nme}.
     */
    public List<String> unknownFields(JsonNode obj) {
        List<String> unknown = new ArrayList<>();
        SchemaNode.of(root, named).ifPresent(s -> walk(obj, s, "", true, unknown));
        return unknown;
    }

    /**
     * The undeclared fields of {@code value}, a part of an object found at {@code path} (ending in a dot, as
     * {@code "metadata."}), walked with the whole schema: nothing is skipped at its top.
     */
    public List<String> unknownFieldsOf(JsonNode value, String path) {
        List<String> unknown = new ArrayList<>();
        SchemaNode.of(root, named).ifPresent(s -> walk(value, s, path, false, unknown));
        return unknown;
    }

    private void walk(JsonNode value, SchemaNode s, String path, boolean atRoot, List<String> unknown) {
        if (s == null || value == null) {
            return;
        }
        if (value.isArray()) {
            SchemaNode items = s.items();
            if (items != null) {
                String list = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), items, list + "[" + i + "].", false, unknown);
                }
            }
            return;
        }
        if (!value.isObject()) {
            return;
        }
        boolean preserve = s.preservesUnknownFields();
        SchemaNode values = s.values();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String key = e.getKey();
            if (key.startsWith("$") || (atRoot && ROOT.contains(key))) {
                continue;
            }
            SchemaNode declared = s.property(key);
            if (declared != null) {
                walk(e.getValue(), declared, path + key + ".", false, unknown);
            } else if (values != null) {
                walk(e.getValue(), values, path + key + ".", false, unknown);
            } else if (!preserve) {
                unknown.add(path + key);
            }
        }
    }
}
