package dev.ordinal.rbac;

import static dev.ordinal.rbac.RbacFixtures.rule;
import static dev.ordinal.rbac.RbacFixtures.subject;
import static dev.ordinal.rbac.RbacFixtures.urlRule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.auth.Authorizer;
import dev.ordinal.auth.RequestAttributes;
import dev.ordinal.auth.UserInfo;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The RBAC authorizer's decisions, one rule field or binding detail per case, against in-memory fixtures. */
class RbacAuthorizerTest {
    private static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("dev"));
    private final RbacFixtures.Policy policy = new RbacFixtures.Policy();
    private final RbacAuthorizer rbac = new RbacAuthorizer(policy);

    @Test
    void noBindingMeansNo() {
        assertThat(allowed(ALICE, "get", "", "default", "pods", "", "")).isFalse();
    }

    @Test
    void aClusterRoleBindingToAUserAppliesInEveryNamespace() {
        policy.clusterRole("reader", rule(List.of("get", "list"), List.of(""), List.of("pods")));
        policy.clusterBinding("read", "reader", subject("User", "alice"));
        assertThat(allowed(ALICE, "list", "", "default", "pods", "", "")).isTrue();
        assertThat(allowed(ALICE, "get", "", "other", "pods", "", "web-0")).isTrue();
        assertThat(allowed(ALICE, "delete", "", "default", "pods", "", "web-0")).isFalse();
    }

    @Test
    void theAllowReasonNamesTheBindingTheRoleAndTheSubject() {
        policy.clusterRole("reader", rule(List.of("get"), List.of(""), List.of("pods")));
        policy.clusterBinding("read", "reader", subject("Group", "dev"));
        Authorizer.Decision d = rbac.authorize(request(ALICE, "get", "", "default", "pods", "", "x"));
        assertThat(d.reason()).isEqualTo("RBAC: allowed by ClusterRoleBinding \"read\" of ClusterRole \"reader\" to Group \"dev\"");
    }

    @Test
    void aRoleBindingAppliesOnlyInItsNamespace() {
        policy.clusterRole("edit", rule(List.of("*"), List.of(""), List.of("pods")));
        policy.binding("team-a", "edit-here", "ClusterRole", "edit", subject("User", "alice"));
        assertThat(allowed(ALICE, "delete", "", "team-a", "pods", "", "web-0")).isTrue();
        assertThat(allowed(ALICE, "delete", "", "team-b", "pods", "", "web-0")).isFalse();
        assertThat(allowed(ALICE, "list", "", "", "pods", "", "")).isFalse();
    }

    @Test
    void aRoleBindingToARoleReadsTheRoleOfItsOwnNamespace() {
        policy.role("team-a", "pod-reader", rule(List.of("get"), List.of(""), List.of("pods")));
        policy.binding("team-a", "read", "Role", "pod-reader", subject("User", "alice"));
        assertThat(allowed(ALICE, "get", "", "team-a", "pods", "", "x")).isTrue();
        assertThat(rbac.authorize(request(ALICE, "get", "", "team-a", "pods", "", "x")).reason())
                .isEqualTo("RBAC: allowed by RoleBinding \"read/team-a\" of Role \"pod-reader\" to User \"alice\"");
    }

    @Test
    void theApiGroupMustMatch() {
        policy.clusterRole("r", rule(List.of("get"), List.of("apps"), List.of("statefulsets")));
        policy.clusterBinding("b", "r", subject("User", "alice"));
        assertThat(allowed(ALICE, "get", "apps", "default", "statefulsets", "", "web")).isTrue();
        assertThat(allowed(ALICE, "get", "", "default", "statefulsets", "", "web")).isFalse();
    }

    @Test
    void aSubresourceNeedsItsOwnResourceEntryOrAStarSlashForm() {
        policy.clusterRole("r", rule(List.of("get"), List.of(""), List.of("pods")));
        policy.clusterRole("logs", rule(List.of("get"), List.of(""), List.of("*/log")));
        policy.clusterBinding("b", "r", subject("User", "alice"));
        assertThat(allowed(ALICE, "get", "", "default", "pods", "log", "web-0")).isFalse();
        policy.clusterBinding("b2", "logs", subject("User", "alice"));
        assertThat(allowed(ALICE, "get", "", "default", "pods", "log", "web-0")).isTrue();
        assertThat(allowed(ALICE, "get", "", "default", "pods", "status", "web-0")).isFalse();
    }

    @Test
    void resourceNamesLimitARuleToThoseObjectsAndNeverAllowACreateOrList() {
        ObjectNode r = rule(List.of("get", "create", "list"), List.of(""), List.of("pods"));
        r.putArray("resourceNames").add("web-0");
        policy.clusterRole("one", r);
        policy.clusterBinding("b", "one", subject("User", "alice"));
        assertThat(allowed(ALICE, "get", "", "default", "pods", "", "web-0")).isTrue();
        assertThat(allowed(ALICE, "get", "", "default", "pods", "", "web-1")).isFalse();
        assertThat(allowed(ALICE, "create", "", "default", "pods", "", "")).isFalse();
        assertThat(allowed(ALICE, "list", "", "default", "pods", "", "")).isFalse();
    }

    @Test
    void aServiceAccountSubjectMatchesItsUserName() {
        policy.clusterRole("r", rule(List.of("get"), List.of(""), List.of("pods")));
        ObjectNode sa = subject("ServiceAccount", "builder");
        sa.remove("apiGroup");
        sa.put("namespace", "ci");
        policy.clusterBinding("b", "r", sa);
        UserInfo builder = UserInfo.authenticated("system:serviceaccount:ci:builder", "", List.of());
        assertThat(allowed(builder, "get", "", "default", "pods", "", "x")).isTrue();
        assertThat(allowed(UserInfo.authenticated("builder", "", List.of()), "get", "", "default", "pods", "", "x"))
                .isFalse();
    }

    @Test
    void nonResourceUrlsMatchExactlyOrByATrailingStar() {
        policy.clusterRole("r", urlRule(List.of("get"), List.of("/healthz", "/apis/*")));
        policy.clusterBinding("b", "r", subject("User", "alice"));
        assertThat(rbac.authorize(RequestAttributes.nonResource(ALICE, "get", "/healthz")).allowed()).isTrue();
        assertThat(rbac.authorize(RequestAttributes.nonResource(ALICE, "get", "/apis/apps/v1")).allowed()).isTrue();
        assertThat(rbac.authorize(RequestAttributes.nonResource(ALICE, "get", "/version")).allowed()).isFalse();
        assertThat(rbac.authorize(RequestAttributes.nonResource(ALICE, "post", "/healthz")).allowed()).isFalse();
    }

    @Test
    void aBindingToAMissingRoleAllowsNothingAndSaysWhy() {
        policy.clusterBinding("b", "gone", subject("User", "alice"));
        Authorizer.Decision d = rbac.authorize(request(ALICE, "get", "", "default", "pods", "", "x"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found");
    }

    @Test
    void theBootstrapViewRoleReadsButDoesNotWrite() {
        BootstrapPolicy.clusterRoles().forEach(policy.clusterRoles::add);
        policy.binding("default", "v", "ClusterRole", "view", subject("User", "alice"));
        assertThat(allowed(ALICE, "list", "", "default", "pods", "", "")).isTrue();
        assertThat(allowed(ALICE, "get", "", "default", "pods", "log", "web-0")).isTrue();
        assertThat(allowed(ALICE, "watch", "apps", "default", "statefulsets", "", "")).isTrue();
        assertThat(allowed(ALICE, "delete", "", "default", "pods", "", "web-0")).isFalse();
        assertThat(allowed(ALICE, "list", "rbac.authorization.k8s.io", "default", "roles", "", "")).isFalse();
    }

    @Test
    void theBootstrapEditRoleWritesWorkloadsButNotRbac() {
        BootstrapPolicy.clusterRoles().forEach(policy.clusterRoles::add);
        policy.binding("default", "e", "ClusterRole", "edit", subject("User", "alice"));
        assertThat(allowed(ALICE, "patch", "apps", "default", "statefulsets", "scale", "web")).isTrue();
        assertThat(allowed(ALICE, "create", "", "default", "persistentvolumeclaims", "", "")).isTrue();
        assertThat(allowed(ALICE, "create", "rbac.authorization.k8s.io", "default", "rolebindings", "", "")).isFalse();
        assertThat(allowed(ALICE, "create", "", "", "namespaces", "", "")).isFalse();
    }

    @Test
    void systemMastersIsClusterAdminThroughTheBootstrapBinding() {
        BootstrapPolicy.clusterRoles().forEach(policy.clusterRoles::add);
        BootstrapPolicy.clusterRoleBindings().forEach(policy.clusterBindings::add);
        UserInfo admin = UserInfo.authenticated("root", "", List.of("system:masters"));
        assertThat(allowed(admin, "deletecollection", "", "", "nodes", "", "")).isTrue();
        assertThat(rbac.authorize(RequestAttributes.nonResource(admin, "get", "/metrics")).allowed()).isTrue();
        assertThat(allowed(ALICE, "deletecollection", "", "", "nodes", "", "")).isFalse();
        assertThat(rbac.authorize(RequestAttributes.nonResource(ALICE, "get", "/apis")).allowed()).isTrue();
        assertThat(rbac.authorize(RequestAttributes.nonResource(UserInfo.anonymous(), "get", "/apis")).allowed())
                .isFalse();
        assertThat(rbac.authorize(RequestAttributes.nonResource(UserInfo.anonymous(), "get", "/version")).allowed())
                .isTrue();
    }

    @Test
    void rulesForListsTheRulesOfEveryBindingThatApplies() {
        policy.clusterRole("r", rule(List.of("get"), List.of(""), List.of("pods")));
        policy.clusterRole("u", urlRule(List.of("get"), List.of("/version")));
        policy.clusterBinding("b", "r", subject("User", "alice"));
        policy.clusterBinding("c", "u", subject("Group", "dev"));
        policy.binding("other", "d", "ClusterRole", "r", subject("User", "alice"));
        Authorizer.Rules rules = rbac.rulesFor(ALICE, "default");
        assertThat(rules.resourceRules()).hasSize(1);
        assertThat(rules.nonResourceRules()).hasSize(1);
        assertThat(rules.incomplete()).isFalse();
        assertThat(rbac.rulesFor(ALICE, "other").resourceRules()).hasSize(2);
    }

    // ------------------------------------------------------------------ fixtures

    private boolean allowed(UserInfo user, String verb, String group, String ns, String resource, String sub,
                            String name) {
        return rbac.authorize(request(user, verb, group, ns, resource, sub, name)).allowed();
    }

    private static RequestAttributes request(UserInfo user, String verb, String group, String ns, String resource,
                                             String sub, String name) {
        return RequestAttributes.resource(user, verb, group, "v1", ns, resource, sub, name);
    }
}
