package dev.ordinal.pod;

import static dev.ordinal.pod.SimCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The simulated scheduler and kubelet end to end: real HTTP, real PostgreSQL, zero simulated delays. */
@IntegrationTest
class PodLifecycleIT {
    @LocalServerPort
    int port;
    ApiClient api;
    SimCluster c;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        c = new SimCluster(api);
    }

    private static JsonNode condition(JsonNode pod, String type) {
        return Json.list(pod, "status", "conditions").stream().filter(x -> type.equals(Json.str(x, "type")))
                .findFirst().orElseThrow(() -> new AssertionError("no condition " + type + " in " + pod));
    }

    private static JsonNode firstContainer(JsonNode pod) {
        return Json.list(pod, "status", "containerStatuses").get(0);
    }

    @Test
    void aPodIsScheduledToANodeAndRunsReadyWithTheKubeletsStatus() {
        String ns = c.namespace("life-run");
        c.createPod(ns, "web", null, null, null);

        JsonNode pod = c.awaitPod(ns, "web", SimCluster::isRunningAndReady);

        String node = Json.str(pod, "spec", "nodeName");
        assertThat(node).isIn("node-1", "node-2", "node-3");
        JsonNode scheduled = c.awaitEvent(ns, "web", "Scheduled");
        assertThat(Json.str(scheduled, "message")).isEqualTo("Successfully assigned " + ns + "/web to " + node);
        assertThat(Json.str(scheduled, "type")).isEqualTo("Normal");
        assertThat(Json.str(scheduled, "source", "component")).isEqualTo("default-scheduler");
        for (String type : List.of("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            assertThat(Json.str(condition(pod, type), "status")).as(type).isEqualTo("True");
            assertThat(Json.str(condition(pod, type), "lastTransitionTime")).as(type).isNotBlank();
        }
        JsonNode nodeObj = c.get("/api/v1/nodes/" + node);
        String cidrPrefix = Json.str(nodeObj, "spec", "podCIDR").replaceAll("\\.0/24$", ".");
        assertThat(Json.str(pod, "status", "podIP")).startsWith(cidrPrefix);
        assertThat(Json.str(pod, "status", "hostIP")).isNotBlank();
        assertThat(Json.str(pod, "status", "startTime")).isNotBlank();
        JsonNode cs = firstContainer(pod);
        assertThat(Json.str(cs, "name")).isEqualTo("nginx");
        assertThat(Json.str(cs, "state", "running", "startedAt")).isNotBlank();
        assertThat(Json.bool(cs, "ready")).isTrue();
        assertThat(Json.bool(cs, "started")).isTrue();
        assertThat(Json.integer(cs, -1, "restartCount")).isZero();
        assertThat(c.eventMessages(ns, "web", "Started")).containsExactly("Started container: nginx");
        assertThat(c.eventMessages(ns, "web", "Created")).containsExactly("Created container: nginx");
    }

    @Test
    void aNodeSelectorOnTheHostnamePinsThePodToThatNode() {
        String ns = c.namespace("life-spread");
        c.createPod(ns, "pinned", null, "node-3", null);
        JsonNode pinned = c.awaitPod(ns, "pinned", p -> Pods.nodeName(p) != null);
        assertThat(Pods.nodeName(pinned)).isEqualTo("node-3");
    }

    @Test
    void aPodWhoseNodeSelectorMatchesNoNodeStaysUnscheduledWithFailedScheduling() {
        String ns = c.namespace("life-nowhere");
        c.createPod(ns, "lost", null, "node-9", null);

        JsonNode warning = c.awaitEvent(ns, "lost", "FailedScheduling");

        assertThat(Json.str(warning, "type")).isEqualTo("Warning");
        assertThat(Json.str(warning, "message")).isEqualTo("0/3 nodes are available: 3 node(s) didn't match Pod's node"
                + " affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
        JsonNode pod = c.pod(ns, "lost");
        assertThat(Pods.nodeName(pod)).isNull();
        assertThat(Pods.phase(pod)).isEqualTo("Pending");
        assertThat(Json.str(condition(pod, "PodScheduled"), "reason")).isEqualTo("Unschedulable");
    }

    @Test
    void aPodAnnotatedToFailAfterZeroSecondsEndsFailedWithExitCodeOne() {
        String ns = c.namespace("life-fail");
        c.createPod(ns, "crash", null, null, "{\"sim.ordinal.dev/fail-after-seconds\":\"0\"}");

        JsonNode pod = c.awaitPod(ns, "crash", p -> "Failed".equals(Pods.phase(p)));

        JsonNode cs = firstContainer(pod);
        assertThat(Json.integer(cs, 0, "state", "terminated", "exitCode")).isEqualTo(1);
        assertThat(Json.str(cs, "state", "terminated", "reason")).isEqualTo("Error");
        assertThat(Json.str(condition(pod, "Ready"), "status")).isEqualTo("False");
        assertThat(Json.str(condition(pod, "Ready"), "reason")).isEqualTo("PodFailed");
    }

    @Test
    void theFailEndpointMakesARunningPodFailAndRefusesOneThatIsNotRunning() {
        String ns = c.namespace("life-failapi");
        c.createPod(ns, "web", null, null, null);
        c.awaitPod(ns, "web", SimCluster::isRunningAndReady);
        String failPath = "/apis/ordinal.dev/v1/namespaces/" + ns + "/pods/web/fail";

        ApiClient.Response failed = api.post(failPath, "");

        assertThat(failed.code()).as(failed.text()).isEqualTo(200);
        assertThat(failed.str("status", "phase")).isEqualTo("Failed");
        JsonNode pod = c.pod(ns, "web");
        assertThat(Pods.phase(pod)).isEqualTo("Failed");
        assertThat(Json.integer(firstContainer(pod), 0, "state", "terminated", "exitCode")).isEqualTo(1);
        assertThat(api.post(failPath, "").code()).isEqualTo(409);
        assertThat(api.post("/apis/ordinal.dev/v1/namespaces/" + ns + "/pods/nobody/fail", "").code()).isEqualTo(404);
    }

    @Test
    void aNeverReadyPodRunsWithoutBecomingReady() {
        String ns = c.namespace("life-unready");
        c.createPod(ns, "slow", null, null, "{\"sim.ordinal.dev/never-ready\":\"true\"}");
        c.createPod(ns, "marker", null, null, null);

        JsonNode pod = c.awaitPod(ns, "slow", p -> "Running".equals(Pods.phase(p)));
        // The kubelet handles pods in order of events; once a later pod is Ready, the first has had its chance.
        c.awaitPod(ns, "marker", SimCluster::isRunningAndReady);
        pod = c.pod(ns, "slow");

        assertThat(Pods.phase(pod)).isEqualTo("Running");
        assertThat(Json.str(condition(pod, "Ready"), "status")).isEqualTo("False");
        assertThat(Json.str(condition(pod, "ContainersReady"), "status")).isEqualTo("False");
        assertThat(Json.bool(firstContainer(pod), "ready")).isFalse();
        assertThat(Json.bool(firstContainer(pod), "started")).isTrue();
    }

    @Test
    void deletingAPodMarksItTerminatingThenRemovesIt() {
        String ns = c.namespace("life-delete");
        c.createPod(ns, "web", null, null, null);
        c.awaitPod(ns, "web", SimCluster::isRunningAndReady);

        ApiClient.Response deleted = api.delete(SimCluster.podPath(ns, "web"));

        assertThat(deleted.code()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.str("metadata", "deletionTimestamp")).isNotBlank();
        assertThat(Json.integer(deleted.json(), -1, "metadata", "deletionGracePeriodSeconds")).isEqualTo(30);
        eventually().until(() -> c.find(SimCluster.podPath(ns, "web")).isEmpty());
        assertThat(c.eventMessages(ns, "web", "Killing")).containsExactly("Stopping container nginx");
    }

    @Test
    void aReadWriteOncePodClaimInUseKeepsASecondPodPendingWithFailedScheduling() {
        String ns = c.namespace("life-rwop");
        c.createClaim(ns, "solo", "\"ReadWriteOncePod\"", "1Gi", null);
        c.createPod(ns, "first", "solo", null, null);
        c.awaitPod(ns, "first", SimCluster::isRunningAndReady);

        c.createPod(ns, "second", "solo", null, null);

        String expected = "0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and"
                + " ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 No preemption victims found"
                + " for incoming pod.";
        JsonNode warning = c.awaitEvent(ns, "second", "FailedScheduling");
        assertThat(Json.str(warning, "type")).isEqualTo("Warning");
        assertThat(Json.str(warning, "message")).isEqualTo(expected);
        JsonNode second = c.pod(ns, "second");
        assertThat(Pods.phase(second)).isEqualTo("Pending");
        assertThat(Pods.nodeName(second)).isNull();
        JsonNode scheduled = condition(second, "PodScheduled");
        assertThat(Json.str(scheduled, "status")).isEqualTo("False");
        assertThat(Json.str(scheduled, "reason")).isEqualTo("Unschedulable");
        assertThat(Json.str(scheduled, "message")).isEqualTo(expected);

        assertThat(api.delete(SimCluster.podPath(ns, "first")).code()).isEqualTo(200);
        JsonNode running = c.awaitPod(ns, "second", SimCluster::isRunningAndReady);
        assertThat(Pods.nodeName(running)).isNotNull();
    }

    @Test
    void twoPodsOnTheSameNodeShareAReadWriteOnceClaim() {
        String ns = c.namespace("life-samenode");
        c.createClaim(ns, "shared", "\"ReadWriteOnce\"", "1Gi", null);
        c.createPod(ns, "a", "shared", "node-2", null);
        c.createPod(ns, "b", "shared", "node-2", null);

        JsonNode a = c.awaitPod(ns, "a", SimCluster::isRunningAndReady);
        JsonNode b = c.awaitPod(ns, "b", SimCluster::isRunningAndReady);

        assertThat(Pods.nodeName(a)).isEqualTo("node-2");
        assertThat(Pods.nodeName(b)).isEqualTo("node-2");
        assertThat(c.eventMessages(ns, "a", "FailedAttachVolume")).isEmpty();
        assertThat(c.eventMessages(ns, "b", "FailedAttachVolume")).isEmpty();
    }

    @Test
    void podsOnEveryNodeShareAReadWriteManyClaim() {
        String ns = c.namespace("life-rwx");
        c.createClaim(ns, "shared", "\"ReadWriteMany\"", "1Gi", null);
        for (String node : List.of("node-1", "node-2", "node-3")) {
            c.createPod(ns, "on-" + node, "shared", node, null);
        }

        List<JsonNode> pods = eventually().until(() -> c.pods(ns),
                ps -> ps.size() == 3 && ps.stream().allMatch(SimCluster::isRunningAndReady));

        Set<String> nodes = pods.stream().map(Pods::nodeName).collect(Collectors.toSet());
        assertThat(nodes).containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        for (JsonNode p : pods) {
            assertThat(c.eventMessages(ns, Json.name(p), "FailedAttachVolume")).isEmpty();
        }
    }

    @Test
    void withAStartDelayAPodIsSeenContainerCreatingBeforeRunning() throws Exception {
        String ns = c.namespace("life-delay");
        List<String> states = new ArrayList<>();
        try (SimCluster.PodWatch watch = c.watchPods(ns)) {
            c.createPod(ns, "slow", null, null, "{\"sim.ordinal.dev/start-seconds\":\"1\"}");
            eventually().until(() -> watch.objects().stream().anyMatch(SimCluster::isRunningAndReady));
            for (JsonNode p : watch.objects()) {
                String state = SimCluster.isContainerCreating(p) ? "ContainerCreating" : Pods.phase(p);
                if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                    states.add(state);
                }
            }
        }
        assertThat(states).containsSubsequence("ContainerCreating", "Running");
        assertThat(states.indexOf("Running")).isGreaterThan(states.indexOf("ContainerCreating"));
        assertThat(states.subList(0, states.indexOf("ContainerCreating"))).doesNotContain("Running");
        assertThat(states.get(states.size() - 1)).isEqualTo("Running");
    }
}
