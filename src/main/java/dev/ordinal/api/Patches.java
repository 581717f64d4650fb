package dev.ordinal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.SchemaNode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies the patch formats Kubernetes accepts to a stored object: JSON merge patch (RFC 7386), strategic merge
 * patch with its directives, JSON patch (RFC 6902) and, for now, server-side apply as a strategic merge of the
 * applied intent. Bad patches are reported as 400 BadRequest (undecodable) or 422 Invalid (inapplicable), never as
 * an internal error.
 */
public final class Patches {
    public static final String MERGE = "application/merge-patch+json";
    public static final String STRATEGIC = "application/strategic-merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String APPLY = "application/apply-patch+yaml";

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

    private Patches() {
    }

    /** Returns a new object: {@code current} with {@code patch} applied according to {@code patchType}. */
    public static ObjectNode apply(ObjectNode current, JsonNode patch, String patchType) {
        try {
            return switch (patchType) {
                case MERGE -> mergePatch(current, patch);
                case STRATEGIC, APPLY -> strategicMergePatch(current, patch);
                case JSON_PATCH -> jsonPatch(current, patch);
                default -> throw ApiException.unsupportedMediaType(patchType);
            };
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ApiException.badRequest("unable to apply patch: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ JSON merge patch

    /** RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
    public static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
        requireObject(patch);
        return (ObjectNode) merge(target.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                t.remove(e.getKey());
            } else {
                t.set(e.getKey(), merge(t.get(e.getKey()), e.getValue()));
            }
        }
        return t;
    }

    private static void requireObject(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ApiException.badRequest("json: cannot unmarshal " + Json.typeName(patch)
                    + " into Go value of type map[string]interface {}");
        }
    }


    // ------------------------------------------------------------------ strategic merge patch

    /**
     * A strategic merge patch as Kubernetes applies it: lists with a merge key are merged element by element,
     * primitive merge lists are unioned, other lists are replaced; {@code null} deletes a field; the directives
     * {@code $patch} (replace, delete, merge), {@code $retainKeys}, {@code $setElementOrder/<list>} and
     * {@code $deleteFromPrimitiveList/<list>} are honoured and never stored.
     */
    public static ObjectNode strategicMergePatch(ObjectNode target, JsonNode patch) {
        return strategicMergePatch(target, patch, KindSchemas.forObject(target).orElse(null));
    }

    /**
     * {@link #strategicMergePatch(ObjectNode, JsonNode)} with the patch strategies of {@code schema}: a list is merged
     * by the key its schema declares ({@code x-kubernetes-patch-merge-key}), a list of primitives is unioned when its
     * schema's {@code x-kubernetes-patch-strategy} is {@code merge}, and every other list (or one the schema does not
     * describe; {@code schema} null describes nothing) is replaced, as Kubernetes reads the strategies from the Go
     * types the schema is published from.
     */
    public static ObjectNode strategicMergePatch(ObjectNode target, JsonNode patch, SchemaNode schema) {
        requireObject(patch);
        return mergeMap(target.deepCopy(), (ObjectNode) patch, schema);
    }

    /** The schema of the field {@code key} of an object described by {@code s}, or null. */
    private static SchemaNode field(SchemaNode s, String key) {
        if (s == null) {
            return null;
        }
        SchemaNode f = s.property(key);
        return f != null ? f : s.values();
    }

    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, SchemaNode schema) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            String d = directive.isString() ? directive.stringValue() : directive.toString();
            switch (d) {
                case "replace" -> {
                    return (ObjectNode) clean(patch);
                }
                case "delete" -> {
                    return Json.object();
                }
                case "merge" -> {
                    // The default behaviour.
                }
                default -> throw ApiException.badRequest("Unknown patch type: " + d + " in map: " + patch);
            }
        }
        ObjectNode result = original;
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain != null) {
            if (!retain.isArray()) {
                throw ApiException.badRequest("invalid type for $retainKeys: must be a list");
            }
            Set<String> keep = new HashSet<>();
            retain.forEach(k -> keep.add(k.asString()));
            for (String k : new ArrayList<>(propertyNames(result))) {
                if (!keep.contains(k)) {
                    result.remove(k);
                }
            }
        }
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        Map<String, JsonNode> before = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getKey().startsWith(SET_ORDER)) {
                String field = e.getKey().substring(SET_ORDER.length());
                before.put(field, result.get(field));
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith(DELETE_PRIMITIVE)) {
                String field = key.substring(DELETE_PRIMITIVE.length());
                JsonNode list = result.get(field);
                if (!value.isArray()) {
                    throw ApiException.badRequest("invalid type for " + key + ": must be a list");
                }
                if (list != null && list.isArray()) {
                    Set<JsonNode> remove = new HashSet<>();
                    value.forEach(remove::add);
                    ArrayNode kept = Json.array();
                    list.forEach(v -> {
                        if (!remove.contains(v)) {
                            kept.add(v);
                        }
                    });
                    result.set(field, kept);
                }
            } else if (key.startsWith(SET_ORDER)) {
                if (!value.isArray()) {
                    throw ApiException.badRequest("invalid type for " + key + ": must be a list");
                }
                orders.put(key.substring(SET_ORDER.length()), value);
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            JsonNode existing = result.get(key);
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject()) {
                if (existing != null && existing.isObject()) {
                    result.set(key, mergeMap((ObjectNode) existing, (ObjectNode) value, field(schema, key)));
                } else if (isDeleteDirective(value)) {
                    result.remove(key);
                } else {
                    result.set(key, clean(value));
                }
            } else if (value.isArray()) {
                result.set(key, mergeList(existing, (ArrayNode) value, field(schema, key)));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : orders.entrySet()) {
            JsonNode list = result.get(e.getKey());
            if (list != null && list.isArray()) {
                JsonNode server = before.get(e.getKey());
                result.set(e.getKey(), ElementOrder.normalize((ArrayNode) list, e.getValue(),
                        server != null && server.isArray() ? server : Json.array(),
                        allObjects((ArrayNode) list) ? mergeKey(field(schema, e.getKey())) : null));
            }
        }
        return result;
    }

    private static boolean isDeleteDirective(JsonNode value) {
        JsonNode d = value.get(PATCH);
        return d != null && "delete".equals(d.asString());
    }

    private static List<String> propertyNames(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    /** The merge key of a list field, or null when the list is replaced as a whole. */
    private static String mergeKey(SchemaNode list) {
        return list == null ? null : list.patchMergeKey().orElse(null);
    }

    private static ArrayNode mergeList(JsonNode existing, ArrayNode patch, SchemaNode list) {
        ArrayNode original = existing != null && existing.isArray() ? (ArrayNode) existing : null;
        for (JsonNode el : patch) {
            if (el.isObject() && el.size() == 1 && "replace".equals(Json.str(el, PATCH))) {
                ArrayNode replaced = Json.array();
                for (JsonNode other : patch) {
                    if (other != el) {
                        replaced.add(clean(other));
                    }
                }
                return replaced;
            }
        }
        String key = mergeKey(list);
        boolean objects = allObjects(patch) && (original == null || allObjects(original));
        if (key != null && objects) {
            return mergeKeyedList(key, original, patch, list.items());
        }
        if (list != null && list.mergesOnPatch() && !objects) {
            ArrayNode result = original == null ? Json.array() : original.deepCopy();
            Set<JsonNode> present = new HashSet<>();
            result.forEach(present::add);
            for (JsonNode v : patch) {
                if (present.add(v)) {
                    result.add(v.deepCopy());
                }
            }
            return ElementOrder.normalize(result, patch, original == null ? Json.array() : original, null);
        }
        ArrayNode replaced = Json.array();
        for (JsonNode el : patch) {
            replaced.add(clean(el));
        }
        return replaced;
    }

    private static boolean allObjects(ArrayNode list) {
        for (JsonNode el : list) {
            if (!el.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static ArrayNode mergeKeyedList(String key, ArrayNode original, ArrayNode patch, SchemaNode element) {
        List<JsonNode> result = new ArrayList<>();
        if (original != null) {
            original.forEach(result::add);
        }
        for (JsonNode el : patch) {
            JsonNode keyValue = el.get(key);
            if (keyValue == null || keyValue.isNull()) {
                throw ApiException.badRequest("map: " + el + " does not contain declared merge key: " + key);
            }
            int at = indexOfKey(result, key, keyValue);
            if (isDeleteDirective(el)) {
                while (at >= 0) {
                    result.remove(at);
                    at = indexOfKey(result, key, keyValue);
                }
                continue;
            }
            if (at >= 0) {
                JsonNode merged = result.get(at).isObject()
                        ? mergeMap((ObjectNode) result.get(at).deepCopy(), (ObjectNode) el, element) : clean(el);
                result.set(at, merged);
            } else {
                result.add(clean(el));
            }
        }
        ArrayNode merged = Json.array();
        result.forEach(merged::add);
        ArrayNode order = Json.array();
        patch.forEach(el -> {
            if (!isDeleteDirective(el)) {
                order.add(el);
            }
        });
        return ElementOrder.normalize(merged, order, original == null ? Json.array() : original, key);
    }

    private static int indexOfKey(List<JsonNode> list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i).get(key);
            if (v != null && sameKey(v, value)) {
                return i;
            }
        }
        return -1;
    }

    static boolean sameKey(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.asLong() == b.asLong();
        }
        return a.asString().equals(b.asString());
    }

    /** A patch value with every directive removed, for values that are added rather than merged. */
    private static JsonNode clean(JsonNode value) {
        if (value.isObject()) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                if (e.getKey().startsWith("$")) {
                    continue;
                }
                if (e.getValue().isNull()) {
                    continue;
                }
                out.set(e.getKey(), clean(e.getValue()));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = Json.array();
            for (JsonNode el : value) {
                if (el.isObject() && el.has(PATCH)) {
                    String d = el.get(PATCH).asString();
                    if ("delete".equals(d) || ("replace".equals(d) && el.size() == 1)) {
                        continue;
                    }
                }
                out.add(clean(el));
            }
            return out;
        }
        return value.deepCopy();
    }

    // ------------------------------------------------------------------ JSON patch

    /**
     * RFC 6902 JSON patch with RFC 6901 pointers ({@code ~0}, {@code ~1}, {@code -} for the end of an array). A
     * malformed patch is 400 BadRequest; an operation that does not apply (missing path, failed test) is 422.
     */
    public static ObjectNode jsonPatch(ObjectNode target, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            throw ApiException.badRequest("json: cannot unmarshal " + Json.typeName(patch)
                    + " into Go value of type jsonpatch.Patch");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : patch) {
            if (!op.isObject()) {
                throw ApiException.badRequest("json: cannot unmarshal " + Json.typeName(op)
                        + " into Go value of type jsonpatch.Operation");
            }
            String name = Json.str(op, "op");
            if (name == null) {
                throw ApiException.badRequest("Unexpected kind: unknown");
            }
            String path = requirePath(op, "path", name);
            doc = switch (name) {
                case "add" -> add(doc, path, requireValue(op, name), name);
                case "remove" -> {
                    JsonNode[] removed = new JsonNode[1];
                    yield remove(doc, path, name, removed);
                }
                case "replace" -> {
                    get(doc, path, name);
                    JsonNode[] removed = new JsonNode[1];
                    JsonNode without = path.isEmpty() ? null : remove(doc, path, name, removed);
                    yield path.isEmpty() ? requireValue(op, name).deepCopy()
                            : add(without, path, requireValue(op, name), name);
                }
                case "move" -> {
                    String from = requirePath(op, "from", name);
                    if (path.startsWith(from + "/")) {
                        throw unprocessable("move operation does not apply: path " + FieldError.quote(path)
                                + " is a child of from " + FieldError.quote(from));
                    }
                    JsonNode value = get(doc, from, name);
                    JsonNode[] removed = new JsonNode[1];
                    JsonNode without = remove(doc, from, name, removed);
                    yield add(without, path, value, name);
                }
                case "copy" -> {
                    String from = requirePath(op, "from", name);
                    yield add(doc, path, get(doc, from, name).deepCopy(), name);
                }
                case "test" -> {
                    JsonNode expected = requireValue(op, name);
                    JsonNode actual = find(doc, path);
                    if (actual == null ? !expected.isNull() : !equalValues(actual, expected)) {
                        throw unprocessable("testing value " + path + " failed: test failed");
                    }
                    yield doc;
                }
                default -> throw ApiException.badRequest("Unexpected kind: " + name);
            };
        }
        if (!doc.isObject()) {
            throw unprocessable("the patched document is not an object");
        }
        return (ObjectNode) doc;
    }

    private static boolean equalValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String requirePath(JsonNode op, String field, String opName) {
        JsonNode p = op.get(field);
        if (p == null || !p.isString()) {
            throw ApiException.badRequest("jsonpatch " + opName + " operation is missing " + field);
        }
        String path = p.stringValue();
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw ApiException.badRequest("jsonpatch " + opName + " operation has an invalid " + field + ": "
                    + FieldError.quote(path));
        }
        return path;
    }

    private static JsonNode requireValue(JsonNode op, String opName) {
        if (!op.has("value")) {
            throw ApiException.badRequest("jsonpatch " + opName + " operation is missing value");
        }
        return op.get("value");
    }

    private static ApiException unprocessable(String message) {
        return new ApiException(422, "Invalid", message, null, null, null, null);
    }

    private static ApiException missing(String op, String path) {
        return unprocessable("jsonpatch " + op + " operation does not apply: doc is missing path: "
                + FieldError.quote(path));
    }

    private static List<String> tokens(String path) {
        List<String> out = new ArrayList<>();
        if (path.isEmpty()) {
            return out;
        }
        for (String t : path.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** The node at a pointer, or null when the pointer leads nowhere. */
    private static JsonNode find(JsonNode doc, String path) {
        JsonNode n = doc;
        for (String t : tokens(path)) {
            if (n.isObject()) {
                n = n.get(t);
            } else if (n.isArray()) {
                int i = index(t);
                n = i >= 0 && i < n.size() ? n.get(i) : null;
            } else {
                n = null;
            }
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static JsonNode get(JsonNode doc, String path, String op) {
        JsonNode n = find(doc, path);
        if (n == null) {
            throw missing(op, path);
        }
        return n;
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)
                || (token.length() > 1 && token.startsWith("0"))) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value, String op) {
        if (path.isEmpty()) {
            return value.deepCopy();
        }
        List<String> toks = tokens(path);
        String last = toks.get(toks.size() - 1);
        String parentPath = path.substring(0, path.lastIndexOf('/'));
        JsonNode parent = find(doc, parentPath);
        if (parent == null) {
            throw missing(op, path);
        }
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value.deepCopy());
        } else if (parent.isArray()) {
            ArrayNode arr = (ArrayNode) parent;
            if (last.equals("-")) {
                arr.add(value.deepCopy());
            } else {
                int i = index(last);
                if (i < 0 || i > arr.size()) {
                    throw unprocessable("jsonpatch " + op + " operation does not apply: index out of bounds: "
                            + FieldError.quote(path));
                }
                arr.insert(i, value.deepCopy());
            }
        } else {
            throw missing(op, path);
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String path, String op, JsonNode[] removed) {
        if (path.isEmpty()) {
            throw unprocessable("jsonpatch " + op + " operation does not apply: cannot remove the root");
        }
        List<String> toks = tokens(path);
        String last = toks.get(toks.size() - 1);
        JsonNode parent = find(doc, path.substring(0, path.lastIndexOf('/')));
        if (parent != null && parent.isObject() && parent.has(last)) {
            removed[0] = ((ObjectNode) parent).remove(last);
            return doc;
        }
        if (parent != null && parent.isArray()) {
            int i = index(last);
            if (i >= 0 && i < parent.size()) {
                removed[0] = ((ArrayNode) parent).remove(i);
                return doc;
            }
        }
        throw missing(op, path);
    }
}
