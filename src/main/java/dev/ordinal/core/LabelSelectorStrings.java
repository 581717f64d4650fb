package dev.ordinal.core;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Label selectors in their string form ({@code app=nginx,tier in (web)}), as a Scale's {@code status.selector} and
 * the wide Table columns show them: Kubernetes' {@code labels.Selector.String()} of a selector built from a
 * {@code metav1.LabelSelector} or from a plain label map. Keys keep the order the object gives them.
 */
public final class LabelSelectorStrings {
    private LabelSelectorStrings() {
    }

    /** A {@code metav1.LabelSelector} (matchLabels, then matchExpressions); "" for an absent or empty one. */
    public static String ofLabelSelector(JsonNode selector) {
        List<String> parts = new ArrayList<>();
        Json.stringMap(selector, "matchLabels").forEach((k, v) -> parts.add(k + "=" + v));
        for (JsonNode expr : Json.list(selector, "matchExpressions")) {
            String key = Json.str(expr, "key");
            String op = Json.strOr(expr, "", "operator");
            List<String> values = Json.strings(expr, "values");
            switch (op) {
                case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
                case "Exists" -> parts.add(key);
                case "DoesNotExist" -> parts.add("!" + key);
                default -> {
                }
            }
        }
        return String.join(",", parts);
    }

    /** A plain label map such as ReplicationController's {@code spec.selector}; "" for an absent or empty one. */
    public static String ofMap(JsonNode labels) {
        List<String> parts = new ArrayList<>();
        Json.stringMap(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
