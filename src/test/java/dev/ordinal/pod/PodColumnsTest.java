package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** kubectl get pods' READY, STATUS and RESTARTS, as kubectl prints them. */
class PodColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static ObjectNode pod(String json) {
        return Json.parse(json);
    }

    private static String status(String json) {
        return PodColumns.podSummary(pod(json), NOW).status();
    }

    @Test
    void pendingPodWithoutStatusesShowsPhase() {
        PodColumns.PodSummary s = PodColumns.podSummary(pod("""
                {"spec":{"containers":[{"name":"nginx"}]},"status":{"phase":"Pending"}}"""), NOW);
        assertThat(s).isEqualTo(new PodColumns.PodSummary("0/1", "Pending", "0"));
    }

    @Test
    void waitingContainerReasonWins() {
        assertThat(status("""
                {"spec":{"containers":[{"name":"nginx"}]},"status":{"phase":"Pending",
                 "containerStatuses":[{"name":"nginx","ready":false,"restartCount":0,
                   "state":{"waiting":{"reason":"ContainerCreating"}}}]}}""")).isEqualTo("ContainerCreating");
    }

    @Test
    void readyRunningContainersAreCounted() {
        PodColumns.PodSummary s = PodColumns.podSummary(pod("""
                {"spec":{"containers":[{"name":"a"},{"name":"b"}]},"status":{"phase":"Running",
                 "containerStatuses":[{"name":"a","ready":true,"restartCount":0,"state":{"running":{}}},
                                      {"name":"b","ready":false,"restartCount":0,"state":{"running":{}}}]}}"""), NOW);
        assertThat(s.ready()).isEqualTo("1/2");
        assertThat(s.status()).isEqualTo("Running");
    }

    @Test
    void terminatedReasonsAndExitCodes() {
        assertThat(status("""
                {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
                 "containerStatuses":[{"name":"a","restartCount":0,"state":{"terminated":{"exitCode":1,"reason":"Error"}}}]}}"""))
                .isEqualTo("Error");
        assertThat(status("""
                {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded",
                 "containerStatuses":[{"name":"a","restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""))
                .isEqualTo("Completed");
        assertThat(status("""
                {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Failed",
                 "containerStatuses":[{"name":"a","restartCount":0,"state":{"terminated":{"exitCode":137}}}]}}"""))
                .isEqualTo("ExitCode:137");
    }

    @Test
    void deletionTimestampMakesUnfinishedPodTerminatingButNotFinishedOnes() {
        assertThat(status("""
                {"metadata":{"deletionTimestamp":"2026-01-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},
                 "status":{"phase":"Running","containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}}"""))
                .isEqualTo("Terminating");
        assertThat(status("""
                {"metadata":{"deletionTimestamp":"2026-01-01T11:59:00Z"},"spec":{"containers":[{"name":"a"}]},
                 "status":{"phase":"Succeeded","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""))
                .isEqualTo("Completed");
    }

    @Test
    void initContainersShowProgressAndFailures() {
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"i1"},{"name":"i2"}],"containers":[{"name":"a"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"i1","state":{"terminated":{"exitCode":0}}},
                   {"name":"i2","state":{"running":{}}}]}}"""))
                .isEqualTo("Init:1/2");
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"i1","state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}"""))
                .isEqualTo("Init:CrashLoopBackOff");
        assertThat(status("""
                {"spec":{"initContainers":[{"name":"i1"}],"containers":[{"name":"a"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"i1","state":{"terminated":{"exitCode":2}}}]}}"""))
                .isEqualTo("Init:ExitCode:2");
    }

    @Test
    void restartsShowTheAgeOfTheLastRestart() {
        PodColumns.PodSummary s = PodColumns.podSummary(pod("""
                {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running",
                 "containerStatuses":[{"name":"a","ready":true,"restartCount":3,"state":{"running":{}},
                   "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T11:55:00Z"}}}]}}"""), NOW);
        assertThat(s.restarts()).isEqualTo("3 (5m ago)");
    }
}
