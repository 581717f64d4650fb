package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The pod status shapes the simulated kubelet writes at each step, as a real kubelet writes them. */
class PodLifecycleTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.400Z");
    private static final Instant T1 = Instant.parse("2025-03-01T10:00:05Z");
    private static final Instant T2 = Instant.parse("2025-03-01T10:00:09Z");
    private ObjectNode pod;
    private ObjectNode node;

    @BeforeEach
    void setUp() {
        pod = Json.parse("""
                {"metadata":{"name":"web-0","namespace":"shop","uid":"6a0b1c2d-0000-4000-8000-000000000001"},
                 "spec":{"nodeName":"node-2","containers":[{"name":"nginx","image":"nginx:1.7.9"},
                                                          {"name":"sidecar","image":"example.com/tools/sidecar:2"}]}}
                """);
        node = Json.parse("""
                {"metadata":{"name":"node-2"},"spec":{"podCIDR":"10.244.2.0/24"},
                 "status":{"addresses":[{"type":"Hostname","address":"node-2"},{"type":"InternalIP","address":"172.18.0.3"}]}}
                """);
    }

    private static JsonNode condition(JsonNode pod, String type) {
        return Json.list(pod, "status", "conditions").stream().filter(c -> type.equals(Json.str(c, "type")))
                .findFirst().orElseThrow();
    }

    private static List<String> conditionTypes(JsonNode pod) {
        return Json.list(pod, "status", "conditions").stream().map(c -> Json.str(c, "type")).toList();
    }

    @Test
    void containerCreatingIsPendingWithEveryContainerWaiting() {
        PodLifecycle.containerCreating(pod, node, T0);

        assertThat(Json.str(pod, "status", "phase")).isEqualTo("Pending");
        assertThat(conditionTypes(pod)).containsExactly("PodReadyToStartContainers", "Initialized", "Ready",
                "ContainersReady", "PodScheduled");
        assertThat(Json.str(condition(pod, "PodReadyToStartContainers"), "status")).isEqualTo("False");
        assertThat(Json.str(condition(pod, "Initialized"), "status")).isEqualTo("True");
        assertThat(Json.str(condition(pod, "PodScheduled"), "status")).isEqualTo("True");
        JsonNode ready = condition(pod, "Ready");
        assertThat(Json.str(ready, "status")).isEqualTo("False");
        assertThat(Json.str(ready, "reason")).isEqualTo("ContainersNotReady");
        assertThat(Json.str(ready, "message")).isEqualTo("containers with unready status: [nginx sidecar]");
        assertThat(Json.str(ready, "lastTransitionTime")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(ready.get("lastProbeTime").isNull()).isTrue();
        assertThat(Json.str(condition(pod, "ContainersReady"), "reason")).isEqualTo("ContainersNotReady");

        assertThat(Json.str(pod, "status", "hostIP")).isEqualTo("172.18.0.3");
        assertThat(Json.list(pod, "status", "hostIPs")).hasSize(1);
        assertThat(Json.str(Json.list(pod, "status", "hostIPs").get(0), "ip")).isEqualTo("172.18.0.3");
        assertThat(Json.str(pod, "status", "startTime")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(Json.str(pod, "status", "podIP")).isNull();
        assertThat(Json.str(pod, "status", "qosClass")).isEqualTo("BestEffort");

        List<JsonNode> statuses = Json.list(pod, "status", "containerStatuses");
        assertThat(statuses).extracting(cs -> Json.str(cs, "name")).containsExactly("nginx", "sidecar");
        assertThat(statuses).allSatisfy(cs -> {
            assertThat(Json.str(cs, "state", "waiting", "reason")).isEqualTo("ContainerCreating");
            assertThat(Json.bool(cs, "ready")).isFalse();
            assertThat(Json.bool(cs, "started")).isFalse();
            assertThat(Json.integer(cs, -1, "restartCount")).isZero();
        });
        assertThat(Json.str(statuses.get(0), "image")).isEqualTo("nginx:1.7.9");
    }

    @Test
    void hostIpFallsBackToOneDerivedFromTheNodeNameWithoutAnInternalAddress() {
        PodLifecycle.containerCreating(pod, Json.parse("{\"metadata\":{\"name\":\"node-3\"}}"), T0);
        assertThat(Json.str(pod, "status", "hostIP")).isEqualTo("10.0.0.13");
    }

    @Test
    void runningGivesAPodIpInTheNodesRangeAndRunningContainersButNotReadinessYet() {
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.running(pod, node, T1, false);

        assertThat(Json.str(pod, "status", "phase")).isEqualTo("Running");
        assertThat(Json.str(pod, "status", "podIP")).startsWith("10.244.2.");
        assertThat(Json.str(Json.list(pod, "status", "podIPs").get(0), "ip")).isEqualTo(Json.str(pod, "status", "podIP"));
        JsonNode toStart = condition(pod, "PodReadyToStartContainers");
        assertThat(Json.str(toStart, "status")).isEqualTo("True");
        assertThat(Json.str(toStart, "lastTransitionTime")).isEqualTo("2025-03-01T10:00:05Z");
        assertThat(Json.str(condition(pod, "Ready"), "status")).isEqualTo("False");
        assertThat(Json.str(condition(pod, "Initialized"), "lastTransitionTime")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(Json.list(pod, "status", "containerStatuses")).allSatisfy(cs -> {
            assertThat(Json.str(cs, "state", "running", "startedAt")).isEqualTo("2025-03-01T10:00:05Z");
            assertThat(Json.at(cs, "state").has("waiting")).isFalse();
            assertThat(Json.bool(cs, "started")).isTrue();
            assertThat(Json.bool(cs, "ready")).isFalse();
            assertThat(Json.str(cs, "containerID")).matches("containerd://[0-9a-f]{64}");
        });
        assertThat(Json.str(Json.list(pod, "status", "containerStatuses").get(0), "imageID"))
                .matches("docker\\.io/library/nginx@sha256:[0-9a-f]{64}");
        assertThat(Json.str(Json.list(pod, "status", "containerStatuses").get(1), "imageID"))
                .startsWith("example.com/tools/sidecar@sha256:");
    }

    @Test
    void readyMarksEveryContainerReadyAndMovesOnlyTheChangedConditions() {
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.running(pod, node, T1, false);
        PodLifecycle.ready(pod, T2);

        JsonNode ready = condition(pod, "Ready");
        assertThat(Json.str(ready, "status")).isEqualTo("True");
        assertThat(ready.has("reason")).isFalse();
        assertThat(ready.has("message")).isFalse();
        assertThat(Json.str(ready, "lastTransitionTime")).isEqualTo("2025-03-01T10:00:09Z");
        assertThat(Json.str(condition(pod, "ContainersReady"), "status")).isEqualTo("True");
        assertThat(Json.str(condition(pod, "PodScheduled"), "lastTransitionTime")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(Json.list(pod, "status", "containerStatuses")).allMatch(cs -> Json.bool(cs, "ready"));
    }

    @Test
    void runningWithoutReadinessDelayIsReadyAtOnce() {
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.running(pod, node, T1, true);
        assertThat(Pods.isRunningAndReady(pod)).isTrue();
        assertThat(Json.str(condition(pod, "Ready"), "lastTransitionTime")).isEqualTo("2025-03-01T10:00:05Z");
    }

    @Test
    void failedTerminatesEveryContainerWithExitCodeOneKeepingWhenItStarted() {
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.running(pod, node, T1, true);
        String containerId = Json.str(Json.list(pod, "status", "containerStatuses").get(0), "containerID");
        PodLifecycle.failed(pod, T2);

        assertThat(Json.str(pod, "status", "phase")).isEqualTo("Failed");
        assertThat(Pods.isTerminated(pod)).isTrue();
        JsonNode ready = condition(pod, "Ready");
        assertThat(Json.str(ready, "status")).isEqualTo("False");
        assertThat(Json.str(ready, "reason")).isEqualTo("PodFailed");
        assertThat(Json.str(condition(pod, "ContainersReady"), "status")).isEqualTo("False");
        assertThat(Json.str(condition(pod, "PodReadyToStartContainers"), "status")).isEqualTo("False");
        JsonNode first = Json.list(pod, "status", "containerStatuses").get(0);
        assertThat(Json.integer(first, 0, "state", "terminated", "exitCode")).isEqualTo(1);
        assertThat(Json.str(first, "state", "terminated", "reason")).isEqualTo("Error");
        assertThat(Json.str(first, "state", "terminated", "startedAt")).isEqualTo("2025-03-01T10:00:05Z");
        assertThat(Json.str(first, "state", "terminated", "finishedAt")).isEqualTo("2025-03-01T10:00:09Z");
        assertThat(Json.str(first, "state", "terminated", "containerID")).isEqualTo(containerId);
        assertThat(Json.at(first, "state").has("running")).isFalse();
        assertThat(Json.bool(first, "ready")).isFalse();
        assertThat(Json.bool(first, "started")).isFalse();
    }

    @Test
    void aPodThatFailsBeforeStartingReportsItsFinishTimeAsStartTime() {
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.failed(pod, T2);
        JsonNode first = Json.list(pod, "status", "containerStatuses").get(0);
        assertThat(Json.str(first, "state", "terminated", "startedAt")).isEqualTo("2025-03-01T10:00:09Z");
        assertThat(Json.at(first, "state", "terminated").has("containerID")).isFalse();
    }

    @Test
    void theSamePodAlwaysGetsTheSameIpAndContainerIds() {
        ObjectNode twin = Json.copy(pod);
        PodLifecycle.containerCreating(pod, node, T0);
        PodLifecycle.running(pod, node, T1, true);
        PodLifecycle.containerCreating(twin, node, T0);
        PodLifecycle.running(twin, node, T2, true);
        assertThat(Json.str(twin, "status", "podIP")).isEqualTo(Json.str(pod, "status", "podIP"));
        assertThat(Json.str(Json.list(twin, "status", "containerStatuses").get(0), "containerID"))
                .isEqualTo(Json.str(Json.list(pod, "status", "containerStatuses").get(0), "containerID"));
    }
}
