package dev.ordinal.rbac;

import java.util.List;

import dev.ordinal.auth.RequestAttributes;

/**
 * Whether one rule allows one request, exactly as Kubernetes' RBAC authorizer decides ({@code RuleAllows} in
 * {@code plugin/pkg/auth/authorizer/rbac}): {@code *} matches any verb, group, resource or URL; a resource request
 * with a subresource matches {@code resource/subresource} or {@code *}{@code /subresource}; a rule with resource
 * names matches only requests that name one of them (so never a create or a list); a non-resource URL rule ending
 * in {@code *} matches every path with that prefix.
 */
public final class RuleMatching {
    private static final String ALL = "*";

    private RuleMatching() {
    }

    /** Whether {@code rule} allows {@code request}. */
    public static boolean allows(PolicyRule rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            String combined = request.subresource().isEmpty() ? request.resource()
                    : request.resource() + "/" + request.subresource();
            return verbMatches(rule, request.verb()) && apiGroupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, combined, request.subresource())
                    && resourceNameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && nonResourceUrlMatches(rule, request.path());
    }

    static boolean verbMatches(PolicyRule rule, String verb) {
        return contains(rule.verbs(), verb);
    }

    static boolean apiGroupMatches(PolicyRule rule, String group) {
        return contains(rule.apiGroups(), group);
    }

    static boolean resourceMatches(PolicyRule rule, String combined, String subresource) {
        for (String r : rule.resources()) {
            if (r.equals(ALL) || r.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && r.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    static boolean resourceNameMatches(PolicyRule rule, String name) {
        return rule.resourceNames().isEmpty() || rule.resourceNames().contains(name);
    }

    static boolean nonResourceUrlMatches(PolicyRule rule, String path) {
        for (String url : rule.nonResourceURLs()) {
            if (url.equals(ALL) || url.equals(path)) {
                return true;
            }
            if (url.endsWith(ALL) && path.startsWith(url.substring(0, url.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<String> values, String value) {
        return values.contains(ALL) || values.contains(value);
    }
}
