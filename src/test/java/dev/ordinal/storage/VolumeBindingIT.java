package dev.ordinal.storage;

import static dev.ordinal.pod.SimCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.pod.SimCluster;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The volume controllers end to end: binding, provisioning, reclaim, protection finalizers, delayed binding. */
@IntegrationTest
class VolumeBindingIT {
    @LocalServerPort
    int port;
    ApiClient api;
    SimCluster c;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        c = new SimCluster(api);
    }

    private JsonNode createVolume(String name, String size, String accessModes, String storageClass) {
        return c.create("/api/v1/persistentvolumes", """
                {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"%s"},
                 "spec":{"capacity":{"storage":"%s"},"accessModes":[%s],"storageClassName":"%s",
                   "hostPath":{"path":"/tmp/%s"}}}
                """.formatted(name, size, accessModes, storageClass, name));
    }

    private JsonNode createClass(String name, String reclaimPolicy, String bindingMode) {
        return c.create("/apis/storage.k8s.io/v1/storageclasses", """
                {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"%s"},
                 "provisioner":"ordinal.dev/simulated","reclaimPolicy":"%s","volumeBindingMode":"%s"}
                """.formatted(name, reclaimPolicy, bindingMode));
    }

    private JsonNode awaitBound(String ns, String claim) {
        return eventually().until(() -> c.claim(ns, claim), pvc -> "Bound".equals(Json.str(pvc, "status", "phase")));
    }

    private JsonNode awaitVolumePhase(String name, String phase) {
        return eventually().until(() -> c.get(SimCluster.volumePath(name)),
                pv -> phase.equals(Json.str(pv, "status", "phase")));
    }

    @Test
    void aStaticVolumeBindsToAClaimWhenItIsTheSmallestThatMatches() {
        String ns = c.namespace("bind-static");
        String cls = "manual-" + SimCluster.suffix();
        String small = cls + "-small";
        String big = cls + "-big";
        String tiny = cls + "-tiny";
        String rox = cls + "-rox";
        createVolume(big, "10Gi", "\"ReadWriteOnce\"", cls);
        createVolume(small, "2Gi", "\"ReadWriteOnce\"", cls);
        createVolume(tiny, "500Mi", "\"ReadWriteOnce\"", cls);
        createVolume(rox, "1Gi", "\"ReadOnlyMany\"", cls);
        awaitVolumePhase(small, "Available");

        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);

        JsonNode claim = awaitBound(ns, "data");
        assertThat(Json.str(claim, "spec", "volumeName")).isEqualTo(small);
        assertThat(Json.annotations(claim)).containsEntry("pv.kubernetes.io/bind-completed", "yes")
                .containsEntry("pv.kubernetes.io/bound-by-controller", "yes");
        assertThat(Json.str(claim, "status", "capacity", "storage")).isEqualTo("2Gi");
        assertThat(Json.strings(claim, "status", "accessModes")).containsExactly("ReadWriteOnce");
        JsonNode pv = awaitVolumePhase(small, "Bound");
        assertThat(Json.str(pv, "spec", "claimRef", "uid")).isEqualTo(Json.uid(claim));
        assertThat(Json.str(pv, "spec", "claimRef", "namespace")).isEqualTo(ns);
        assertThat(Json.str(pv, "spec", "claimRef", "name")).isEqualTo("data");
        assertThat(Json.annotations(pv)).containsEntry("pv.kubernetes.io/bound-by-controller", "yes");
        assertThat(Json.strings(pv, "metadata", "finalizers")).containsExactly("kubernetes.io/pv-protection");
        for (String other : List.of(big, tiny, rox)) {
            assertThat(Json.str(c.get(SimCluster.volumePath(other)), "status", "phase")).as(other).isEqualTo("Available");
        }
    }

    @Test
    void aClaimWithoutAMatchingVolumeGetsAProvisionedOneFromTheDefaultClass() {
        String ns = c.namespace("bind-provision");
        JsonNode created = c.createClaim(ns, "data", "\"ReadWriteOnce\"", "3Gi", null);
        assertThat(Json.str(created, "spec", "storageClassName")).isEqualTo("standard");
        assertThat(Json.strings(created, "metadata", "finalizers")).containsExactly("kubernetes.io/pvc-protection");

        JsonNode claim = awaitBound(ns, "data");

        String volume = "pvc-" + Json.uid(claim);
        assertThat(Json.str(claim, "spec", "volumeName")).isEqualTo(volume);
        assertThat(Json.annotations(claim)).containsEntry("volume.kubernetes.io/storage-provisioner", "ordinal.dev/simulated")
                .containsEntry("pv.kubernetes.io/bind-completed", "yes");
        JsonNode pv = awaitVolumePhase(volume, "Bound");
        assertThat(Json.str(pv, "spec", "persistentVolumeReclaimPolicy")).isEqualTo("Delete");
        assertThat(Json.str(pv, "spec", "storageClassName")).isEqualTo("standard");
        assertThat(Json.str(pv, "spec", "capacity", "storage")).isEqualTo("3Gi");
        assertThat(Json.strings(pv, "spec", "accessModes")).containsExactly("ReadWriteOnce");
        assertThat(Json.str(pv, "spec", "claimRef", "uid")).isEqualTo(Json.uid(claim));
        assertThat(Json.annotations(pv)).containsEntry("pv.kubernetes.io/provisioned-by", "ordinal.dev/simulated")
                .doesNotContainKey("pv.kubernetes.io/bound-by-controller"); // Created bound to its claim.
        assertThat(Json.annotations(claim)).containsEntry("pv.kubernetes.io/bound-by-controller", "yes");
        assertThat(Json.strings(pv, "metadata", "finalizers")).contains("kubernetes.io/pv-protection");
        JsonNode event = c.awaitEvent(ns, "data", "ProvisioningSucceeded");
        assertThat(Json.str(event, "type")).isEqualTo("Normal");
        assertThat(Json.str(event, "message"))
                .isEqualTo("Successfully provisioned volume " + volume + " using ordinal.dev/simulated");
    }

    @Test
    void aProvisionedVolumeTakesItsClassReclaimPolicy() {
        String ns = c.namespace("bind-classpolicy");
        String cls = "keep-" + SimCluster.suffix();
        createClass(cls, "Retain", "Immediate");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);

        JsonNode claim = awaitBound(ns, "data");

        JsonNode pv = c.get(SimCluster.volumePath(Json.str(claim, "spec", "volumeName")));
        assertThat(Json.str(pv, "spec", "persistentVolumeReclaimPolicy")).isEqualTo("Retain");
        assertThat(Json.str(pv, "spec", "storageClassName")).isEqualTo(cls);
    }

    @Test
    void deletingAClaimDeletesItsVolumeWhenThePolicyIsDelete() {
        String ns = c.namespace("reclaim-delete");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", null);
        String volume = Json.str(awaitBound(ns, "data"), "spec", "volumeName");
        awaitVolumePhase(volume, "Bound");

        assertThat(api.delete(SimCluster.claimPath(ns, "data")).code()).isEqualTo(200);

        eventually().until(() -> c.find(SimCluster.claimPath(ns, "data")).isEmpty());
        eventually().until(() -> c.find(SimCluster.volumePath(volume)).isEmpty());
    }

    @Test
    void aRetainedVolumeStaysReleasedAndIsNotBoundToANewClaim() {
        String ns = c.namespace("reclaim-retain");
        String cls = "retain-" + SimCluster.suffix();
        createClass(cls, "Retain", "Immediate");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);
        JsonNode first = awaitBound(ns, "data");
        String volume = Json.str(first, "spec", "volumeName");

        assertThat(api.delete(SimCluster.claimPath(ns, "data")).code()).isEqualTo(200);
        eventually().until(() -> c.find(SimCluster.claimPath(ns, "data")).isEmpty());

        JsonNode released = awaitVolumePhase(volume, "Released");
        assertThat(Json.str(released, "spec", "claimRef", "uid")).isEqualTo(Json.uid(first));
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);
        JsonNode second = awaitBound(ns, "data");
        assertThat(Json.str(second, "spec", "volumeName")).isEqualTo("pvc-" + Json.uid(second)).isNotEqualTo(volume);
        JsonNode still = c.get(SimCluster.volumePath(volume));
        assertThat(Json.str(still, "status", "phase")).isEqualTo("Released");
        assertThat(Json.str(still, "spec", "claimRef", "uid")).isEqualTo(Json.uid(first));
    }

    @Test
    void aClaimUsedByAPodStaysTerminatingUntilThePodIsGone() {
        String ns = c.namespace("protect-claim");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", null);
        c.createPod(ns, "web", "data", null, null);
        c.awaitPod(ns, "web", SimCluster::isRunningAndReady);
        String volume = Json.str(c.claim(ns, "data"), "spec", "volumeName");

        ApiClient.Response deleted = api.delete(SimCluster.claimPath(ns, "data"));

        assertThat(deleted.code()).as(deleted.text()).isEqualTo(200);
        JsonNode terminating = c.claim(ns, "data");
        assertThat(Json.isTerminating(terminating)).isTrue();
        assertThat(Json.strings(terminating, "metadata", "finalizers")).containsExactly("kubernetes.io/pvc-protection");
        assertThat(Json.str(terminating, "status", "phase")).isEqualTo("Bound");
        // Still there once the pod has been looked at again: a change to the pod wakes the claim's protection.
        api.patch(SimCluster.podPath(ns, "web"), "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
        c.awaitPod(ns, "web", p -> "yes".equals(Json.labels(p).get("touched")));
        assertThat(c.find(SimCluster.claimPath(ns, "data"))).isPresent();

        assertThat(api.delete(SimCluster.podPath(ns, "web")).code()).isEqualTo(200);

        eventually().until(() -> c.find(SimCluster.claimPath(ns, "data")).isEmpty());
        eventually().until(() -> c.find(SimCluster.volumePath(volume)).isEmpty());
    }

    @Test
    void aVolumeDeletedWhileBoundStaysTerminatingUntilItsClaimIsGone() {
        String ns = c.namespace("protect-volume");
        String cls = "manual-" + SimCluster.suffix();
        String name = cls + "-pv";
        createVolume(name, "1Gi", "\"ReadWriteOnce\"", cls);
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);
        awaitBound(ns, "data");

        assertThat(api.delete(SimCluster.volumePath(name)).code()).isEqualTo(200);

        JsonNode pv = c.get(SimCluster.volumePath(name));
        assertThat(Json.isTerminating(pv)).isTrue();
        assertThat(Json.strings(pv, "metadata", "finalizers")).containsExactly("kubernetes.io/pv-protection");
        assertThat(Json.str(c.claim(ns, "data"), "status", "phase")).isEqualTo("Bound");

        assertThat(api.delete(SimCluster.claimPath(ns, "data")).code()).isEqualTo(200);

        eventually().until(() -> c.find(SimCluster.volumePath(name)).isEmpty());
    }

    @Test
    void aWaitForFirstConsumerClaimWaitsForAPodThenIsProvisionedOnThePodsNode() {
        String ns = c.namespace("bind-wffc");
        String cls = "local-" + SimCluster.suffix();
        createClass(cls, "Delete", "WaitForFirstConsumer");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);

        JsonNode waiting = c.awaitEvent(ns, "data", "WaitForFirstConsumer");
        assertThat(Json.str(waiting, "type")).isEqualTo("Normal");
        assertThat(Json.str(waiting, "message")).isEqualTo("waiting for first consumer to be created before binding");
        JsonNode pending = c.claim(ns, "data");
        assertThat(Json.str(pending, "status", "phase")).isEqualTo("Pending");
        assertThat(Json.str(pending, "spec", "volumeName")).isNull();

        c.createPod(ns, "web", "data", null, null);

        JsonNode pod = c.awaitPod(ns, "web", SimCluster::isRunningAndReady);
        String node = Pods.nodeName(pod);
        JsonNode claim = awaitBound(ns, "data");
        assertThat(Json.annotations(claim)).containsEntry("volume.kubernetes.io/selected-node", node);
        JsonNode pv = c.get(SimCluster.volumePath(Json.str(claim, "spec", "volumeName")));
        JsonNode expr = Json.list(pv, "spec", "nodeAffinity", "required", "nodeSelectorTerms").get(0)
                .get("matchExpressions").get(0);
        assertThat(Json.str(expr, "key")).isEqualTo("kubernetes.io/hostname");
        assertThat(Json.str(expr, "operator")).isEqualTo("In");
        assertThat(Json.strings(expr, "values")).containsExactly(node);
    }

    @Test
    void aPodUsingAVolumeProvisionedForOneNodeIsScheduledOnlyThere() {
        String ns = c.namespace("bind-affinity");
        String cls = "local-" + SimCluster.suffix();
        createClass(cls, "Delete", "WaitForFirstConsumer");
        c.createClaim(ns, "data", "\"ReadWriteOnce\"", "1Gi", cls);
        c.createPod(ns, "first", "data", "node-3", null);
        c.awaitPod(ns, "first", SimCluster::isRunningAndReady);
        assertThat(api.delete(SimCluster.podPath(ns, "first")).code()).isEqualTo(200);
        eventually().until(() -> c.find(SimCluster.podPath(ns, "first")).isEmpty());

        c.createPod(ns, "again", "data", null, null);
        c.createPod(ns, "elsewhere", "data", "node-1", null);

        assertThat(Pods.nodeName(c.awaitPod(ns, "again", SimCluster::isRunningAndReady))).isEqualTo("node-3");
        JsonNode refused = c.awaitEvent(ns, "elsewhere", "FailedScheduling");
        assertThat(Json.str(refused, "message")).isEqualTo("0/3 nodes are available: 1 node(s) had volume node"
                + " affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are"
                + " available: 3 Preemption is not helpful for scheduling.");
        assertThat(Pods.nodeName(c.pod(ns, "elsewhere"))).isNull();
    }
}
