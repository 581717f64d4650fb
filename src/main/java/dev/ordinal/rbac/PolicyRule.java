package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One rule of a Role or ClusterRole ({@code rbac.authorization.k8s.io/v1 PolicyRule}): verbs on resources of API
 * groups (optionally only the named objects), or verbs on non-resource URLs.
 */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {

    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /** A rule about resources. */
    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
    }

    /** A rule about non-resource URLs. */
    public static PolicyRule urls(List<String> verbs, List<String> urls) {
        return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
    }

    /** Reads the {@code rules} of a Role or ClusterRole; missing or mistyped fields read as empty. */
    public static List<PolicyRule> rulesOf(JsonNode role) {
        List<PolicyRule> rules = new ArrayList<>();
        JsonNode array = role == null ? null : role.get("rules");
        if (array == null || !array.isArray()) {
            return rules;
        }
        for (JsonNode r : array) {
            rules.add(new PolicyRule(strings(r, "verbs"), strings(r, "apiGroups"), strings(r, "resources"),
                    strings(r, "resourceNames"), strings(r, "nonResourceURLs")));
        }
        return rules;
    }

    /** Writes this rule as Kubernetes does, leaving out empty lists. */
    public void writeTo(ObjectNode out) {
        put(out, "verbs", verbs, true);
        put(out, "apiGroups", apiGroups, false);
        put(out, "resources", resources, false);
        put(out, "resourceNames", resourceNames, false);
        put(out, "nonResourceURLs", nonResourceURLs, false);
    }

    private static void put(ObjectNode out, String field, List<String> values, boolean always) {
        if (always || !values.isEmpty()) {
            var a = out.putArray(field);
            values.forEach(a::add);
        }
    }

    private static List<String> strings(JsonNode r, String field) {
        JsonNode a = r.get(field);
        List<String> out = new ArrayList<>();
        if (a != null && a.isArray()) {
            for (JsonNode v : a) {
                if (v.isString()) {
                    out.add(v.asString());
                }
            }
        }
        return out;
    }
}
