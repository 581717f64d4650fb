package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.storage.ClaimBinderAction.Bind;
import dev.ordinal.storage.ClaimBinderAction.Complete;
import dev.ordinal.storage.ClaimBinderAction.MarkLost;
import dev.ordinal.storage.ClaimBinderAction.ProvisionAndBind;
import dev.ordinal.storage.ClaimBinderAction.RecordEvent;
import dev.ordinal.storage.ClaimBinderAction.RemoveProtection;
import dev.ordinal.storage.ClaimBinderPlanner.Snapshot;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The claim binder's decisions: a pending 1Gi ReadWriteOnce claim www of class standard, one field changed per case. */
class ClaimBinderPlannerTest {
    private static final ObjectNode STANDARD = Json.parse("""
            {"metadata":{"name":"standard"},"provisioner":"ordinal.dev/simulated","volumeBindingMode":"Immediate"}""");

    private static ObjectNode claim() {
        return Json.parse("""
                {"metadata":{"name":"www","namespace":"default","uid":"claim-uid",
                             "finalizers":["kubernetes.io/pvc-protection"]},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"standard",
                         "resources":{"requests":{"storage":"1Gi"}}},
                 "status":{"phase":"Pending"}}""");
    }

    private static ObjectNode volume(String name, String claimUid) {
        ObjectNode pv = Json.parse("""
                {"metadata":{"name":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"},"storageClassName":"standard"},
                 "status":{"phase":"Available"}}""".formatted(name));
        if (claimUid != null) {
            Json.with(pv, "spec").putObject("claimRef").put("namespace", "default").put("name", "www")
                    .put("uid", claimUid);
        }
        return pv;
    }

    private static List<ClaimBinderAction> plan(ObjectNode claim, boolean inUse, ObjectNode requested,
                                                ObjectNode storageClass, List<ObjectNode> candidates) {
        return ClaimBinderPlanner.plan(new Snapshot(claim, inUse, requested, storageClass, candidates));
    }

    @Test
    void aPendingClaimWithoutVolumesIsProvisionedFromItsClass() {
        assertThat(plan(claim(), false, null, STANDARD, List.of()))
                .containsExactly(new ProvisionAndBind(STANDARD, null));
    }

    @Test
    void anAvailableMatchingVolumeIsBoundByTheController() {
        ObjectNode pv = volume("pv-1", null);

        assertThat(plan(claim(), false, null, STANDARD, List.of(pv))).containsExactly(new Bind(pv, true));
    }

    @Test
    void aWaitForFirstConsumerClassWaitsUntilANodeIsSelected() {
        ObjectNode wffc = Json.copy(STANDARD).put("volumeBindingMode", "WaitForFirstConsumer");

        assertThat(plan(claim(), false, null, wffc, List.of())).containsExactly(new RecordEvent("Normal",
                "WaitForFirstConsumer", "waiting for first consumer to be created before binding"));
    }

    @Test
    void aMissingClassIsAProvisioningFailure() {
        assertThat(plan(claim(), false, null, null, List.of())).containsExactly(new RecordEvent("Warning",
                "ProvisioningFailed", "storageclass.storage.k8s.io \"standard\" not found"));
    }

    @Test
    void aRequestedVolumeOfAnotherClaimIsRefused() {
        ObjectNode requesting = claim();
        Json.with(requesting, "spec").put("volumeName", "pv-1");

        assertThat(plan(requesting, false, volume("pv-1", "someone-else"), null, List.of())).containsExactly(
                new RecordEvent("Warning", "FailedBinding", "volume \"pv-1\" already bound to a different claim."));
    }

    @Test
    void aBoundClaimWhoseVolumeIsGoneIsLost() {
        ObjectNode bound = claim();
        Json.with(bound, "spec").put("volumeName", "pv-1");
        Json.setAnnotation(bound, "pv.kubernetes.io/bind-completed", "yes");

        assertThat(plan(bound, false, null, null, List.of())).containsExactly(new MarkLost());
    }

    @Test
    void aBindCompletedClaimNotYetBoundIsCompleted() {
        ObjectNode bound = claim();
        Json.with(bound, "spec").put("volumeName", "pv-1");
        Json.setAnnotation(bound, "pv.kubernetes.io/bind-completed", "yes");
        ObjectNode pv = volume("pv-1", "claim-uid");

        assertThat(plan(bound, false, pv, null, List.of())).containsExactly(new Complete(pv));
    }

    @Test
    void aClaimBeingDeletedKeepsItsProtectionWhileAPodUsesIt() {
        ObjectNode deleting = claim();
        Json.meta(deleting).put("deletionTimestamp", "2026-01-01T00:00:00Z");

        assertThat(plan(deleting, true, null, null, List.of())).isEmpty();
        assertThat(plan(deleting, false, null, null, List.of())).containsExactly(new RemoveProtection());
    }
}
