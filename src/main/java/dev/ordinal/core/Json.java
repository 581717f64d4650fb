package dev.ordinal.core;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Small, null-safe helpers over Jackson trees, which is how every object is held in memory. */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** Reads YAML, and writes it as kubectl prints it: no document marker, quotes only where YAML needs them. */
    public static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(tools.jackson.dataformat.yaml.YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    public static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return F.objectNode();
    }

    public static ArrayNode array() {
        return F.arrayNode();
    }

    /** The node at a path of property names, or a missing node; never null. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null || !n.isObject()) {
                return F.missingNode();
            }
            n = n.get(p);
        }
        return n == null ? F.missingNode() : n;
    }

    /** The string at a path, or null when absent or not a string. */
    public static String str(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isString() ? n.stringValue() : (n.isNumber() || n.isBoolean()) ? n.asString() : null;
    }

    public static String strOr(JsonNode node, String def, String... path) {
        String s = str(node, path);
        return s == null ? def : s;
    }

    public static int integer(JsonNode node, int def, String... path) {
        JsonNode n = at(node, path);
        return n.isNumber() ? n.asInt() : def;
    }

    public static boolean bool(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isBoolean() && n.booleanValue();
    }

    /** The object at a path, created (with its parents) when absent or not an object. */
    public static ObjectNode with(ObjectNode node, String... path) {
        ObjectNode n = node;
        for (String p : path) {
            JsonNode c = n.get(p);
            if (c == null || !c.isObject()) {
                ObjectNode created = F.objectNode();
                n.set(p, created);
                n = created;
            } else {
                n = (ObjectNode) c;
            }
        }
        return n;
    }

    public static ObjectNode meta(ObjectNode obj) {
        return with(obj, "metadata");
    }

    public static String name(JsonNode obj) {
        return str(obj, "metadata", "name");
    }

    public static String namespace(JsonNode obj) {
        return strOr(obj, "", "metadata", "namespace");
    }

    public static String uid(JsonNode obj) {
        return str(obj, "metadata", "uid");
    }

    public static String kind(JsonNode obj) {
        return str(obj, "kind");
    }

    /** A string map (labels, annotations, selectors) at a path, in insertion order; empty when absent. */
    public static Map<String, String> stringMap(JsonNode node, String... path) {
        Map<String, String> m = new LinkedHashMap<>();
        JsonNode n = at(node, path);
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString());
            }
        }
        return m;
    }

    public static Map<String, String> labels(JsonNode obj) {
        return stringMap(obj, "metadata", "labels");
    }

    public static Map<String, String> annotations(JsonNode obj) {
        return stringMap(obj, "metadata", "annotations");
    }

    public static String annotation(JsonNode obj, String key) {
        return str(obj, "metadata", "annotations", key);
    }

    public static void setAnnotation(ObjectNode obj, String key, String value) {
        with(obj, "metadata", "annotations").put(key, value);
    }

    public static void setLabel(ObjectNode obj, String key, String value) {
        with(obj, "metadata", "labels").put(key, value);
    }

    public static ObjectNode stringMapNode(Map<String, String> map) {
        ObjectNode o = object();
        map.forEach(o::put);
        return o;
    }

    /** The elements of an array at a path; empty when absent. */
    public static List<JsonNode> list(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        List<JsonNode> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }

    public static List<String> strings(JsonNode node, String... path) {
        return list(node, path).stream().map(JsonNode::asString).toList();
    }

    public static ArrayNode stringArray(List<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    /** The ownerReference marked controller: true, or null. */
    public static JsonNode controllerRef(JsonNode obj) {
        for (JsonNode ref : list(obj, "metadata", "ownerReferences")) {
            if (bool(ref, "controller")) {
                return ref;
            }
        }
        return null;
    }

    public static boolean isTerminating(JsonNode obj) {
        return str(obj, "metadata", "deletionTimestamp") != null;
    }

    public static ObjectNode copy(JsonNode node) {
        return (ObjectNode) node.deepCopy();
    }

    /** RFC 3339 with second precision, as Kubernetes writes {@code metav1.Time}. */
    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parseTime(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static final List<String> TOP_ORDER = List.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final List<String> META_ORDER = List.of("name", "generateName", "namespace", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers");

    /** The object with its top-level and metadata fields in the order Kubernetes serializes them. */
    public static ObjectNode canonical(ObjectNode obj) {
        ObjectNode out = reorder(obj, TOP_ORDER);
        JsonNode meta = out.get("metadata");
        if (meta != null && meta.isObject()) {
            out.set("metadata", reorder((ObjectNode) meta, META_ORDER));
        }
        return out;
    }

    /** Whether {@link #canonical} would leave the object's field order as it is. */
    public static boolean isCanonical(ObjectNode obj) {
        if (!inOrder(obj, TOP_ORDER)) {
            return false;
        }
        JsonNode meta = obj.get("metadata");
        return meta == null || !meta.isObject() || inOrder(meta, META_ORDER);
    }

    /** Whether the fields {@code order} names come first, in that order, before every other field. */
    private static boolean inOrder(JsonNode obj, List<String> order) {
        int last = -1;
        boolean others = false;
        for (String name : obj.propertyNames()) {
            int at = order.indexOf(name);
            if (at < 0) {
                others = true;
            } else if (others || at < last) {
                return false;
            } else {
                last = at;
            }
        }
        return true;
    }

    private static ObjectNode reorder(ObjectNode obj, List<String> order) {
        ObjectNode out = object();
        for (String k : order) {
            if (obj.has(k)) {
                out.set(k, obj.get(k));
            }
        }
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** What Go's encoding/json calls a JSON value in its errors: null, array, string, number, bool or object. */
    public static String typeName(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "null";
        }
        if (n.isArray()) {
            return "array";
        }
        if (n.isString()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "bool";
        }
        return "object";
    }

    /** Whether two trees are the same JSON document (numbers compared by value, not by Java type). */
    public static boolean same(JsonNode a, JsonNode b) {
        return equal(a, b, null);
    }

    /**
     * As {@link #same} for two objects, ignoring one field of their {@code metadata} (such as
     * {@code resourceVersion}) on both sides.
     */
    public static boolean sameIgnoringMetadata(JsonNode a, JsonNode b, String metadataField) {
        if (!a.isObject() || !b.isObject() || a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            JsonNode other = b.get(e.getKey());
            if (other == null || !equal(e.getValue(), other, e.getKey().equals("metadata") ? metadataField : null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares two trees without serializing or copying them: integers compare by value whatever their Java type, as
     * do floating-point numbers, and an integer never equals a floating-point number (they print differently). When
     * {@code ignored} is given, that field of the two (object) nodes is left out.
     */
    private static boolean equal(JsonNode a, JsonNode b, String ignored) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isObject() && b.isObject()) {
            int skipped = ignored == null ? 0 : (a.has(ignored) ? 1 : 0) - (b.has(ignored) ? 1 : 0);
            if (a.size() - b.size() != skipped) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (e.getKey().equals(ignored)) {
                    continue;
                }
                JsonNode other = b.get(e.getKey());
                if (other == null || !equal(e.getValue(), other, null)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!equal(a.get(i), b.get(i), null)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().equals(b.bigIntegerValue());
            }
            return a.isFloatingPointNumber() && b.isFloatingPointNumber()
                    && Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return a.equals(b);
    }

    /** Parses a JSON object from its UTF-8 bytes. */
    public static ObjectNode parse(byte[] json) {
        return (ObjectNode) MAPPER.readTree(json);
    }

    public static ObjectNode parse(String json) {
        return (ObjectNode) MAPPER.readTree(json);
    }

    /** The node as UTF-8 JSON bytes. */
    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
