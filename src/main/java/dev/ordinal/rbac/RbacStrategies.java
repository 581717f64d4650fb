package dev.ordinal.rbac;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The validation of {@code pkg/apis/rbac/validation} for the four RBAC kinds: every rule has verbs, and either
 * resources with API groups or non-resource URLs (never both, and never on a namespaced Role); a binding's roleRef
 * names a ClusterRole (or, in a RoleBinding, a Role), its subjects are Users, Groups or ServiceAccounts with a name,
 * and its roleRef never changes ("cannot change roleRef").
 */
@Configuration
public class RbacStrategies {
    private static final String RBAC = "rbac.authorization.k8s.io";

    @Bean
    KindStrategy roleStrategy(EscalationGuard guard) {
        return new RoleStrategy(ResourceTypes.ROLE, guard);
    }

    @Bean
    KindStrategy clusterRoleStrategy(EscalationGuard guard) {
        return new RoleStrategy(ResourceTypes.CLUSTER_ROLE, guard);
    }

    @Bean
    KindStrategy roleBindingStrategy(EscalationGuard guard) {
        return new BindingStrategy(ResourceTypes.ROLE_BINDING, guard);
    }

    @Bean
    KindStrategy clusterRoleBindingStrategy(EscalationGuard guard) {
        return new BindingStrategy(ResourceTypes.CLUSTER_ROLE_BINDING, guard);
    }

    /** What the four RBAC kinds share: no status, and names that are path segments (as Kubernetes validates them). */
    private interface RbacKind extends KindStrategy {
        @Override
        default boolean resetStatusOnCreate() {
            return false;
        }

        @Override
        default boolean nameIsPathSegment() {
            return true;
        }
    }

    record RoleStrategy(ResourceType type, EscalationGuard guard) implements RbacKind {
        @Override
        public List<FieldError> validate(ObjectNode obj) {
            List<FieldError> errs = new ArrayList<>();
            JsonNode rules = obj.get("rules");
            if (rules == null || rules.isNull()) {
                return errs;
            }
            if (!rules.isArray()) {
                errs.add(FieldError.invalid("rules", Json.write(rules), "must be a list of rules"));
                return errs;
            }
            for (int i = 0; i < rules.size(); i++) {
                errs.addAll(validateRule(rules.get(i), "rules[" + i + "]", type.namespaced()));
            }
            if (errs.isEmpty()) {
                guard.confirm(obj); // 403 when it would grant what the writer does not hold.
            }
            return errs;
        }
    }

    record BindingStrategy(ResourceType type, EscalationGuard guard) implements RbacKind {
        @Override
        public List<FieldError> validate(ObjectNode obj) {
            List<FieldError> errs = new ArrayList<>();
            JsonNode ref = obj.path("roleRef");
            String kind = Values.text(ref.path("kind"));
            if (!Values.text(ref.path("apiGroup")).equals(RBAC)) {
                errs.add(FieldError.notSupported("roleRef.apiGroup", Values.text(ref.path("apiGroup")), RBAC));
            }
            if (type.namespaced()) {
                if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
                    errs.add(FieldError.notSupported("roleRef.kind", kind, "ClusterRole", "Role"));
                }
            } else if (!kind.equals("ClusterRole")) {
                errs.add(FieldError.notSupported("roleRef.kind", kind, "ClusterRole"));
            }
            if (Values.text(ref.path("name")).isEmpty()) {
                errs.add(FieldError.required("roleRef.name"));
            }
            JsonNode subjects = obj.get("subjects");
            if (subjects != null && subjects.isArray()) {
                for (int i = 0; i < subjects.size(); i++) {
                    errs.addAll(validateSubject(subjects.get(i), "subjects[" + i + "]"));
                }
            }
            if (errs.isEmpty()) {
                guard.confirm(obj); // 403 when it would grant what the writer does not hold.
            }
            return errs;
        }

        @Override
        public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
            List<FieldError> errs = new ArrayList<>(validate(obj));
            if (!Json.same(obj.path("roleRef"), old.path("roleRef"))) {
                errs.add(FieldError.invalid("roleRef", Json.write(obj.path("roleRef")), "cannot change roleRef"));
            }
            return errs;
        }
    }

    static List<FieldError> validateRule(JsonNode rule, String path, boolean namespaced) {
        List<FieldError> errs = new ArrayList<>();
        if (!rule.isObject()) {
            errs.add(FieldError.invalid(path, Json.write(rule), "must be an object"));
            return errs;
        }
        if (isEmpty(rule.get("verbs"))) {
            errs.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
        }
        boolean urls = !isEmpty(rule.get("nonResourceURLs"));
        if (urls) {
            if (namespaced) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", Json.write(rule.get("nonResourceURLs")),
                        "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!isEmpty(rule.get("apiGroups")) || !isEmpty(rule.get("resources"))) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", Json.write(rule.get("nonResourceURLs")),
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return errs;
        }
        if (isEmpty(rule.get("apiGroups"))) {
            errs.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        }
        if (isEmpty(rule.get("resources"))) {
            errs.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
        }
        return errs;
    }

    static List<FieldError> validateSubject(JsonNode s, String path) {
        List<FieldError> errs = new ArrayList<>();
        String kind = Values.text(s.path("kind"));
        if (Values.text(s.path("name")).isEmpty()) {
            errs.add(FieldError.required(path + ".name"));
        }
        switch (kind) {
            case "ServiceAccount" -> {
                if (Values.text(s.path("namespace")).isEmpty()) {
                    errs.add(FieldError.required(path + ".namespace"));
                }
            }
            case "User", "Group" -> {
                if (!Values.text(s.path("apiGroup")).equals(RBAC)) {
                    errs.add(FieldError.notSupported(path + ".apiGroup", Values.text(s.path("apiGroup")), RBAC));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".kind", kind, "ServiceAccount", "User", "Group"));
        }
        return errs;
    }

    private static boolean isEmpty(JsonNode n) {
        return n == null || !n.isArray() || n.isEmpty();
    }
}
