package dev.ordinal.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders bad values the way Kubernetes' {@code field.Error} does, and the small checks every kind shares. */
public final class Values {
    private Values() {
    }

    /**
     * Renders a value for an Invalid message: strings quoted as Go's %q, numbers and booleans bare, anything else as
     * compact JSON (newer apiservers marshal structs and maps to JSON).
     */
    public static String render(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return FieldError.quote(value.stringValue());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        return Json.write(value);
    }

    /** Renders a string map as Go's json.Marshal does: keys sorted, {@code {"k":"v"}}; {@code null} when absent. */
    public static String renderMap(JsonNode map) {
        if (map == null || !map.isObject()) {
            return "null";
        }
        ObjectNode sorted = Json.object();
        Map<String, JsonNode> tree = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            tree.put(e.getKey(), e.getValue());
        }
        tree.forEach(sorted::set);
        return Json.write(sorted);
    }

    /** Kubernetes' ValidateNonnegativeField for an integer field that may be absent. */
    public static List<FieldError> nonNegative(JsonNode value, String field) {
        List<FieldError> errs = new ArrayList<>();
        if (value != null && value.isNumber() && value.asLong() < 0) {
            errs.add(FieldError.invalid(field, value.asString(), "must be greater than or equal to 0"));
        }
        return errs;
    }

    /** Kubernetes' ValidateImmutableField: an Invalid "field is immutable" error when the values differ. */
    public static List<FieldError> immutable(JsonNode now, JsonNode before, String field) {
        JsonNode a = now == null || now.isMissingNode() ? null : now;
        JsonNode b = before == null || before.isMissingNode() ? null : before;
        boolean same = a == null ? b == null || b.isNull() : a.equals(b) || (a.isNull() && b == null);
        if (same) {
            return List.of();
        }
        return List.of(FieldError.invalid(field, render(a), "field is immutable"));
    }

    /** A NotSupported error when {@code value} is a string not among {@code supported}; none when absent. */
    public static List<FieldError> oneOf(JsonNode value, String field, String... supported) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        String v = value.isString() ? value.stringValue() : value.asString();
        for (String s : supported) {
            if (s.equals(v)) {
                return List.of();
            }
        }
        return List.of(FieldError.notSupported(field, v, supported));
    }

    /** Whether a node is absent, null, an empty object or an empty array. */
    public static boolean isEmpty(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || (n.isContainer() && n.isEmpty())
                || (n.isString() && n.stringValue().isEmpty());
    }

    /** The string of a node, or "" when absent or not a scalar. */
    public static String text(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.isContainer()) {
            return "";
        }
        return n.isString() ? n.stringValue() : n.asString();
    }
}
