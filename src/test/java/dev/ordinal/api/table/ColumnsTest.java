package dev.ordinal.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static ObjectNode pod(String json) {
        return Json.parse(json);
    }

    private static String status(String json) {
        return Columns.podSummary(pod(json), NOW).status();
    }

    @Test
    void pendingPodWithoutStatusesShowsPhase() {
        Columns.PodSummary s = Columns.podSummary(pod("""
                {"spec":{"containers":[{"name":"nginx"}]},"status":{"phase":"Pending"}}"""), NOW);
        assertThat(s).isEqualTo(new Columns.PodSummary("0/1", "Pending", "0"));
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
        Columns.PodSummary s = Columns.podSummary(pod("""
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
        Columns.PodSummary s = Columns.podSummary(pod("""
                {"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running",
                 "containerStatuses":[{"name":"a","ready":true,"restartCount":3,"state":{"running":{}},
                   "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T11:55:00Z"}}}]}}"""), NOW);
        assertThat(s.restarts()).isEqualTo("3 (5m ago)");
    }

    @Test
    void claimColumnsAbbreviateAccessModesAndHideCapacityUntilBound() {
        List<Column> cols = Columns.of(ResourceTypes.PERSISTENT_VOLUME_CLAIM);
        assertThat(cols.stream().filter(c -> c.priority() == 0).map(Column::name)).containsExactly(
                "Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age");
        ObjectNode bound = Json.parse("""
                {"metadata":{"name":"www-nginx-0","creationTimestamp":"2026-01-01T11:00:00Z"},
                 "spec":{"storageClassName":"standard","volumeName":"pvc-1","resources":{"requests":{"storage":"1Gi"}}},
                 "status":{"phase":"Bound","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce","ReadWriteOncePod"]}}""");
        assertThat(cols.stream().map(c -> c.cell().apply(bound, NOW))).containsExactly(
                "www-nginx-0", "Bound", "pvc-1", "1Gi", "RWO,RWOP", "standard", "<unset>", "60m", "<unset>");
        ObjectNode pending = Json.parse("""
                {"metadata":{"name":"c"},"spec":{"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}""");
        assertThat(cols.get(3).cell().apply(pending, NOW)).isEqualTo("");
        assertThat(cols.get(4).cell().apply(pending, NOW)).isEqualTo("");
    }

    @Test
    void accessModesFollowKubernetesOrder() {
        assertThat(Columns.accessModes(List.of("ReadWriteMany", "ReadOnlyMany", "ReadWriteOnce")))
                .isEqualTo("RWO,ROX,RWX");
    }

    @Test
    void statefulSetReadyAndWideContainers() {
        List<Column> cols = Columns.of(ResourceTypes.STATEFUL_SET);
        assertThat(cols.stream().map(c -> c.name() + ":" + c.priority()))
                .containsExactly("Name:0", "Ready:0", "Age:0", "Containers:1", "Images:1");
        ObjectNode sts = Json.parse("""
                {"metadata":{"name":"nginx","creationTimestamp":"2026-01-01T11:59:30Z"},
                 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx-slim:0.8"}]}}},
                 "status":{"readyReplicas":2}}""");
        assertThat(cols.stream().map(c -> c.cell().apply(sts, NOW)))
                .containsExactly("nginx", "2/3", "30s", "nginx", "nginx-slim:0.8");
    }

    @Test
    void replicationControllerCountsAreIntegersAndSelectorIsSorted() {
        List<Column> cols = Columns.of(ResourceTypes.REPLICATION_CONTROLLER);
        ObjectNode rc = Json.parse("""
                {"metadata":{"name":"nginx"},"spec":{"replicas":3,"selector":{"tier":"web","app":"nginx"},
                 "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}},
                 "status":{"replicas":3,"readyReplicas":1}}""");
        assertThat(cols.stream().map(Column::type).limit(4)).containsExactly("string", "integer", "integer", "integer");
        assertThat(cols.get(1).cell().apply(rc, NOW)).isEqualTo(3);
        assertThat(cols.get(3).cell().apply(rc, NOW)).isEqualTo(1);
        assertThat(cols.get(7).cell().apply(rc, NOW)).isEqualTo("app=nginx,tier=web");
    }

    @Test
    void defaultStorageClassIsMarkedInItsName() {
        List<Column> cols = Columns.of(ResourceTypes.STORAGE_CLASS);
        ObjectNode sc = Json.parse("""
                {"metadata":{"name":"standard","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
                 "provisioner":"ordinal.dev/simulated"}""");
        assertThat(cols.stream().limit(5).map(c -> c.cell().apply(sc, NOW)))
                .containsExactly("standard (default)", "ordinal.dev/simulated", "Delete", "Immediate", "false");
    }

    @Test
    void eventsNameTheirObjectAndControllerRevisionsTheirOwner() {
        List<Column> ev = Columns.of(ResourceTypes.EVENT);
        assertThat(ev.stream().filter(c -> c.priority() == 0).map(Column::name))
                .containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        ObjectNode e = Json.parse("""
                {"metadata":{"name":"nginx-1.abc"},"involvedObject":{"kind":"Pod","name":"nginx-1"},
                 "type":"Warning","reason":"FailedAttachVolume","message":"Multi-Attach error ",
                 "firstTimestamp":"2026-01-01T11:59:00Z","lastTimestamp":"2026-01-01T11:59:50Z","count":2}""");
        assertThat(ev.stream().map(c -> c.cell().apply(e, NOW))).containsExactly(
                "10s", "Warning", "FailedAttachVolume", "pod/nginx-1", "", "", "Multi-Attach error", "60s", 2L, "nginx-1.abc");
        ObjectNode rev = Json.parse("""
                {"metadata":{"name":"nginx-7b5b","ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet",
                 "name":"nginx","controller":true}]},"revision":1}""");
        assertThat(Columns.of(ResourceTypes.CONTROLLER_REVISION).get(1).cell().apply(rev, NOW))
                .isEqualTo("statefulset.apps/nginx");
    }

    @Test
    void resourceQuotaShowsUsedOverHardAsKubectlGetQuotaDoes() {
        List<Column> cols = Columns.of(ResourceTypes.RESOURCE_QUOTA);
        ObjectNode quota = Json.parse("""
                {"metadata":{"name":"storage","creationTimestamp":"2026-01-01T11:59:00Z"},
                 "spec":{"hard":{"requests.storage":"2Gi","pods":"3","limits.memory":"1Gi"}},
                 "status":{"hard":{"requests.storage":"2Gi","pods":"3","limits.memory":"1Gi"},
                           "used":{"requests.storage":"1Gi","pods":"1"}}}""");
        assertThat(cols.stream().map(Column::name)).containsExactly("Name", "Age", "Request", "Limit");
        assertThat(cols.stream().map(c -> c.cell().apply(quota, NOW))).containsExactly(
                "storage", "60s", "pods: 1/3, requests.storage: 1Gi/2Gi", "limits.memory: 0/1Gi");
    }
}
