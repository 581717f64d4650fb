package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PodLogsTest {
    private static ObjectNode pod(String containerState) {
        return Json.parse("""
                {"metadata":{"name":"nginx-0","namespace":"default"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"nginx","image":"nginx:1.27"}],
                         "volumes":[{"name":"www","persistentVolumeClaim":{"claimName":"www-nginx-0"}}]},
                 "status":{"podIP":"10.244.0.7","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-11-25T10:00:02Z"}],
                           "containerStatuses":[{"name":"nginx","image":"nginx:1.27","state":%s}]}}""".formatted(containerState));
    }

    @Test
    void aRunningContainerLogsItsSimulatedStartMountsAndReadiness() {
        String log = PodLogs.logs(pod("{\"running\":{\"startedAt\":\"2026-11-25T10:00:01Z\"}}"), null, false, null);
        assertThat(log.lines()).containsExactly(
                "ordinal: simulated container nginx (image nginx:1.27) started on node node-1 with pod IP 10.244.0.7",
                "ordinal: volume www mounted from claim www-nginx-0",
                "ordinal: container nginx is ready");
    }

    @Test
    void timestampsAndTailAreHonoured() {
        String log = PodLogs.logs(pod("{\"running\":{\"startedAt\":\"2026-11-25T10:00:01Z\"}}"), "nginx", true, 1);
        assertThat(log).isEqualTo("2026-11-25T10:00:02Z ordinal: container nginx is ready\n");
    }

    @Test
    void aContainerThatHasNotStartedIsABadRequestLikeKubernetes() {
        assertThatThrownBy(() -> PodLogs.logs(pod("{\"waiting\":{\"reason\":\"ContainerCreating\"}}"), null, false, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(
                            "container \"nginx\" in pod \"nginx-0\" is waiting to start: ContainerCreating");
                });
    }

    @Test
    void anUnknownContainerIsABadRequest() {
        assertThatThrownBy(() -> PodLogs.logs(pod("{\"running\":{\"startedAt\":\"2026-11-25T10:00:01Z\"}}"), "sidecar",
                false, null)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
