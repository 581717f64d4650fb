package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ordinal.auth.Authorizer;
import dev.ordinal.auth.RequestAttributes;
import dev.ordinal.auth.UserInfo;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes' RBAC authorizer: a request is allowed when some rule of a role bound to the user allows it. Every
 * ClusterRoleBinding applies everywhere; a RoleBinding applies in its own namespace, to a Role of that namespace or
 * to a ClusterRole's rules. Subjects match a user by name, a group the user is in, or a service account
 * ({@code system:serviceaccount:<namespace>:<name>}). Nothing is ever denied explicitly: no rule means no.
 */
public final class RbacAuthorizer implements Authorizer {
    private static final String SA_PREFIX = "system:serviceaccount:";
    private final PolicySource policy;

    public RbacAuthorizer(PolicySource policy) {
        this.policy = policy;
    }

    @Override
    public Decision authorize(RequestAttributes request) {
        List<String> errors = new ArrayList<>();
        for (JsonNode binding : policy.clusterRoleBindings()) {
            String allowedBy = allowedBy(binding, "", request, errors);
            if (allowedBy != null) {
                return new Decision(true, "RBAC: allowed by ClusterRoleBinding \"" + name(binding) + "\" " + allowedBy);
            }
        }
        if (!request.namespace().isEmpty()) {
            for (JsonNode binding : policy.roleBindings(request.namespace())) {
                String allowedBy = allowedBy(binding, request.namespace(), request, errors);
                if (allowedBy != null) {
                    return new Decision(true, "RBAC: allowed by RoleBinding \"" + name(binding) + "/"
                            + request.namespace() + "\" " + allowedBy);
                }
            }
        }
        return new Decision(false, errors.isEmpty() ? "" : "RBAC: " + String.join(", ", errors));
    }

    @Override
    public Rules rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (JsonNode binding : policy.clusterRoleBindings()) {
            if (subjectFor(binding, user, "") != null) {
                rulesOf(binding, "", errors).ifPresent(rules::addAll);
            }
        }
        if (namespace != null && !namespace.isEmpty()) {
            for (JsonNode binding : policy.roleBindings(namespace)) {
                if (subjectFor(binding, user, namespace) != null) {
                    rulesOf(binding, namespace, errors).ifPresent(rules::addAll);
                }
            }
        }
        List<ResourceRule> resourceRules = new ArrayList<>();
        List<NonResourceRule> nonResourceRules = new ArrayList<>();
        for (PolicyRule r : rules) {
            if (!r.resources().isEmpty()) {
                resourceRules.add(new ResourceRule(r.verbs(), r.apiGroups(), r.resources(), r.resourceNames()));
            }
            if (!r.nonResourceURLs().isEmpty()) {
                nonResourceRules.add(new NonResourceRule(r.verbs(), r.nonResourceURLs()));
            }
        }
        return new Rules(resourceRules, nonResourceRules, !errors.isEmpty(), String.join(", ", errors));
    }

    /** Why {@code binding} allows {@code request} ("of ClusterRole "x" to User "y""), or null when it does not. */
    private String allowedBy(JsonNode binding, String namespace, RequestAttributes request, List<String> errors) {
        JsonNode subject = subjectFor(binding, request.user(), namespace);
        if (subject == null) {
            return null;
        }
        Optional<List<PolicyRule>> rules = rulesOf(binding, namespace, errors);
        if (rules.isEmpty() || rules.get().stream().noneMatch(r -> RuleMatching.allows(r, request))) {
            return null;
        }
        return "of " + text(binding.path("roleRef"), "kind") + " \"" + text(binding.path("roleRef"), "name")
                + "\" to " + describe(subject, namespace);
    }

    /** The rules of the role a binding refers to; empty (and an error noted) when the role does not exist. */
    private Optional<List<PolicyRule>> rulesOf(JsonNode binding, String namespace, List<String> errors) {
        JsonNode ref = binding.path("roleRef");
        String kind = text(ref, "kind");
        String roleName = text(ref, "name");
        Optional<? extends JsonNode> role = switch (kind) {
            case "ClusterRole" -> policy.clusterRole(roleName);
            case "Role" -> namespace.isEmpty() ? Optional.empty() : policy.role(namespace, roleName);
            default -> Optional.empty();
        };
        if (role.isEmpty()) {
            String where = kind.equals("Role") ? "role.rbac.authorization.k8s.io \"" + roleName + "\" not found"
                    : "clusterrole.rbac.authorization.k8s.io \"" + roleName + "\" not found";
            if (!errors.contains(where)) {
                errors.add(where);
            }
            return Optional.empty();
        }
        return Optional.of(PolicyRule.rulesOf(role.get()));
    }

    /** The first subject of {@code binding} that is {@code user}, or null. */
    static JsonNode subjectFor(JsonNode binding, UserInfo user, String bindingNamespace) {
        JsonNode subjects = binding.get("subjects");
        if (subjects == null || !subjects.isArray()) {
            return null;
        }
        for (JsonNode s : subjects) {
            if (appliesTo(s, user, bindingNamespace)) {
                return s;
            }
        }
        return null;
    }

    static boolean appliesTo(JsonNode subject, UserInfo user, String bindingNamespace) {
        String name = text(subject, "name");
        return switch (text(subject, "kind")) {
            case "User" -> user.name().equals(name);
            case "Group" -> user.groups().contains(name);
            case "ServiceAccount" -> {
                String ns = text(subject, "namespace").isEmpty() ? bindingNamespace : text(subject, "namespace");
                yield !ns.isEmpty() && user.name().equals(SA_PREFIX + ns + ":" + name);
            }
            default -> false;
        };
    }

    private static String describe(JsonNode subject, String bindingNamespace) {
        String kind = text(subject, "kind");
        String name = text(subject, "name");
        if (kind.equals("ServiceAccount")) {
            String ns = text(subject, "namespace").isEmpty() ? bindingNamespace : text(subject, "namespace");
            return "ServiceAccount \"" + name + "/" + ns + "\"";
        }
        return kind + " \"" + name + "\"";
    }

    private static String name(JsonNode obj) {
        return text(obj.path("metadata"), "name");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isString() ? v.asString() : "";
    }
}
