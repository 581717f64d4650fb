package dev.ordinal.pod;

import static dev.ordinal.pod.SimCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.ordinal.controller.Pods;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The article's story end to end: pods on different nodes sharing one ReadWriteOnce claim. One attaches the volume
 * and runs; the others stay ContainerCreating with Kubernetes' Multi-Attach warning naming the pod that holds it.
 */
@IntegrationTest
class MultiAttachIT {
    @LocalServerPort
    int port;
    @Autowired
    VolumeAttachments attachments;
    ApiClient api;
    SimCluster c;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        c = new SimCluster(api);
    }

    private static String multiAttach(String volume, String usedBy) {
        return "Multi-Attach error for volume \"" + volume + "\" Volume is already used by pod(s) " + usedBy;
    }

    private List<String> volumesInUse(String node) {
        return Json.strings(api.get("/api/v1/nodes/" + node).json(), "status", "volumesInUse");
    }

    private List<JsonNode> activePods(String ns) {
        return c.pods(ns).stream().filter(p -> !Json.isTerminating(p) && !Pods.isTerminated(p)).toList();
    }

    @Test
    void threePodsOfAReplicaSetSharingAReadWriteOnceClaimEndWithOneRunningAndTwoContainerCreating() {
        String ns = c.namespace("attach-rs");
        c.createClaim(ns, "helloweb-disk", "\"ReadWriteOnce\"", "1Gi", null);
        c.create("/apis/apps/v1/namespaces/" + ns + "/replicasets", """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"nginx"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},
                   "template":{"metadata":{"labels":{"app":"nginx"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9",
                                            "volumeMounts":[{"name":"data","mountPath":"/data"}]}],
                             "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"helloweb-disk"}}]}}}}
                """);

        List<JsonNode> pods = eventually().until(() -> activePods(ns), ps -> ps.size() == 3
                && ps.stream().filter(SimCluster::isRunningAndReady).count() == 1
                && ps.stream().filter(SimCluster::isContainerCreating).count() == 2);

        Set<String> nodes = pods.stream().map(Pods::nodeName).collect(Collectors.toSet());
        assertThat(nodes).as("spread over the nodes").containsExactlyInAnyOrder("node-1", "node-2", "node-3");
        String running = pods.stream().filter(SimCluster::isRunningAndReady).map(Json::name).findFirst().orElseThrow();
        String volume = Json.str(c.claim(ns, "helloweb-disk"), "spec", "volumeName");
        assertThat(volume).isEqualTo("pvc-" + Json.uid(c.claim(ns, "helloweb-disk")));
        for (JsonNode stuck : pods.stream().filter(SimCluster::isContainerCreating).toList()) {
            JsonNode warning = c.awaitEvent(ns, Json.name(stuck), "FailedAttachVolume");
            assertThat(Json.str(warning, "type")).isEqualTo("Warning");
            assertThat(Json.str(warning, "message")).isEqualTo(multiAttach(volume, running));
            assertThat(Json.str(warning, "source", "component")).isEqualTo("attachdetach-controller");
            assertThat(Json.list(stuck, "status", "containerStatuses"))
                    .allMatch(cs -> "ContainerCreating".equals(Json.str(cs, "state", "waiting", "reason")));
        }
        assertThat(c.eventMessages(ns, running, "SuccessfulAttachVolume"))
                .containsExactly("AttachVolume.Attach succeeded for volume \"" + volume + "\" ");
    }

    @Test
    void deletingThePodThatHoldsTheVolumeLetsAWaitingPodOnAnotherNodeAttachAndRun() {
        String ns = c.namespace("attach-handover");
        c.createClaim(ns, "disk", "\"ReadWriteOnce\"", "1Gi", null);
        c.createPod(ns, "holder", "disk", "node-1", null);
        c.awaitPod(ns, "holder", SimCluster::isRunningAndReady);
        String volume = Json.str(c.claim(ns, "disk"), "spec", "volumeName");
        // The kubelet reports the volume its running pod mounts as in use, by its CSI unique name.
        String uniqueName = "kubernetes.io/csi/" + VolumeAttachments.SIMULATED_DRIVER + "^" + volume;
        eventually().until(() -> volumesInUse("node-1"), v -> v.contains(uniqueName));
        c.createPod(ns, "waiter-2", "disk", "node-2", null);
        c.createPod(ns, "waiter-3", "disk", "node-3", null);
        for (String waiter : List.of("waiter-2", "waiter-3")) {
            c.awaitPod(ns, waiter, SimCluster::isContainerCreating);
            assertThat(Json.str(c.awaitEvent(ns, waiter, "FailedAttachVolume"), "message"))
                    .isEqualTo(multiAttach(volume, "holder"));
        }

        assertThat(api.delete(SimCluster.podPath(ns, "holder")).code()).isEqualTo(200);

        List<JsonNode> pods = eventually().until(() -> c.pods(ns), ps -> ps.size() == 2
                && ps.stream().filter(SimCluster::isRunningAndReady).count() == 1
                && ps.stream().filter(SimCluster::isContainerCreating).count() == 1);
        JsonNode winner = pods.stream().filter(SimCluster::isRunningAndReady).findFirst().orElseThrow();
        JsonNode loser = pods.stream().filter(SimCluster::isContainerCreating).findFirst().orElseThrow();
        assertThat(attachments.nodesOf(volume)).containsExactly(Pods.nodeName(winner));
        // The kubelet's volumesInUse follows the pods: gone from the holder's node, on the winner's.
        eventually().until(() -> volumesInUse("node-1"), v -> !v.contains(uniqueName));
        eventually().until(() -> volumesInUse(Pods.nodeName(winner)), v -> v.contains(uniqueName));
        assertThat(volumesInUse(Pods.nodeName(loser))).doesNotContain(uniqueName);
        // As the attach/detach controller does, the error is reported once per volume and pod: the loser keeps the
        // event it got while the holder ran, and is not told again.
        assertThat(c.eventMessages(ns, Json.name(loser), "FailedAttachVolume"))
                .containsExactly(multiAttach(volume, "holder"));
    }

    @Test
    void aVolumeStillAttachedToANodeWithoutPodsGivesTheExclusivelyAttachedMessageUntilItIsDetached() {
        String ns = c.namespace("attach-stale");
        c.createClaim(ns, "disk", "\"ReadWriteOnce\"", "1Gi", null);
        String volume = eventually().until(() -> Json.str(c.claim(ns, "disk"), "spec", "volumeName"),
                v -> v != null && !v.isEmpty());
        // A node that lost its pod but has not detached yet, as after a node failure.
        assertThat(attachments.attach(volume, "node-3", true)).isEqualTo(VolumeAttachments.Attach.ATTACHED);

        c.createPod(ns, "web", "disk", "node-1", null);

        c.awaitPod(ns, "web", SimCluster::isContainerCreating);
        assertThat(Json.str(c.awaitEvent(ns, "web", "FailedAttachVolume"), "message"))
                .isEqualTo("Multi-Attach error for volume \"" + volume + "\" Volume is already exclusively attached to"
                        + " one node and can't be attached to another");

        attachments.detach(volume, "node-3");

        c.awaitPod(ns, "web", SimCluster::isRunningAndReady);
        assertThat(attachments.nodesOf(volume)).containsExactly("node-1");
    }
}
