package dev.ordinal.statefulset;

import java.util.List;
import java.util.Map;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One write the StatefulSet planner asks for. The reconciler executes a plan's actions in order and stops at the first
 * one that fails, so an action may rely on every action before it having succeeded (a pod after its claims, a pod
 * after the revision it names).
 */
public sealed interface StatefulSetAction {

    /** Creates a ControllerRevision holding a pod template. */
    record CreateRevision(ObjectNode revision) implements StatefulSetAction {
    }

    /** Sets the {@code revision} number of an existing ControllerRevision: a rollback reuses an older revision. */
    record UpdateRevision(String name, long revision) implements StatefulSetAction {
    }

    /** Deletes a ControllerRevision that no pod uses and that fell out of the revision history limit. */
    record DeleteRevision(String name) implements StatefulSetAction {
    }

    /** Creates the claim of a pod's claim template; recorded as "create Claim ... Pod ... in StatefulSet ... success". */
    record CreateClaim(ObjectNode claim, String podName) implements StatefulSetAction {
    }

    /** Replaces a claim's ownerReferences as the retention policy requires. */
    record UpdateClaimOwnerRefs(String claimName, List<JsonNode> ownerReferences) implements StatefulSetAction {
    }

    /** Creates a pod; recorded as "create Pod ... in StatefulSet ... successful". */
    record CreatePod(ObjectNode pod) implements StatefulSetAction {
    }

    /**
     * Repairs a pod in place: sets identity labels, replaces its volumes, or adopts an orphan by adding the set's
     * controller reference (each null when unchanged). Recorded as "update Pod ... successful" unless it only adopts.
     */
    record UpdatePod(String name, String uid, Map<String, String> labels, ArrayNode volumes, ObjectNode controllerRef)
            implements StatefulSetAction {

        /** Whether this repairs identity or storage, as opposed to only adopting. */
        public boolean repairs() {
            return labels != null || volumes != null;
        }

        /** Applies the edit to a pod, in place; the executor and test fakes share these semantics. */
        public void applyTo(ObjectNode pod) {
            if (labels != null) {
                labels.forEach((k, v) -> Json.setLabel(pod, k, v));
            }
            if (volumes != null) {
                Json.with(pod, "spec").set("volumes", volumes.deepCopy());
            }
            if (controllerRef != null) {
                OwnerReferences.add(pod, controllerRef);
            }
        }
    }

    /**
     * Releases a pod the set controls but whose labels (or name) no longer match it: removes the set's controller
     * reference, guarded by the pod's uid, as {@code ControllerRefManager.ClaimPods} does. No event, as in Kubernetes.
     */
    record ReleasePod(String name, String uid, String ownerUid) implements StatefulSetAction {

        /** Applies the release to a pod, in place; the executor and test fakes share these semantics. */
        public void applyTo(ObjectNode pod) {
            OwnerReferences.release(pod, ownerUid);
        }
    }

    /** Deletes a pod, guarded by its uid; recorded as "delete Pod ... in StatefulSet ... successful". */
    record DeletePod(String name, String uid) implements StatefulSetAction {
    }

    /** Writes the StatefulSet's status through the /status subresource. */
    record UpdateStatus(ObjectNode status) implements StatefulSetAction {
    }

    /** Records an event on the StatefulSet that is not the outcome of another action. */
    record RecordEvent(String type, String reason, String message) implements StatefulSetAction {
    }
}
