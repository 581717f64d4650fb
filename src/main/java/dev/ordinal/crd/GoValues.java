package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Renders JSON values the way Go's {@code fmt} renders the decoded {@code interface{}} values in Kubernetes' field
 * errors: strings quoted, numbers and booleans bare, objects as {@code map[string]interface {}{"k":"v"}} and arrays
 * as {@code []interface {}{"a", "b"}}.
 */
final class GoValues {
    private GoValues() {
    }

    /** The value as {@code field.Error} prints it after {@code Invalid value: }. */
    static String render(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "\"null\"";
        }
        if (value.isString()) {
            return quote(value.asString());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        return goSyntax(value);
    }

    /** Go's {@code %#v} of a decoded JSON value. */
    static String goSyntax(JsonNode value) {
        if (value == null || value.isNull()) {
            return "interface {}(nil)";
        }
        if (value.isString()) {
            return quote(value.asString());
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(goSyntax(v)));
            return "[]interface {}{" + String.join(", ", parts) + "}";
        }
        List<String> parts = new ArrayList<>();
        // Go prints map keys sorted.
        new java.util.TreeMap<>(toMap(value)).forEach((k, v) -> parts.add(quote(k) + ":" + goSyntax(v)));
        return "map[string]interface {}{" + String.join(", ", parts) + "}";
    }

    private static Map<String, JsonNode> toMap(JsonNode obj) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    /** The JSON type name kube-openapi reports for a value that has the wrong type. */
    static String typeName(JsonNode value) {
        if (value == null || value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "string";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.isArray() ? "array" : "object";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A number as Go's {@code %v} prints a float64 bound: {@code 5} rather than {@code 5.0}. */
    static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.toString();
        }
        double d = n.asDouble();
        if (d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
