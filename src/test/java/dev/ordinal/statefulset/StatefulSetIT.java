package dev.ordinal.statefulset;

import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * The article's StatefulSet story end to end: real HTTP, real PostgreSQL, the simulated scheduler, kubelet and
 * volume provisioner. Orders are read from the events, whose resourceVersions come from one global counter.
 */
class StatefulSetIT extends ApiIntegrationTest {
    private static final String ORDERED = "src/test/resources/manifests/seed-statefulset.yaml";
    private static final String PARALLEL = "src/test/resources/manifests/seed-statefulset-parallel.yaml";
    private static final String MERGE = "application/merge-patch+json";

    private static String sts(String ns) {
        return "/apis/apps/v1/namespaces/" + ns + "/statefulsets";
    }

    private JsonNode createNginx(String ns, String manifest) {
        return w.create(sts(ns), ApiClient.manifest(manifest));
    }

    private void patchSet(String ns, String body) {
        ApiClient.Response r = api.patch(sts(ns) + "/nginx", MERGE, body);
        assertThat(r.code()).as("PATCH: %s", r.text()).isEqualTo(200);
    }

    /** Waits until exactly these pods exist, each Running, Ready and not terminating; returns them by name. */
    private Map<String, JsonNode> awaitReady(String ns, String... names) {
        List<JsonNode> pods = eventually().until(() -> w.pods(ns), ps -> ps.size() == names.length
                && Workloads.names(ps).containsAll(List.of(names))
                && ps.stream().allMatch(p -> Workloads.isActive(p) && Workloads.isRunningAndReady(p)));
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        pods.forEach(p -> byName.put(Json.name(p), p));
        return byName;
    }

    private JsonNode claim(String ns, String name) {
        return w.get("/api/v1/namespaces/" + ns + "/persistentvolumeclaims/" + name);
    }

    /** Waits until the claims are Bound and returns their volume names in the same order. */
    private List<String> awaitBound(String ns, String... claims) {
        return eventually().until(() -> List.of(claims).stream().map(c -> claim(ns, c)).toList(),
                        cs -> cs.stream().allMatch(c -> "Bound".equals(Json.str(c, "status", "phase"))))
                .stream().map(c -> Json.str(c, "spec", "volumeName")).toList();
    }

    /** Messages of the StatefulSet's events with this reason, in the order they were first recorded. */
    private List<String> eventsInOrder(String ns, String reason) {
        return w.eventsAbout(ns, "nginx").stream().filter(e -> reason.equals(Json.str(e, "reason")))
                .sorted(Comparator.comparingLong(e -> Long.parseLong(Json.str(e, "metadata", "resourceVersion"))))
                .map(e -> Json.str(e, "message")).toList();
    }

    private JsonNode awaitStatus(String ns, java.util.function.Predicate<JsonNode> done) {
        return eventually().until(() -> w.get(sts(ns) + "/nginx").get("status"), s -> s != null && done.test(s));
    }

    @Test
    void theArticlesStatefulSetStartsNginxZeroToTwoInOrderWithBoundClaims() {
        String ns = w.namespace("sts-create");
        createNginx(ns, ORDERED);
        Map<String, JsonNode> pods = awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        List<String> volumes = awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2");

        for (int i = 0; i < 3; i++) {
            JsonNode claim = claim(ns, "www-nginx-" + i);
            assertThat(volumes.get(i)).isEqualTo("pvc-" + Json.uid(claim));
            assertThat(Json.labels(claim)).containsEntry("app", "nginx");
            JsonNode pod = pods.get("nginx-" + i);
            assertThat(Json.str(pod, "spec", "hostname")).isEqualTo("nginx-" + i);
            assertThat(Json.str(pod, "spec", "subdomain")).isEqualTo("nginx");
            assertThat(Json.labels(pod)).containsEntry("statefulset.kubernetes.io/pod-name", "nginx-" + i)
                    .containsEntry("apps.kubernetes.io/pod-index", Integer.toString(i))
                    .containsKey("controller-revision-hash");
        }
        assertThat(eventsInOrder(ns, "SuccessfulCreate")).containsExactly(
                "create Claim www-nginx-0 Pod nginx-0 in StatefulSet nginx success",
                "create Pod nginx-0 in StatefulSet nginx successful",
                "create Claim www-nginx-1 Pod nginx-1 in StatefulSet nginx success",
                "create Pod nginx-1 in StatefulSet nginx successful",
                "create Claim www-nginx-2 Pod nginx-2 in StatefulSet nginx success",
                "create Pod nginx-2 in StatefulSet nginx successful");
        JsonNode status = awaitStatus(ns, s -> Json.integer(s, 0, "availableReplicas") == 3);
        assertThat(Json.integer(status, 0, "replicas")).isEqualTo(3);
        assertThat(Json.integer(status, 0, "readyReplicas")).isEqualTo(3);
        assertThat(Json.str(status, "currentRevision")).isEqualTo(Json.str(status, "updateRevision"))
                .startsWith("nginx-");
        assertThat(w.get("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions/" + Json.str(status, "updateRevision"))
                .get("revision").asLong()).isEqualTo(1);
    }

    @Test
    void scalingInKeepsClaimsAndScalingOutReattachesTheSameVolumes() {
        String ns = w.namespace("sts-scale");
        createNginx(ns, ORDERED);
        awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        List<String> volumes = awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2");

        ApiClient.Response scaled = api.patch(sts(ns) + "/nginx/scale", MERGE, "{\"spec\":{\"replicas\":1}}");
        assertThat(scaled.code()).as(scaled.text()).isEqualTo(200);
        awaitReady(ns, "nginx-0");
        assertThat(eventsInOrder(ns, "SuccessfulDelete")).containsExactly(
                "delete Pod nginx-2 in StatefulSet nginx successful",
                "delete Pod nginx-1 in StatefulSet nginx successful");
        assertThat(awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2")).isEqualTo(volumes);

        patchSet(ns, "{\"spec\":{\"replicas\":3}}");
        Map<String, JsonNode> pods = awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        assertThat(awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2")).isEqualTo(volumes);
        for (int i = 1; i < 3; i++) {
            String claim = "www-nginx-" + i;
            assertThat(Json.list(pods.get("nginx-" + i), "spec", "volumes")).anySatisfy(v ->
                    assertThat(Json.str(v, "persistentVolumeClaim", "claimName")).isEqualTo(claim));
        }
    }

    @Test
    void aFailedPodComesBackWithTheSameClaim() {
        String ns = w.namespace("sts-fail");
        createNginx(ns, ORDERED);
        String oldUid = Json.uid(awaitReady(ns, "nginx-0", "nginx-1", "nginx-2").get("nginx-1"));
        List<String> volumes = awaitBound(ns, "www-nginx-1");

        ApiClient.Response r = api.post("/apis/ordinal.dev/v1/namespaces/" + ns + "/pods/nginx-1/fail", "{}");
        assertThat(r.code()).as(r.text()).isEqualTo(200);

        eventually().until(() -> awaitReady(ns, "nginx-0", "nginx-1", "nginx-2").get("nginx-1"),
                p -> !oldUid.equals(Json.uid(p)));
        assertThat(awaitBound(ns, "www-nginx-1")).isEqualTo(volumes);
        assertThat(eventsInOrder(ns, "SuccessfulCreate")).filteredOn(m -> m.startsWith("create Claim")).hasSize(3);
    }

    @Test
    void anUnhealthyFirstPodHaltsOrderedReadyButNotParallel() {
        String ordered = w.namespace("sts-halt");
        String parallel = w.namespace("sts-parallel");
        String neverReady = ApiClient.manifest(ORDERED).replace("   metadata:\n     labels:",
                "   metadata:\n     annotations:\n       sim.ordinal.dev/never-ready: \"true\"\n     labels:");
        assertThat(neverReady).contains("never-ready");
        w.create(sts(ordered), neverReady);
        w.create(sts(parallel), neverReady.replace(" replicas: 3", " podManagementPolicy: Parallel\n replicas: 3"));

        eventually().until(() -> w.pods(parallel), ps -> ps.size() == 3
                && ps.stream().allMatch(p -> "Running".equals(Json.str(p, "status", "phase"))));
        eventually().until(() -> w.pods(ordered), ps -> ps.size() == 1
                && "Running".equals(Json.str(ps.get(0), "status", "phase")));
        // A spec change the controller must acknowledge: once observedGeneration says it ran after nginx-0 was
        // Running, its decision about nginx-1 is visible.
        patchSet(ordered, "{\"spec\":{\"replicas\":4}}");
        awaitStatus(ordered, s -> Json.integer(s, 0, "observedGeneration") == 2);
        assertThat(Workloads.names(w.pods(ordered))).containsExactly("nginx-0");
        assertThat(w.pods(parallel)).noneMatch(Workloads::isRunningAndReady);
    }

    @Test
    void anImageUpdateReplacesPodsFromTheHighestOrdinalKeepingClaims() {
        String ns = w.namespace("sts-update");
        createNginx(ns, ORDERED);
        awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        List<String> volumes = awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2");
        String before = Json.str(awaitStatus(ns, s -> Json.integer(s, 0, "readyReplicas") == 3), "updateRevision");

        patchSet(ns, "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\","
                + "\"image\":\"k8s.gcr.io/nginx-slim:0.9\"}]}}}}");
        JsonNode status = awaitStatus(ns, s -> !before.equals(Json.str(s, "currentRevision"))
                && Json.integer(s, 0, "updatedReplicas") == 3 && Json.integer(s, 0, "readyReplicas") == 3);
        Map<String, JsonNode> pods = awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        for (JsonNode pod : pods.values()) {
            assertThat(Json.labels(pod)).containsEntry("controller-revision-hash", Json.str(status, "updateRevision"));
            assertThat(Json.str(pod.get("spec").get("containers").get(0), "image")).isEqualTo("k8s.gcr.io/nginx-slim:0.9");
        }
        assertThat(eventsInOrder(ns, "SuccessfulDelete")).containsExactly(
                "delete Pod nginx-2 in StatefulSet nginx successful",
                "delete Pod nginx-1 in StatefulSet nginx successful",
                "delete Pod nginx-0 in StatefulSet nginx successful");
        assertThat(awaitBound(ns, "www-nginx-0", "www-nginx-1", "www-nginx-2")).isEqualTo(volumes);
    }

    @Test
    void aBadTemplateThenARevertRecoversWithoutManualSteps() {
        String ns = w.namespace("sts-revert");
        createNginx(ns, ORDERED);
        awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        String good = Json.str(awaitStatus(ns, s -> Json.integer(s, 0, "readyReplicas") == 3), "currentRevision");

        patchSet(ns, "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"sim.ordinal.dev/never-ready\":\"true\"}}}}}");
        String bad = Json.str(awaitStatus(ns, s -> !good.equals(Json.str(s, "updateRevision"))
                && Json.integer(s, 0, "updatedReplicas") == 1), "updateRevision");
        eventually().until(() -> w.get("/api/v1/namespaces/" + ns + "/pods/nginx-2"),
                p -> bad.equals(Json.labels(p).get("controller-revision-hash"))
                        && "Running".equals(Json.str(p, "status", "phase")));

        patchSet(ns, "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":null}}}}");
        JsonNode status = awaitStatus(ns, s -> good.equals(Json.str(s, "currentRevision"))
                && good.equals(Json.str(s, "updateRevision")) && Json.integer(s, 0, "readyReplicas") == 3
                && Json.integer(s, 0, "updatedReplicas") == 3);
        assertThat(Json.integer(status, 0, "replicas")).isEqualTo(3);
        awaitReady(ns, "nginx-0", "nginx-1", "nginx-2");
        assertThat(eventsInOrder(ns, StatefulSetPlanner.REPLACING_OUTDATED_POD)).singleElement()
                .satisfies(m -> assertThat(m).contains("nginx-2").contains(bad).contains(good));
        assertThat(w.get("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions/" + good).get("revision").asLong())
                .isEqualTo(3);
    }

    @Test
    void deletingTheSetRemovesItsPodsAndKeepsClaimsUnlessTheRetentionPolicySaysDelete() {
        String retain = w.namespace("sts-delete-retain");
        String delete = w.namespace("sts-delete-delete");
        createNginx(retain, ORDERED);
        w.create(sts(delete), ApiClient.manifest(ORDERED).replace(" replicas: 3",
                " replicas: 2\n persistentVolumeClaimRetentionPolicy:\n   whenDeleted: Delete\n   whenScaled: Retain"));
        awaitReady(retain, "nginx-0", "nginx-1", "nginx-2");
        awaitReady(delete, "nginx-0", "nginx-1");
        awaitBound(delete, "www-nginx-0", "www-nginx-1");

        assertThat(api.delete(sts(retain) + "/nginx").code()).isEqualTo(200);
        assertThat(api.delete(sts(delete) + "/nginx").code()).isEqualTo(200);

        eventually().until(() -> w.pods(retain), List::isEmpty);
        eventually().until(() -> w.pods(delete), List::isEmpty);
        assertThat(awaitBound(retain, "www-nginx-0", "www-nginx-1", "www-nginx-2")).hasSize(3);
        eventually().until(() -> Json.list(w.get("/api/v1/namespaces/" + delete + "/persistentvolumeclaims"), "items"),
                List::isEmpty);
    }
}
