package dev.ordinal.storage;

import java.util.List;
import java.util.Optional;

import dev.ordinal.controller.Claims;
import dev.ordinal.controller.EventTypes;
import dev.ordinal.core.Json;
import dev.ordinal.store.ResourceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The claim side of Kubernetes' PersistentVolume controller plus pvc-protection, pure (after
 * {@code pv_controller.go}'s {@code syncClaim}): a claim being deleted keeps its protection while a pod uses it; a
 * bound claim whose volume is gone or bound to another claim is Lost; a claim naming a volume binds to it unless that
 * volume is another claim's or does not fit; any other claim binds to the best Available volume, waits for its first
 * consumer, or has a volume provisioned from its StorageClass — with the persistentvolume-controller's events.
 */
final class ClaimBinderPlanner {
    private ClaimBinderPlanner() {
    }

    /**
     * What the binder reads for one claim.
     *
     * @param claim           the claim
     * @param inUse           whether a pod that still holds its volumes mounts it
     * @param requestedVolume the volume its {@code spec.volumeName} names, or null (absent, or none named)
     * @param storageClass    its StorageClass, or null (absent, or none named)
     * @param candidates      the volumes that might bind to it (from the cache's volume index)
     */
    record Snapshot(ObjectNode claim, boolean inUse, ObjectNode requestedVolume, ObjectNode storageClass,
                    List<ObjectNode> candidates) {
    }

    /** The actions for the claim, in order; empty when there is nothing to do. */
    static List<ClaimBinderAction> plan(Snapshot s) {
        ObjectNode claim = s.claim();
        if (Json.isTerminating(claim)) {
            boolean protectedClaim = ResourceStore.finalizers(claim).contains(ClaimBinderReconciler.PVC_PROTECTION);
            return protectedClaim && !s.inUse() ? List.of(new ClaimBinderAction.RemoveProtection()) : List.of();
        }
        String volumeName = Claims.volumeName(claim);
        if ("yes".equals(Json.annotation(claim, ClaimBinderReconciler.BIND_COMPLETED)) && volumeName != null) {
            ObjectNode pv = s.requestedVolume();
            if (pv == null || !Json.uid(claim).equals(Json.str(pv, "spec", "claimRef", "uid"))) {
                return "Lost".equals(Json.str(claim, "status", "phase")) ? List.of()
                        : List.of(new ClaimBinderAction.MarkLost());
            }
            return Claims.isBound(claim) ? List.of() : List.of(new ClaimBinderAction.Complete(pv));
        }
        if (volumeName != null && !volumeName.isEmpty()) {
            return bindToRequested(claim, volumeName, s.requestedVolume());
        }
        return bindOrProvision(s);
    }

    private static List<ClaimBinderAction> bindToRequested(ObjectNode claim, String volumeName, ObjectNode pv) {
        if (pv == null) {
            return List.of(); // Stays Pending until the volume appears (its creation wakes the binder).
        }
        JsonNode ref = Json.at(pv, "spec", "claimRef");
        if (ref.isObject() && !VolumeMatcher.refersTo(ref, claim)) {
            return List.of(warning("FailedBinding", "volume \"" + volumeName + "\" already bound to a different claim."));
        }
        String mismatch = VolumeMatcher.mismatch(pv, claim);
        if (mismatch != null) {
            return List.of(warning("VolumeMismatch",
                    "Cannot bind to requested volume \"" + volumeName + "\": " + mismatch));
        }
        return List.of(new ClaimBinderAction.Bind(pv, false));
    }

    private static List<ClaimBinderAction> bindOrProvision(Snapshot s) {
        ObjectNode claim = s.claim();
        String className = Json.str(claim, "spec", "storageClassName");
        boolean delayBinding = s.storageClass() != null
                && "WaitForFirstConsumer".equals(Json.str(s.storageClass(), "volumeBindingMode"));
        String selectedNode = Claims.selectedNode(claim);
        Optional<ObjectNode> match = VolumeMatcher.bestMatch(s.candidates(), claim, delayBinding && selectedNode == null);
        if (match.isPresent()) {
            return List.of(new ClaimBinderAction.Bind(match.get(), true));
        }
        if (delayBinding && selectedNode == null) {
            return List.of(new ClaimBinderAction.RecordEvent(EventTypes.NORMAL, "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding"));
        }
        if (className == null || className.isEmpty()) {
            return List.of(new ClaimBinderAction.RecordEvent(EventTypes.NORMAL, "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set"));
        }
        if (s.storageClass() == null) {
            return List.of(warning("ProvisioningFailed", "storageclass.storage.k8s.io \"" + className + "\" not found"));
        }
        return List.of(new ClaimBinderAction.ProvisionAndBind(s.storageClass(), selectedNode));
    }

    private static ClaimBinderAction warning(String reason, String message) {
        return new ClaimBinderAction.RecordEvent(EventTypes.WARNING, reason, message);
    }
}
