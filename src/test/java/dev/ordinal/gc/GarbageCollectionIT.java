package dev.ordinal.gc;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deleting owners with each propagation policy, given as a DeleteOptions body and as a query parameter, end to end:
 * a ReplicaSet and its pods, a claim with two owners, and a claim owned by a pod.
 */
class GarbageCollectionIT extends ApiIntegrationTest {

    private static String rsPath(String ns, String name) {
        return "/apis/apps/v1/namespaces/" + ns + "/replicasets/" + name;
    }

    private static String options(String policy) {
        return "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"propagationPolicy\":\"" + policy + "\"}";
    }

    /** A ReplicaSet of two whose pods are Running and Ready; returns the set. */
    private JsonNode readySet(String ns) {
        JsonNode rs = w.replicaSet(ns, "web", 2);
        eventually().until(() -> w.podsOwnedBy(ns, Json.uid(rs)),
                pods -> pods.size() == 2 && pods.stream().allMatch(Workloads::isRunningAndReady));
        return rs;
    }

    private ApiClient.Response deleteSet(String ns, String policy, boolean asBody) {
        ApiClient.Response r = asBody ? api.delete(rsPath(ns, "web"), options(policy))
                : api.delete(rsPath(ns, "web") + "?propagationPolicy=" + policy);
        assertThat(r.code()).as(r.text()).isEqualTo(200);
        return r;
    }

    private void backgroundDeletesTheSetAtOnceAndItsPodsAfterwards(boolean asBody) {
        String ns = w.namespace(asBody ? "gc-bg-body" : "gc-bg-query");
        JsonNode rs = readySet(ns);

        deleteSet(ns, "Background", asBody);

        assertThat(w.status(rsPath(ns, "web"))).isEqualTo(404);
        eventually().until(() -> w.pods(ns), List::isEmpty);
        assertThat(w.podsOwnedBy(ns, Json.uid(rs))).isEmpty();
    }

    @Test
    void backgroundAsDeleteOptionsBody() {
        backgroundDeletesTheSetAtOnceAndItsPodsAfterwards(true);
    }

    @Test
    void backgroundAsQueryParameter() {
        backgroundDeletesTheSetAtOnceAndItsPodsAfterwards(false);
    }

    @Test
    void noPolicyMeansBackground() {
        String ns = w.namespace("gc-default");
        readySet(ns);

        assertThat(api.delete(rsPath(ns, "web")).code()).isEqualTo(200);

        assertThat(w.status(rsPath(ns, "web"))).isEqualTo(404);
        eventually().until(() -> w.pods(ns), List::isEmpty);
    }

    private String readyRc(String ns) {
        JsonNode rc = w.create("/api/v1/namespaces/" + ns + "/replicationcontrollers", """
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},
                 "spec":{"replicas":2,"selector":{"app":"web"},"template":{"metadata":{"labels":{"app":"web"}},
                  "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}}}
                """);
        eventually().until(() -> w.podsOwnedBy(ns, Json.uid(rc)),
                pods -> pods.size() == 2 && pods.stream().allMatch(Workloads::isRunningAndReady));
        return "/api/v1/namespaces/" + ns + "/replicationcontrollers/web";
    }

    /** rcStrategy.DefaultGarbageCollectionPolicy: a v1 ReplicationController deleted with no policy orphans. */
    @Test
    void aReplicationControllerDeletedWithNoPolicyOrphansItsPods() {
        String ns = w.namespace("gc-rc-default");
        String rc = readyRc(ns);

        assertThat(api.delete(rc).code()).isEqualTo(200);

        eventually().until(() -> w.status(rc) == 404);
        List<JsonNode> pods = eventually().until(() -> w.pods(ns),
                ps -> ps.size() == 2 && ps.stream().noneMatch(p -> p.path("metadata").has("ownerReferences")));
        assertThat(pods).noneMatch(Json::isTerminating);
    }

    /** kubectl delete rc sends propagationPolicy Background, so its pods go. */
    @Test
    void aReplicationControllerDeletedWithBackgroundTakesItsPods() {
        String ns = w.namespace("gc-rc-bg");
        String rc = readyRc(ns);

        assertThat(api.delete(rc, options("Background")).code()).isEqualTo(200);

        eventually().until(() -> w.status(rc) == 404);
        eventually().until(() -> w.pods(ns), List::isEmpty);
    }

    private void foregroundKeepsTheSetUntilItsPodsAreGone(boolean asBody) {
        String ns = w.namespace(asBody ? "gc-fg-body" : "gc-fg-query");
        JsonNode rs = readySet(ns);
        // A finalizer of our own keeps one pod Terminating, so the set's wait for it can be observed.
        String held = Json.name(w.podsOwnedBy(ns, Json.uid(rs)).get(0));
        String heldPath = "/api/v1/namespaces/" + ns + "/pods/" + held;
        assertThat(api.patch(heldPath, "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}").code()).isEqualTo(200);

        JsonNode marked = deleteSet(ns, "Foreground", asBody).json();

        assertThat(Json.str(marked, "metadata", "deletionTimestamp")).isNotNull();
        assertThat(Json.strings(marked, "metadata", "finalizers")).contains("foregroundDeletion");
        eventually().until(() -> w.pods(ns), pods -> pods.size() == 1 && Json.isTerminating(pods.get(0)));
        JsonNode waiting = w.get(rsPath(ns, "web"));
        assertThat(Json.strings(waiting, "metadata", "finalizers")).contains("foregroundDeletion");

        assertThat(api.patch(heldPath, "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);

        eventually().until(() -> w.status(rsPath(ns, "web")) == 404);
        assertThat(w.pods(ns)).isEmpty();
    }

    @Test
    void foregroundAsDeleteOptionsBody() {
        foregroundKeepsTheSetUntilItsPodsAreGone(true);
    }

    @Test
    void foregroundAsQueryParameter() {
        foregroundKeepsTheSetUntilItsPodsAreGone(false);
    }

    private void orphanLeavesThePodsRunningWithoutOwner(boolean asBody) {
        String ns = w.namespace(asBody ? "gc-orphan-body" : "gc-orphan-query");
        JsonNode rs = readySet(ns);
        List<String> pods = Workloads.names(w.podsOwnedBy(ns, Json.uid(rs)));

        JsonNode marked = deleteSet(ns, "Orphan", asBody).json();

        assertThat(Json.strings(marked, "metadata", "finalizers")).contains("orphan");
        eventually().until(() -> w.status(rsPath(ns, "web")) == 404);
        List<JsonNode> left = w.pods(ns);
        assertThat(Workloads.names(left)).containsExactlyInAnyOrderElementsOf(pods);
        assertThat(left).allSatisfy(p -> {
            assertThat(Json.list(p, "metadata", "ownerReferences")).isEmpty();
            assertThat(Workloads.isActive(p)).isTrue();
        });
    }

    @Test
    void orphanAsDeleteOptionsBody() {
        orphanLeavesThePodsRunningWithoutOwner(true);
    }

    @Test
    void orphanAsQueryParameter() {
        orphanLeavesThePodsRunningWithoutOwner(false);
    }

    @Test
    void orphanedPodsAreAdoptedByANewSetWithTheSameSelector() {
        String ns = w.namespace("gc-readopt");
        JsonNode old = readySet(ns);
        List<String> pods = Workloads.names(w.podsOwnedBy(ns, Json.uid(old)));
        deleteSet(ns, "Orphan", true);
        eventually().until(() -> w.status(rsPath(ns, "web")) == 404);

        JsonNode again = w.replicaSet(ns, "web", 2);

        List<JsonNode> adopted = eventually().until(() -> w.podsOwnedBy(ns, Json.uid(again)), p -> p.size() == 2);
        assertThat(Workloads.names(adopted)).containsExactlyInAnyOrderElementsOf(pods);
        assertThat(w.eventMessages(ns, "web", "SuccessfulCreate")).hasSize(2);
    }

    /** A claim with non-controller references to two sets, as any kind may own any other. */
    private JsonNode claimOwnedBy(String ns, JsonNode... owners) {
        StringBuilder refs = new StringBuilder();
        for (JsonNode o : owners) {
            refs.append(refs.length() == 0 ? "" : ",").append("""
                    {"apiVersion":"%s","kind":"%s","name":"%s","uid":"%s"}""".formatted(
                    Json.str(o, "apiVersion"), Json.kind(o), Json.name(o), Json.uid(o)));
        }
        return w.create("/api/v1/namespaces/" + ns + "/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim",
                 "metadata":{"name":"data","ownerReferences":[%s]},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}
                """.formatted(refs));
    }

    @Test
    void aDependentWithAnotherOwnerOnlyLosesTheDanglingReference() {
        String ns = w.namespace("gc-two-owners");
        JsonNode a = w.replicaSet(ns, "a", 0);
        JsonNode b = w.replicaSet(ns, "b", 0);
        claimOwnedBy(ns, a, b);
        String claimPath = "/api/v1/namespaces/" + ns + "/persistentvolumeclaims/data";

        assertThat(api.delete(rsPath(ns, "a")).code()).isEqualTo(200);

        JsonNode claim = eventually().until(() -> w.get(claimPath),
                c -> Json.list(c, "metadata", "ownerReferences").size() == 1);
        assertThat(Json.str(Json.list(claim, "metadata", "ownerReferences").get(0), "uid")).isEqualTo(Json.uid(b));
        assertThat(Json.str(claim, "metadata", "deletionTimestamp")).isNull();

        assertThat(api.delete(rsPath(ns, "b")).code()).isEqualTo(200);

        eventually().until(() -> w.status(claimPath) == 404);
    }

    @Test
    void aClaimOwnedByAPodGoesWithThePod() {
        String ns = w.namespace("gc-pod-claim");
        JsonNode pod = w.create("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db-0"},
                 "spec":{"containers":[{"name":"db","image":"postgres:16"}]}}
                """);
        claimOwnedBy(ns, pod);
        eventually().until(() -> Workloads.isRunningAndReady(w.get("/api/v1/namespaces/" + ns + "/pods/db-0")));

        assertThat(api.delete("/api/v1/namespaces/" + ns + "/pods/db-0").code()).isEqualTo(200);

        eventually().until(() -> w.status("/api/v1/namespaces/" + ns + "/persistentvolumeclaims/data") == 404);
        assertThat(w.status("/api/v1/namespaces/" + ns + "/pods/db-0")).isEqualTo(404);
    }
}
