package dev.ordinal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.MetadataValidation;
import tools.jackson.databind.JsonNode;

/** Label and field selectors as Kubernetes parses them; a bad selector is a 400 BadRequest. */
public final class Selectors {
    private static final Pattern SET_EXPR = Pattern.compile("^\\s*([^\\s!=,()]+)\\s+(in|notin)\\s+\\(([^)]*)\\)\\s*$");

    private Selectors() {
    }

    /** A label requirement: key, operator (=, !=, in, notin, exists, !exists), values. */
    public record Requirement(String key, String op, Set<String> values) {
        public boolean matches(Map<String, String> labels) {
            return dev.ordinal.core.LabelSelectorMatcher.requirementHolds(op, values, labels.get(key));
        }
    }

    /** Parses a label selector string; null or blank selects everything. */
    public static Predicate<Map<String, String>> parseLabelSelector(String selector) {
        List<Requirement> reqs = parseRequirements(selector);
        return labels -> reqs.stream().allMatch(r -> r.matches(labels));
    }

    public static List<Requirement> parseRequirements(String selector) {
        List<Requirement> reqs = new ArrayList<>();
        if (selector == null || selector.isBlank()) {
            return reqs;
        }
        for (String term : splitTopLevel(selector)) {
            String t = term.trim();
            if (t.isEmpty()) {
                throw bad(selector, "found '', expected: !, identifier, or 'end of string'");
            }
            Matcher m = SET_EXPR.matcher(t);
            if (m.matches()) {
                Set<String> values = new java.util.LinkedHashSet<>();
                for (String v : m.group(3).split(",")) {
                    String vv = v.trim();
                    checkValue(selector, vv);
                    values.add(vv);
                }
                checkKey(selector, m.group(1));
                reqs.add(new Requirement(m.group(1), m.group(2), values));
            } else if (t.startsWith("!")) {
                String key = t.substring(1).trim();
                checkKey(selector, key);
                reqs.add(new Requirement(key, "!exists", Set.of()));
            } else if (t.contains("!=")) {
                String[] kv = t.split("!=", 2);
                reqs.add(keyValue(selector, kv[0], "!=", kv[1]));
            } else if (t.contains("==")) {
                String[] kv = t.split("==", 2);
                reqs.add(keyValue(selector, kv[0], "=", kv[1]));
            } else if (t.contains("=")) {
                String[] kv = t.split("=", 2);
                reqs.add(keyValue(selector, kv[0], "=", kv[1]));
            } else if (t.contains(" ") || t.contains("(") || t.contains(")")) {
                throw bad(selector, "unable to parse requirement: found '" + t + "', expected: in, notin, =, ==, !=, gt, lt");
            } else {
                checkKey(selector, t);
                reqs.add(new Requirement(t, "exists", Set.of()));
            }
        }
        return reqs;
    }

    private static Requirement keyValue(String selector, String key, String op, String value) {
        String k = key.trim();
        String v = value.trim();
        checkKey(selector, k);
        checkValue(selector, v);
        return new Requirement(k, op, Set.of(v));
    }

    private static void checkKey(String selector, String key) {
        if (key.isEmpty() || !MetadataValidation.qualifiedName("key", key).isEmpty()) {
            throw bad(selector, "unable to parse requirement: invalid label key \"" + key + "\"");
        }
    }

    private static void checkValue(String selector, String value) {
        if (!MetadataValidation.labels("values", Json.stringMapNode(Map.of("k", value))).isEmpty()) {
            throw bad(selector, "unable to parse requirement: invalid label value: \"" + value + "\"");
        }
    }

    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (depth != 0) {
            throw bad(s, "unable to parse requirement: unbalanced parentheses");
        }
        parts.add(cur.toString());
        return parts;
    }

    private static ApiException bad(String selector, String why) {
        return ApiException.badRequest("unable to parse requirement: " + why.replaceFirst("^unable to parse requirement: ", "")
                + " (selector \"" + selector + "\")");
    }

    /** A field requirement: a supported field path, equal or not equal, a value. */
    public record FieldRequirement(String field, boolean equal, String value) {
    }

    /**
     * Parses a field selector for a kind. Supported fields: {@code metadata.name}, {@code metadata.namespace}, plus
     * the fields Kubernetes indexes for the kind, as its definition lists them. An unsupported field is a 400
     * BadRequest with Kubernetes' message.
     */
    public static Predicate<JsonNode> parseFieldSelector(KindDefinition kind, String selector) {
        List<FieldRequirement> reqs = new ArrayList<>();
        if (selector != null && !selector.isBlank()) {
            for (String term : selector.split(",")) {
                String t = term.trim();
                String[] kv;
                boolean equal;
                if (t.contains("!=")) {
                    kv = t.split("!=", 2);
                    equal = false;
                } else if (t.contains("==")) {
                    kv = t.split("==", 2);
                    equal = true;
                } else if (t.contains("=")) {
                    kv = t.split("=", 2);
                    equal = true;
                } else {
                    throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + t + "'");
                }
                String field = kv[0].trim();
                if (!supportedFields(kind).contains(field)) {
                    throw ApiException.badRequest("field label not supported: " + field);
                }
                reqs.add(new FieldRequirement(field, equal, kv[1].trim()));
            }
        }
        return obj -> reqs.stream().allMatch(r -> {
            String actual = kind.fieldValue(obj, r.field());
            return r.equal() == r.value().equals(actual == null ? "" : actual);
        });
    }

    /**
     * The name a field selector requires ({@code metadata.name=N} or {@code metadata.name==N}), or null when it
     * requires none: only objects of that name can match it, so a list or watch need look up no other. The selector
     * must already have been accepted by {@link #parseFieldSelector}.
     */
    public static String requiredName(String selector) {
        if (selector == null || selector.isBlank()) {
            return null;
        }
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.contains("!=")) {
                continue;
            }
            String[] kv = t.contains("==") ? t.split("==", 2) : t.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals("metadata.name")) {
                return kv[1].trim();
            }
        }
        return null;
    }

    /** {@code metadata.name}, {@code metadata.namespace} and the fields the kind's definition declares. */
    public static Set<String> supportedFields(KindDefinition kind) {
        Set<String> fields = new java.util.HashSet<>(Set.of("metadata.name", "metadata.namespace"));
        fields.addAll(kind.fieldSelectors());
        return fields;
    }
}
