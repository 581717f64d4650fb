package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The roles and bindings every Kubernetes cluster starts with (the API server's bootstrap policy), for the kinds
 * Ordinal serves: {@code cluster-admin} (everything, bound to the group {@code system:masters}); the user-facing
 * {@code admin}, {@code edit} and {@code view} (meant for RoleBindings in a namespace; their rules are written out in
 * full rather than aggregated); and the discovery roles every authenticated user has ({@code system:discovery},
 * {@code system:basic-user} for access reviews, {@code system:public-info-viewer} also for anonymous users).
 */
public final class BootstrapPolicy {
    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    private static final String RBAC = "rbac.authorization.k8s.io";

    private BootstrapPolicy() {
    }

    /** The bootstrap ClusterRoles. */
    public static List<ObjectNode> clusterRoles() {
        List<ObjectNode> roles = new ArrayList<>();
        roles.add(role("cluster-admin", List.of(
                PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")),
                PolicyRule.urls(List.of("*"), List.of("*")))));
        roles.add(role("admin", admin()));
        roles.add(role("edit", edit()));
        roles.add(role("view", view()));
        roles.add(role("system:discovery", List.of(PolicyRule.urls(List.of("get"), List.of("/api", "/api/*", "/apis",
                "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/")))));
        roles.add(role("system:public-info-viewer", List.of(PolicyRule.urls(List.of("get"),
                List.of("/healthz", "/livez", "/readyz", "/version", "/version/")))));
        roles.add(role("system:basic-user", List.of(
                PolicyRule.resources(List.of("create"), List.of("authorization.k8s.io"),
                        List.of("selfsubjectaccessreviews", "selfsubjectrulesreviews")),
                PolicyRule.resources(List.of("create"), List.of("authentication.k8s.io"),
                        List.of("selfsubjectreviews")))));
        return roles;
    }

    /** The bootstrap ClusterRoleBindings. */
    public static List<ObjectNode> clusterRoleBindings() {
        return List.of(
                binding("cluster-admin", "cluster-admin", "system:masters"),
                binding("system:discovery", "system:discovery", "system:authenticated"),
                binding("system:basic-user", "system:basic-user", "system:authenticated"),
                binding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated",
                        "system:unauthenticated"));
    }

    /** Reading what a namespace holds, except secrets (Ordinal has none), and the Ordinal extensions' reads. */
    static List<PolicyRule> view() {
        return List.of(
                PolicyRule.resources(READ, List.of(""), List.of("persistentvolumeclaims",
                        "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale",
                        "services", "services/status", "configmaps", "endpoints", "serviceaccounts")),
                PolicyRule.resources(READ, List.of(""), List.of("bindings", "events", "limitranges", "namespaces/status",
                        "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas",
                        "resourcequotas/status")),
                PolicyRule.resources(READ, List.of(""), List.of("namespaces")),
                PolicyRule.resources(READ, List.of("apps"), List.of("controllerrevisions", "daemonsets",
                        "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets",
                        "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
                        "statefulsets/status")),
                PolicyRule.resources(READ, List.of("ordinal.dev"), List.of("*")));
    }

    /** Changing what a namespace holds (workloads, claims, services, and Ordinal's failure injection), plus view. */
    static List<PolicyRule> edit() {
        List<PolicyRule> rules = new ArrayList<>(List.of(
                PolicyRule.resources(WRITE, List.of(""), List.of("pods", "pods/attach", "pods/exec",
                        "pods/portforward", "pods/proxy", "configmaps", "endpoints", "persistentvolumeclaims",
                        "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts",
                        "services", "services/proxy")),
                PolicyRule.resources(List.of("create"), List.of(""), List.of("pods/eviction")),
                PolicyRule.resources(WRITE, List.of("apps"), List.of("daemonsets", "deployments",
                        "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
                        "statefulsets", "statefulsets/scale")),
                PolicyRule.resources(List.of("create"), List.of("ordinal.dev"), List.of("pods/fail"))));
        rules.addAll(view());
        return rules;
    }

    /** Everything {@code edit} allows, and managing who may do what in the namespace (Roles and RoleBindings). */
    static List<PolicyRule> admin() {
        List<PolicyRule> rules = new ArrayList<>(List.of(
                PolicyRule.resources(List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
                        "watch"), List.of(RBAC), List.of("rolebindings", "roles")),
                PolicyRule.resources(List.of("create"), List.of("authorization.k8s.io"),
                        List.of("localsubjectaccessreviews"))));
        rules.addAll(edit());
        return rules;
    }

    private static ObjectNode role(String name, List<PolicyRule> rules) {
        ObjectNode role = bootstrapObject("ClusterRole", name);
        ArrayNode a = role.putArray("rules");
        for (PolicyRule r : rules) {
            r.writeTo(a.addObject());
        }
        return role;
    }

    private static ObjectNode binding(String name, String role, String... groups) {
        ObjectNode b = bootstrapObject("ClusterRoleBinding", name);
        ObjectNode ref = b.putObject("roleRef");
        ref.put("apiGroup", RBAC);
        ref.put("kind", "ClusterRole");
        ref.put("name", role);
        ArrayNode subjects = b.putArray("subjects");
        for (String g : groups) {
            subjects.addObject().put("apiGroup", RBAC).put("kind", "Group").put("name", g);
        }
        return b;
    }

    private static ObjectNode bootstrapObject(String kind, String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", RBAC + "/v1");
        o.put("kind", kind);
        Json.meta(o).put("name", name);
        Json.setLabel(o, "kubernetes.io/bootstrapping", "rbac-defaults");
        Json.setAnnotation(o, "rbac.authorization.kubernetes.io/autoupdate", "true");
        return o;
    }
}
