package dev.ordinal.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The one label-selector matcher, as Kubernetes' {@code labels.Selector.Matches}: every selector shape the project
 * reads — a {@code metav1.LabelSelector} object (matchLabels and matchExpressions), a plain label map
 * (ReplicationController's and Service's {@code spec.selector}), a node-selector requirement, and a parsed
 * {@code ?labelSelector=} requirement — is decided by {@link #requirementHolds}. Depends on nothing in the project,
 * so the store, the API and every controller can use it.
 */
public final class LabelSelectorMatcher {
    private LabelSelectorMatcher() {
    }

    /**
     * Whether the value a label has (null when absent) satisfies one requirement. Operators are the API's spellings
     * ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}) and the query language's ({@code =},
     * {@code ==}, {@code in}, {@code !=}, {@code notin}, {@code exists}, {@code !exists}); an unknown operator matches
     * nothing.
     */
    public static boolean requirementHolds(String operator, Collection<String> values, String value) {
        return switch (operator == null ? "" : operator) {
            case "In", "in", "=", "==" -> value != null && values.contains(value);
            case "NotIn", "notin", "!=" -> value == null || !values.contains(value);
            case "Exists", "exists" -> value != null;
            case "DoesNotExist", "!exists" -> value == null;
            default -> false;
        };
    }

    /**
     * Whether a {@code metav1.LabelSelector} object selects {@code labels}: every matchLabels pair present and equal,
     * every matchExpressions requirement holds. An empty selector selects everything ({@code LabelSelectorAsSelector});
     * a missing or non-object selector selects nothing.
     */
    public static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || !selector.isObject()) {
            return false;
        }
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            for (Map.Entry<String, JsonNode> e : matchLabels.properties()) {
                String want = e.getValue().isNull() ? "" : e.getValue().asString();
                if (!want.equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            if (!expressionHolds(expr, labels)) {
                return false;
            }
        }
        return true;
    }

    /** As {@link #matches}, but a selector with neither matchLabels nor matchExpressions selects nothing. */
    public static boolean matchesNonEmpty(JsonNode selector, Map<String, String> labels) {
        return selector != null && selector.isObject() && !isEmpty(selector) && matches(selector, labels);
    }

    /** Whether the selector has no matchLabels and no matchExpressions. */
    public static boolean isEmpty(JsonNode selector) {
        JsonNode l = selector.path("matchLabels");
        JsonNode e = selector.path("matchExpressions");
        return (!l.isObject() || l.isEmpty()) && (!e.isArray() || e.isEmpty());
    }

    /** Whether every pair of a map selector is present and equal in {@code labels} (an empty map selects all). */
    public static boolean matchesMap(Map<String, String> selector, Map<String, String> labels) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!requirementHolds("=", List.of(e.getValue()), labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether one {@code {key, operator, values}} expression (a LabelSelector's or a NodeSelectorTerm's) holds. */
    public static boolean expressionHolds(JsonNode expr, Map<String, String> labels) {
        String key = expr.path("key").isString() ? expr.path("key").asString() : "";
        String op = expr.path("operator").isString() ? expr.path("operator").asString() : "";
        List<String> values = new ArrayList<>();
        for (JsonNode v : expr.path("values")) {
            values.add(v.asString());
        }
        return requirementHolds(op, values, labels.get(key));
    }
}
