package dev.ordinal.rbac;

import static dev.ordinal.rbac.RbacFixtures.rule;
import static dev.ordinal.rbac.RbacFixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import dev.ordinal.auth.UserInfo;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Escalation prevention, one grant per case: a namespace admin (every verb on pods, and on roles and bindings
 * every verb but escalate and bind, in team-a) may hand out what they hold there, and nothing more, unless they may escalate or bind.
 */
class EscalationCheckTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("dev"));
    private final RbacFixtures.Policy policy = new RbacFixtures.Policy();
    private final RbacAuthorizer rbac = new RbacAuthorizer(policy);

    @BeforeEach
    void aliceAdministersTeamA() {
        policy.clusterRole("team-admin", rule(List.of("*"), List.of(""), List.of("pods")),
                // As Kubernetes' admin role: every verb on roles and bindings but escalate and bind, which "*" would
                // include.
                rule(List.of("get", "list", "watch", "create", "update", "patch", "delete"),
                        List.of("rbac.authorization.k8s.io"), List.of("roles", "rolebindings")));
        policy.binding("team-a", "alice-admin", "ClusterRole", "team-admin", subject("User", "alice"));
        policy.clusterRole("cluster-admin", rule(List.of("*"), List.of("*"), List.of("*")));
    }

    @Test
    void aRoleWithRulesTheWriterHoldsIsAllowed() {
        assertThatCode(() -> confirm(role("team-a", rule(List.of("get", "delete"), List.of(""), List.of("pods")))))
                .doesNotThrowAnyException();
    }

    @Test
    void aRoleWithARuleTheWriterLacksIsRefusedWithKubernetesMessage() {
        ApiException e = refused(role("team-a", rule(List.of("get"), List.of(""), List.of("pods", "secrets"))));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("roles.rbac.authorization.k8s.io \"granted\" is forbidden: user \"alice\""
                + " (groups=[\"dev\" \"system:authenticated\"]) is attempting to grant RBAC permissions not currently"
                + " held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}");
    }

    @Test
    void theSameRoleInANamespaceTheWriterDoesNotAdministerIsRefused() {
        assertThat(refused(role("team-b", rule(List.of("get"), List.of(""), List.of("pods")))).code()).isEqualTo(403);
    }

    @Test
    void bindingClusterAdminInTheWritersNamespaceIsRefused() {
        ApiException e = refused(binding("team-a", "ClusterRole", "cluster-admin"));
        assertThat(e.getMessage()).startsWith("rolebindings.rbac.authorization.k8s.io \"granted\" is forbidden")
                .contains("{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
    }

    @Test
    void bindingARoleWhoseRulesTheWriterHoldsIsAllowed() {
        policy.role("team-a", "pod-reader", rule(List.of("get", "list"), List.of(""), List.of("pods")));
        assertThatCode(() -> confirm(binding("team-a", "Role", "pod-reader"))).doesNotThrowAnyException();
    }

    @Test
    void theBindVerbOnTheRoleAllowsBindingItWithoutHoldingItsRules() {
        policy.clusterRole("binder", bindRule("cluster-admin"));
        policy.binding("team-a", "alice-binds", "ClusterRole", "binder", subject("User", "alice"));
        assertThatCode(() -> confirm(binding("team-a", "ClusterRole", "cluster-admin"))).doesNotThrowAnyException();
    }

    @Test
    void theEscalateVerbAllowsWritingAnyRole() {
        ObjectNode escalate = rule(List.of("escalate"), List.of("rbac.authorization.k8s.io"), List.of("roles"));
        policy.clusterRole("escalator", escalate);
        policy.binding("team-a", "alice-escalates", "ClusterRole", "escalator", subject("User", "alice"));
        assertThatCode(() -> confirm(role("team-a", rule(List.of("*"), List.of("*"), List.of("*")))))
                .doesNotThrowAnyException();
    }

    private static ObjectNode bindRule(String roleName) {
        ObjectNode r = rule(List.of("bind"), List.of("rbac.authorization.k8s.io"), List.of("clusterroles"));
        r.putArray("resourceNames").add(roleName);
        return r;
    }

    private void confirm(ObjectNode obj) {
        EscalationCheck.confirm(obj, ALICE, rbac, policy);
    }

    private ApiException refused(ObjectNode obj) {
        return catchThrowableOfType(ApiException.class, () -> confirm(obj));
    }

    private static ObjectNode role(String ns, ObjectNode... rules) {
        ObjectNode o = Json.object().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "Role");
        Json.meta(o).put("name", "granted").put("namespace", ns);
        var array = o.putArray("rules");
        for (ObjectNode r : rules) {
            array.add(r);
        }
        return o;
    }

    private static ObjectNode binding(String ns, String roleKind, String roleName) {
        ObjectNode o = Json.object().put("apiVersion", "rbac.authorization.k8s.io/v1").put("kind", "RoleBinding");
        Json.meta(o).put("name", "granted").put("namespace", ns);
        o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", roleKind).put("name", roleName);
        o.putArray("subjects").add(subject("User", "bob"));
        return o;
    }
}
