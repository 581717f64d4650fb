package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.ordinal.auth.Authorizer;
import dev.ordinal.auth.RequestAttributes;
import dev.ordinal.auth.UserInfo;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RBAC's escalation prevention ({@code ConfirmNoEscalation} in {@code pkg/registry/rbac/validation} and the role and
 * binding registries' checks): a user may write a Role or ClusterRole only with rules they already hold where it
 * applies (or with the {@code escalate} verb on it), and a RoleBinding or ClusterRoleBinding only to a role whose rules
 * they already hold (or with the {@code bind} verb on that role). Otherwise the write is refused with Kubernetes' 403,
 * listing every rule not held. Pure: the authorizer and the policy are given.
 */
public final class EscalationCheck {
    static final String GROUP = "rbac.authorization.k8s.io";

    private EscalationCheck() {
    }

    /**
     * Throws 403 Forbidden when {@code user} may not write {@code obj} (a Role, ClusterRole, RoleBinding or
     * ClusterRoleBinding) because it would grant rules the user does not hold; returns normally otherwise.
     */
    public static void confirm(ObjectNode obj, UserInfo user, Authorizer authorizer, PolicySource policy) {
        String kind = Json.kind(obj);
        String namespace = Json.namespace(obj) == null ? "" : Json.namespace(obj);
        String name = Json.name(obj) == null ? "" : Json.name(obj);
        List<PolicyRule> granted;
        if (kind.equals("Role") || kind.equals("ClusterRole")) {
            if (allowed(authorizer, user, "escalate", namespace, plural(kind), name)) {
                return;
            }
            granted = PolicyRule.rulesOf(obj);
        } else {
            JsonNode ref = obj.path("roleRef");
            String refKind = Json.str(ref, "kind");
            String refName = Json.str(ref, "name");
            if (refKind == null || refName == null) {
                return; // Validation reports the missing roleRef.
            }
            if (allowed(authorizer, user, "bind", namespace, plural(refKind), refName)) {
                return;
            }
            Optional<? extends JsonNode> role = refKind.equals("Role") ? policy.role(namespace, refName)
                    : policy.clusterRole(refName);
            granted = role.map(PolicyRule::rulesOf).orElse(List.of());
        }
        List<PolicyRule> missing = notHeld(granted, user, namespace, authorizer);
        if (!missing.isEmpty()) {
            String groups = user.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(" ", "[", "]"));
            String message = plural(kind) + "." + GROUP + " \"" + name + "\" is forbidden: user \"" + user.name()
                    + "\" (groups=" + groups + ") is attempting to grant RBAC permissions not currently held:\n"
                    + missing.stream().map(EscalationCheck::compact).collect(Collectors.joining("\n"));
            throw new ApiException(403, "Forbidden", message, name, GROUP, plural(kind), null);
        }
    }

    /** The rules of {@code granted}, broken down to one verb on one resource (or URL), that the user does not hold. */
    static List<PolicyRule> notHeld(List<PolicyRule> granted, UserInfo user, String namespace, Authorizer authorizer) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : granted) {
            for (PolicyRule atom : breakdown(rule)) {
                RequestAttributes asked;
                if (!atom.nonResourceURLs().isEmpty()) {
                    asked = RequestAttributes.nonResource(user, atom.verbs().get(0), atom.nonResourceURLs().get(0));
                } else {
                    String resource = atom.resources().get(0);
                    int slash = resource.indexOf('/');
                    asked = RequestAttributes.resource(user, atom.verbs().get(0), atom.apiGroups().get(0), "",
                            namespace, slash < 0 ? resource : resource.substring(0, slash),
                            slash < 0 ? "" : resource.substring(slash + 1),
                            atom.resourceNames().isEmpty() ? "" : atom.resourceNames().get(0));
                }
                if (!authorizer.authorize(asked).allowed()) {
                    missing.add(atom);
                }
            }
        }
        return missing;
    }

    /** {@code BreakdownRule}: one rule per group, resource, resource name and verb, or per URL and verb. */
    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> out = new ArrayList<>();
        for (String verb : rule.verbs()) {
            for (String group : rule.apiGroups()) {
                for (String resource : rule.resources()) {
                    if (rule.resourceNames().isEmpty()) {
                        out.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
                    }
                    for (String resourceName : rule.resourceNames()) {
                        out.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(resourceName),
                                List.of()));
                    }
                }
            }
            for (String url : rule.nonResourceURLs()) {
                out.add(PolicyRule.urls(List.of(verb), List.of(url)));
            }
        }
        return out;
    }

    /** {@code CompactString}: {@code {APIGroups:[""], Resources:["pods"], Verbs:["delete"]}}. */
    static String compact(PolicyRule r) {
        List<String> parts = new ArrayList<>();
        if (!r.apiGroups().isEmpty()) {
            parts.add("APIGroups:" + quoted(r.apiGroups()));
        }
        if (!r.resources().isEmpty()) {
            parts.add("Resources:" + quoted(r.resources()));
        }
        if (!r.resourceNames().isEmpty()) {
            parts.add("ResourceNames:" + quoted(r.resourceNames()));
        }
        if (!r.nonResourceURLs().isEmpty()) {
            parts.add("NonResourceURLs:" + quoted(r.nonResourceURLs()));
        }
        parts.add("Verbs:" + quoted(r.verbs()));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(" ", "[", "]"));
    }

    private static boolean allowed(Authorizer authorizer, UserInfo user, String verb, String namespace,
                                   String resource, String name) {
        return authorizer.authorize(RequestAttributes.resource(user, verb, GROUP, "v1", namespace, resource, "", name))
                .allowed();
    }

    private static String plural(String kind) {
        return switch (kind) {
            case "Role" -> "roles";
            case "ClusterRole" -> "clusterroles";
            case "RoleBinding" -> "rolebindings";
            default -> "clusterrolebindings";
        };
    }
}
