package dev.ordinal.api.openapi;

import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A small vocabulary for writing OpenAPI 3 schemas as Jackson trees, in the style Kubernetes publishes them. */
final class SchemaBuilder {
    static final String REF_PREFIX = "#/components/schemas/";
    /** The IntOrString component, as Kubernetes names it. */
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

    private SchemaBuilder() {
    }

    static ObjectNode str(String description) {
        return typed("string", description);
    }

    static ObjectNode enumStr(String description, String... values) {
        ObjectNode s = str(description);
        ArrayNode e = s.putArray("enum");
        for (String v : values) {
            e.add(v);
        }
        return s;
    }

    static ObjectNode int32(String description) {
        ObjectNode s = typed("integer", description);
        s.put("format", "int32");
        return s;
    }

    static ObjectNode int64(String description) {
        ObjectNode s = typed("integer", description);
        s.put("format", "int64");
        return s;
    }

    static ObjectNode bool(String description) {
        return typed("boolean", description);
    }

    /** A bare reference to a component schema. */
    static ObjectNode ref(String component) {
        ObjectNode s = Json.object();
        s.put("$ref", REF_PREFIX + component);
        return s;
    }

    /** A described reference, written as Kubernetes does: {@code allOf} one {@code $ref}, with a default. */
    static ObjectNode ref(String component, String description) {
        ObjectNode s = Json.object();
        s.putArray("allOf").add(ref(component));
        s.put("description", description);
        s.putObject("default");
        return s;
    }

    static ObjectNode array(JsonNode items, String description) {
        ObjectNode s = typed("array", description);
        s.set("items", items);
        return s;
    }

    /** A list merged by a key on strategic merge patches, e.g. containers by {@code name}. */
    static ObjectNode keyedArray(JsonNode items, String key, String description) {
        ObjectNode s = array(items, description);
        s.put("x-kubernetes-list-type", "map");
        s.putArray("x-kubernetes-list-map-keys").add(key);
        s.put("x-kubernetes-patch-merge-key", key);
        s.put("x-kubernetes-patch-strategy", "merge");
        return s;
    }

    /**
     * A list merged by key on strategic merge patches, written exactly as Kubernetes publishes it: {@code strategy}
     * is the {@code x-kubernetes-patch-strategy} ({@code merge} or {@code merge,retainKeys}), {@code mergeKey} the
     * patch merge key, and {@code mapKeys} the server-side apply keys ({@code x-kubernetes-list-map-keys}).
     */
    static ObjectNode mapList(JsonNode items, String description, String mergeKey, String strategy,
                              String... mapKeys) {
        ObjectNode s = array(items, description);
        s.put("x-kubernetes-list-type", "map");
        ArrayNode keys = s.putArray("x-kubernetes-list-map-keys");
        for (String k : mapKeys) {
            keys.add(k);
        }
        s.put("x-kubernetes-patch-merge-key", mergeKey);
        s.put("x-kubernetes-patch-strategy", strategy);
        return s;
    }

    /**
     * A list keyed for server-side apply only ({@code x-kubernetes-list-type: map}) with no strategic-merge key, so a
     * strategic merge patch replaces it whole (as {@code resources.claims}).
     */
    static ObjectNode applyMapList(JsonNode items, String description, String... mapKeys) {
        ObjectNode s = array(items, description);
        s.put("x-kubernetes-list-type", "map");
        ArrayNode keys = s.putArray("x-kubernetes-list-map-keys");
        for (String k : mapKeys) {
            keys.add(k);
        }
        return s;
    }

    /** A list replaced as a whole by every patch ({@code x-kubernetes-list-type: atomic}). */
    static ObjectNode atomicList(JsonNode items, String description) {
        ObjectNode s = array(items, description);
        s.put("x-kubernetes-list-type", "atomic");
        return s;
    }

    /**
     * A list of unique scalars ({@code x-kubernetes-list-type: set}); with {@code merge}, a strategic merge patch
     * adds its values to the stored ones (as {@code metadata.finalizers}) instead of replacing the list.
     */
    static ObjectNode setList(JsonNode items, String description, boolean merge) {
        ObjectNode s = array(items, description);
        s.put("x-kubernetes-list-type", "set");
        if (merge) {
            s.put("x-kubernetes-patch-strategy", "merge");
        }
        return s;
    }

    /**
     * A field holding a number or a string such as "25%", as Kubernetes publishes it: a reference to the
     * {@code IntOrString} component ({@code format: int-or-string}, {@code oneOf} integer or string), and, as
     * structural schemas write it, {@code x-kubernetes-int-or-string} on the field itself.
     */
    static ObjectNode intOrString(String description) {
        ObjectNode s = ref(INT_OR_STRING, description);
        s.remove("default");
        s.put("x-kubernetes-int-or-string", true);
        return s;
    }

    /**
     * A type Ordinal keeps as given without modelling its fields (probes, security contexts, affinity, most volume
     * sources): {@code type: object} with {@code x-kubernetes-preserve-unknown-fields}, so that a schema walker
     * accepts every field under it rather than refusing what a partial list would miss.
     */
    static ObjectNode opaqueObject(String description) {
        return anyObject(description);
    }

    /** A described reference without Kubernetes' {@code default: {}} (for optional pointers such as probes). */
    static ObjectNode optionalRef(String component, String description) {
        ObjectNode s = ref(component, description);
        s.remove("default");
        return s;
    }

    static ObjectNode withDefault(ObjectNode s, String value) {
        s.put("default", value);
        return s;
    }

    static ObjectNode atomicMap(ObjectNode s) {
        s.put("x-kubernetes-map-type", "atomic");
        return s;
    }

    static ObjectNode stringMap(String description) {
        ObjectNode s = typed("object", description);
        s.set("additionalProperties", str(""));
        return s;
    }

    static ObjectNode map(JsonNode values, String description) {
        ObjectNode s = typed("object", description);
        s.set("additionalProperties", values);
        return s;
    }

    /** A free-form object whose fields are kept as given. */
    static ObjectNode anyObject(String description) {
        ObjectNode s = typed("object", description);
        s.put("x-kubernetes-preserve-unknown-fields", true);
        return s;
    }

    /**
     * An object schema. {@code props} alternates property names and their schemas, in the order they are listed.
     */
    static ObjectNode object(String description, Object... props) {
        ObjectNode s = typed("object", description);
        ObjectNode p = s.putObject("properties");
        for (int i = 0; i < props.length; i += 2) {
            p.set((String) props[i], (JsonNode) props[i + 1]);
        }
        return s;
    }

    static ObjectNode required(ObjectNode schema, String... fields) {
        ArrayNode r = schema.putArray("required");
        for (String f : fields) {
            r.add(f);
        }
        return schema;
    }

    /** Marks a schema as the one for a kind: {@code x-kubernetes-group-version-kind} as a one-element array. */
    static ObjectNode gvk(ObjectNode schema, String group, String version, String kind) {
        schema.putArray("x-kubernetes-group-version-kind").add(gvkObject(group, version, kind));
        return schema;
    }

    static ObjectNode gvkObject(String group, String version, String kind) {
        ObjectNode g = Json.object();
        g.put("group", group);
        g.put("kind", kind);
        g.put("version", version);
        return g;
    }

    static List<String> refsIn(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        collectRefs(node, out);
        return out;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            JsonNode r = node.get("$ref");
            if (r != null && r.isString() && r.stringValue().startsWith(REF_PREFIX)) {
                out.add(r.stringValue().substring(REF_PREFIX.length()));
            }
            for (var e : node.properties()) {
                collectRefs(e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                collectRefs(n, out);
            }
        }
    }

    private static ObjectNode typed(String type, String description) {
        ObjectNode s = Json.object();
        if (description != null && !description.isEmpty()) {
            s.put("description", description);
        }
        s.put("type", type);
        return s;
    }
}
