package dev.ordinal.pod;

import static dev.ordinal.pod.SimCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The simulated kubelet where upstream's e2e tests found it diverging: a deleted pod held by a finalizer is stopped
 * anyway, a readiness probe can be made to fail and recover on a running pod, and /fail on a terminating pod says so.
 */
@IntegrationTest
class KubeletFidelityIT {
    private static final String MERGE = "application/merge-patch+json";
    @LocalServerPort
    int port;
    ApiClient api;
    SimCluster c;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        c = new SimCluster(api);
    }

    private static String condition(JsonNode pod, String type) {
        return Json.list(pod, "status", "conditions").stream().filter(x -> type.equals(Json.str(x, "type")))
                .map(x -> Json.str(x, "status")).findFirst().orElse(null);
    }

    private static JsonNode container(JsonNode pod) {
        return Json.list(pod, "status", "containerStatuses").get(0);
    }

    private void runningWithFinalizer(String ns, String name) {
        c.createPod(ns, name, null, null, null);
        c.awaitPod(ns, name, SimCluster::isRunningAndReady);
        assertThat(api.patch(SimCluster.podPath(ns, name), MERGE,
                "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}").code()).isEqualTo(200);
    }

    @Test
    void aDeletedPodHeldByAFinalizerIsStoppedWithinItsGracePeriodAndWaits() {
        String ns = c.namespace("kl-fin");
        runningWithFinalizer(ns, "held");

        assertThat(api.delete(SimCluster.podPath(ns, "held")).code()).isEqualTo(200);

        JsonNode pod = c.awaitPod(ns, "held", p -> "Succeeded".equals(Pods.phase(p)));
        assertThat(pod.get("metadata").has("deletionTimestamp")).isTrue();
        assertThat(condition(pod, "Ready")).isEqualTo("False");
        assertThat(condition(pod, "ContainersReady")).isEqualTo("False");
        assertThat(Json.bool(container(pod), "ready")).isFalse();
        assertThat(Json.integer(container(pod), -1, "state", "terminated", "exitCode")).isZero();
        assertThat(Json.integer(pod, -1, "metadata", "deletionGracePeriodSeconds")).isZero();

        assertThat(api.patch(SimCluster.podPath(ns, "held"), MERGE, "{\"metadata\":{\"finalizers\":null}}").code())
                .isEqualTo(200);
        eventually().until(() -> c.find(SimCluster.podPath(ns, "held")).isEmpty());
    }

    @Test
    void aPodDeletedWithoutGracePeriodButHeldByAFinalizerIsKilledAndEndsFailed() {
        String ns = c.namespace("kl-fin0");
        runningWithFinalizer(ns, "held");

        assertThat(api.delete(SimCluster.podPath(ns, "held"), "{\"gracePeriodSeconds\":0}").code()).isEqualTo(200);

        JsonNode pod = c.awaitPod(ns, "held", p -> "Failed".equals(Pods.phase(p)));
        assertThat(condition(pod, "Ready")).isEqualTo("False");
        assertThat(Json.integer(container(pod), -1, "state", "terminated", "exitCode")).isEqualTo(137);

        String failed = api.post("/apis/ordinal.dev/v1/namespaces/" + ns + "/pods/held/fail", "").text();
        assertThat(failed).contains("it is terminating").doesNotContain("not running on a node");

        assertThat(api.patch(SimCluster.podPath(ns, "held"), MERGE, "{\"metadata\":{\"finalizers\":null}}").code())
                .isEqualTo(200);
        eventually().until(() -> c.find(SimCluster.podPath(ns, "held")).isEmpty());
    }

    @Test
    void theNeverReadyAnnotationFailsAndRestoresReadinessOnARunningPod() {
        String ns = c.namespace("kl-ready");
        c.createPod(ns, "web", null, null, null);
        c.awaitPod(ns, "web", SimCluster::isRunningAndReady);

        api.patch(SimCluster.podPath(ns, "web"), MERGE,
                "{\"metadata\":{\"annotations\":{\"sim.ordinal.dev/never-ready\":\"true\"}}}");
        JsonNode broken = c.awaitPod(ns, "web", p -> "False".equals(condition(p, "Ready")));
        assertThat(Pods.phase(broken)).isEqualTo("Running");
        assertThat(condition(broken, "ContainersReady")).isEqualTo("False");
        assertThat(Json.bool(container(broken), "ready")).isFalse();
        assertThat(Json.bool(container(broken), "started")).isTrue();

        api.patch(SimCluster.podPath(ns, "web"), MERGE,
                "{\"metadata\":{\"annotations\":{\"sim.ordinal.dev/never-ready\":null}}}");
        JsonNode restored = c.awaitPod(ns, "web", SimCluster::isRunningAndReady);
        assertThat(condition(restored, "ContainersReady")).isEqualTo("True");
        assertThat(Json.bool(container(restored), "ready")).isTrue();
    }

    @Test
    void failOnATerminatingPodSaysItIsTerminating() {
        String ns = c.namespace("kl-failmsg");
        runningWithFinalizer(ns, "web");
        api.delete(SimCluster.podPath(ns, "web"));
        c.awaitPod(ns, "web", p -> p.get("metadata").has("deletionTimestamp"));

        ApiClient.Response r = api.post("/apis/ordinal.dev/v1/namespaces/" + ns + "/pods/web/fail", "");

        assertThat(r.code()).isEqualTo(409);
        assertThat(r.str("message")).startsWith("Operation cannot be fulfilled on pods \"web\": the pod cannot be made"
                + " to fail: it is terminating (deleted at ");
        api.patch(SimCluster.podPath(ns, "web"), MERGE, "{\"metadata\":{\"finalizers\":null}}");
    }
}
