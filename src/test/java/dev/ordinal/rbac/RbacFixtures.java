package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Rules, subjects and an in-memory policy for the RBAC tests. */
final class RbacFixtures {
    private RbacFixtures() {
    }

    static ObjectNode rule(List<String> verbs, List<String> groups, List<String> resources) {
        ObjectNode r = Json.object();
        verbs.forEach(r.putArray("verbs")::add);
        groups.forEach(r.putArray("apiGroups")::add);
        resources.forEach(r.putArray("resources")::add);
        return r;
    }

    static ObjectNode urlRule(List<String> verbs, List<String> urls) {
        ObjectNode r = Json.object();
        verbs.forEach(r.putArray("verbs")::add);
        urls.forEach(r.putArray("nonResourceURLs")::add);
        return r;
    }

    static ObjectNode subject(String kind, String name) {
        ObjectNode s = Json.object();
        s.put("apiGroup", "rbac.authorization.k8s.io");
        s.put("kind", kind);
        s.put("name", name);
        return s;
    }

    /** Roles and bindings held in lists. */
    static final class Policy implements PolicySource {
        final List<ObjectNode> clusterRoles = new ArrayList<>();
        final List<ObjectNode> roles = new ArrayList<>();
        final List<ObjectNode> clusterBindings = new ArrayList<>();
        final List<ObjectNode> bindings = new ArrayList<>();

        void clusterRole(String name, ObjectNode... rules) {
            clusterRoles.add(withRules(object(name, null), rules));
        }

        void role(String ns, String name, ObjectNode... rules) {
            roles.add(withRules(object(name, ns), rules));
        }

        void clusterBinding(String name, String role, ObjectNode... subjects) {
            clusterBindings.add(binding(object(name, null), "ClusterRole", role, subjects));
        }

        void binding(String ns, String name, String roleKind, String role, ObjectNode... subjects) {
            bindings.add(binding(object(name, ns), roleKind, role, subjects));
        }

        private static ObjectNode object(String name, String ns) {
            ObjectNode o = Json.object();
            Json.meta(o).put("name", name);
            if (ns != null) {
                Json.meta(o).put("namespace", ns);
            }
            return o;
        }

        private static ObjectNode withRules(ObjectNode role, ObjectNode... rules) {
            ArrayNode a = role.putArray("rules");
            for (ObjectNode r : rules) {
                a.add(r);
            }
            return role;
        }

        private static ObjectNode binding(ObjectNode b, String kind, String role, ObjectNode... subjects) {
            b.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", kind).put("name", role);
            ArrayNode a = b.putArray("subjects");
            for (ObjectNode s : subjects) {
                a.add(s);
            }
            return b;
        }

        @Override
        public List<? extends JsonNode> clusterRoleBindings() {
            return clusterBindings;
        }

        @Override
        public List<? extends JsonNode> roleBindings(String namespace) {
            return bindings.stream().filter(b -> namespace.equals(Json.str(b, "metadata", "namespace"))).toList();
        }

        @Override
        public Optional<? extends JsonNode> clusterRole(String name) {
            return clusterRoles.stream().filter(r -> name.equals(Json.str(r, "metadata", "name"))).findFirst();
        }

        @Override
        public Optional<? extends JsonNode> role(String namespace, String name) {
            return roles.stream().filter(r -> name.equals(Json.str(r, "metadata", "name"))
                    && namespace.equals(Json.str(r, "metadata", "namespace"))).findFirst();
        }
    }
}
