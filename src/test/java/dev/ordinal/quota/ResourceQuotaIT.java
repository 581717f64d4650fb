package dev.ordinal.quota;

import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ResourceQuota end to end: admission refuses what exceeds a quota with Kubernetes' 403, the quota controller keeps
 * status.used, a StatefulSet whose claims exceed requests.storage reports FailedCreate, and a ReplicaSet or
 * ReplicationController shows the ReplicaFailure condition while its pods exceed the quota (upstream's "should
 * surface a failure condition on a common issue like exceeded quota").
 */
class ResourceQuotaIT extends ApiIntegrationTest {
    private static final String MERGE = "application/merge-patch+json";

    private static String quotas(String ns) {
        return "/api/v1/namespaces/" + ns + "/resourcequotas";
    }

    /** Creates a quota and waits until the controller has computed its usage. */
    private void quota(String ns, String name, String hard) {
        w.create(quotas(ns), """
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"%s"},"spec":{"hard":%s}}
                """.formatted(name, hard));
        eventually().until(() -> w.get(quotas(ns) + "/" + name).path("status").has("used"));
    }

    private Map<String, String> used(String ns, String name) {
        return Json.stringMap(w.get(quotas(ns) + "/" + name), "status", "used");
    }

    private ApiClient.Response createClaim(String ns, String name, String size) {
        return api.post("/api/v1/namespaces/" + ns + "/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"%s"}}}}
                """.formatted(name, size));
    }

    @Test
    void claimsBeyondRequestsStorageAreRefusedWithKubernetesMessage() {
        String ns = w.namespace("quota-claims");
        quota(ns, "storage", "{\"requests.storage\":\"2Gi\",\"persistentvolumeclaims\":\"5\"}");
        assertThat(used(ns, "storage")).containsEntry("requests.storage", "0").containsEntry("persistentvolumeclaims", "0");

        assertThat(createClaim(ns, "a", "1Gi").code()).isEqualTo(201);
        assertThat(createClaim(ns, "b", "1Gi").code()).isEqualTo(201);
        ApiClient.Response refused = createClaim(ns, "c", "1Gi");

        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.str("reason")).isEqualTo("Forbidden");
        assertThat(refused.str("message")).isEqualTo("persistentvolumeclaims \"c\" is forbidden: exceeded quota: storage,"
                + " requested: requests.storage=1Gi, used: requests.storage=2Gi, limited: requests.storage=2Gi");
        assertThat(used(ns, "storage")).containsEntry("requests.storage", "2Gi").containsEntry("persistentvolumeclaims", "2");

        assertThat(api.delete("/api/v1/namespaces/" + ns + "/persistentvolumeclaims/a").code()).isEqualTo(200);
        eventually().until(() -> used(ns, "storage").get("requests.storage"), "1Gi"::equals);
        assertThat(createClaim(ns, "c", "1Gi").code()).isEqualTo(201);
    }

    @Test
    void aStatefulSetWhoseClaimsExceedTheQuotaReportsFailedCreate() {
        String ns = w.namespace("quota-sts");
        quota(ns, "storage", "{\"requests.storage\":\"2Gi\"}");
        w.create("/apis/apps/v1/namespaces/" + ns + "/statefulsets", ApiClient.manifest(
                "src/test/resources/manifests/seed-statefulset.yaml"));

        List<String> warnings = eventually().until(() -> w.eventMessages(ns, "nginx", "FailedCreate"),
                ms -> ms.size() >= 2);

        String refusal = "persistentvolumeclaims \"www-nginx-2\" is forbidden: exceeded quota: storage, requested:"
                + " requests.storage=1Gi, used: requests.storage=2Gi, limited: requests.storage=2Gi";
        assertThat(warnings).contains(
                "create Claim www-nginx-2 for Pod nginx-2 in StatefulSet nginx failed error: " + refusal,
                "create Pod nginx-2 in StatefulSet nginx failed error: failed to create PVC www-nginx-2: " + refusal);
        assertThat(Workloads.names(w.pods(ns))).containsExactlyInAnyOrder("nginx-0", "nginx-1");
        assertThat(used(ns, "storage")).containsEntry("requests.storage", "2Gi");
    }

    @Test
    void aReplicaSetShowsReplicaFailureWhileItsPodsExceedTheQuotaAndClearsIt() {
        String ns = w.namespace("quota-rs");
        quota(ns, "condition-test", "{\"pods\":\"2\"}");
        w.replicaSet(ns, "condition-test", 3);
        replicaFailureSetThenCleared(ns, "/apis/apps/v1/namespaces/" + ns + "/replicasets/condition-test");
    }

    @Test
    void aReplicationControllerShowsReplicaFailureWhileItsPodsExceedTheQuotaAndClearsIt() {
        String ns = w.namespace("quota-rc");
        quota(ns, "condition-test", "{\"pods\":\"2\"}");
        w.create("/api/v1/namespaces/" + ns + "/replicationcontrollers", """
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"condition-test"},
                 "spec":{"replicas":3,"selector":{"name":"condition-test"},"template":{
                   "metadata":{"labels":{"name":"condition-test"}},
                   "spec":{"containers":[{"name":"httpd","image":"httpd:2.4"}]}}}}
                """);
        replicaFailureSetThenCleared(ns, "/api/v1/namespaces/" + ns + "/replicationcontrollers/condition-test");
    }

    private void replicaFailureSetThenCleared(String ns, String path) {
        JsonNode failing = eventually().until(() -> w.get(path), s -> condition(s) != null);
        JsonNode c = condition(failing);
        assertThat(Json.str(c, "status")).isEqualTo("True");
        assertThat(Json.str(c, "reason")).isEqualTo("FailedCreate");
        assertThat(Json.str(c, "message")).matches("pods \"condition-test-[a-z0-9]{5}\" is forbidden: exceeded quota:"
                + " condition-test, requested: pods=1, used: pods=2, limited: pods=2");
        assertThat(w.pods(ns)).hasSize(2);

        assertThat(api.patch(path + "/scale", MERGE, "{\"spec\":{\"replicas\":2}}").code()).isEqualTo(200);

        eventually().until(() -> condition(w.get(path)) == null);
    }

    private static JsonNode condition(JsonNode set) {
        return Json.list(set, "status", "conditions").stream()
                .filter(c -> "ReplicaFailure".equals(Json.str(c, "type"))).findFirst().orElse(null);
    }

    @Test
    void objectCountsAreLimitedToo() {
        String ns = w.namespace("quota-count");
        quota(ns, "count", "{\"count/statefulsets.apps\":\"1\",\"services\":\"0\"}");
        ApiClient.Response svc = api.post("/api/v1/namespaces/" + ns + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(svc.code()).isEqualTo(403);
        assertThat(svc.str("message")).isEqualTo("services \"s\" is forbidden: exceeded quota: count, requested:"
                + " services=1, used: services=0, limited: services=0");
        assertThat(used(ns, "count")).containsEntry("count/statefulsets.apps", "0");
    }
}
