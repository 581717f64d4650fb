package dev.ordinal.statefulset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ownerReferences that {@code persistentVolumeClaimRetentionPolicy} puts on a pod's claims, so that the garbage
 * collector deletes a claim once its owner is gone (Kubernetes' {@code updateClaimOwnerRefForSetAndPod}):
 * <pre>
 * whenScaled whenDeleted   in-range pod's claim   scaled-down pod's claim
 * Retain     Retain        none                   none
 * Retain     Delete        the set                the set
 * Delete     Retain        none                   the pod
 * Delete     Delete        the set                the pod
 * </pre>
 */
final class ClaimRetention {
    private ClaimRetention() {
    }

    /**
     * The ownerReferences the claim should carry for this pod, or null when it already carries them. References to
     * anything other than the set and the pod are kept as they are.
     */
    static List<JsonNode> desiredOwnerRefs(StatefulSetView set, JsonNode claim, JsonNode pod, boolean inRange) {
        List<JsonNode> refs = new ArrayList<>(Json.list(claim, "metadata", "ownerReferences"));
        List<JsonNode> before = List.copyOf(refs);
        boolean scaledDown = !inRange;
        boolean scaledDelete = StatefulSetView.DELETE.equals(set.whenScaled());
        boolean deletedDelete = StatefulSetView.DELETE.equals(set.whenDeleted());
        boolean wantSet = deletedDelete && !(scaledDelete && scaledDown);
        boolean wantPod = scaledDelete && scaledDown;
        // A reference to the set or the pod that is not a controller is rewritten as one (Kubernetes'
        // hasNonControllerOwner, from kubernetes/kubernetes#122499, in 1.32).
        refs.removeIf(r -> Objects.equals(Json.str(r, "uid"), set.uid()) && (!wantSet || !isController(r)));
        refs.removeIf(r -> isRefToPod(r, pod) && (!wantPod || !isController(r)));
        if (wantSet && refs.stream().noneMatch(r -> Objects.equals(Json.str(r, "uid"), set.uid()))) {
            refs.add(set.controllerRef());
        }
        if (wantPod && refs.stream().noneMatch(r -> Objects.equals(Json.str(r, "uid"), Json.uid(pod)))) {
            refs.add(podRef(pod));
        }
        return refs.equals(before) ? null : refs;
    }

    /**
     * Whether the claim is controlled by something other than the set or the pod, in which case the retention policy
     * leaves it alone and Kubernetes warns with {@code ConflictingController} ({@code hasUnexpectedController}: any
     * controller reference among the claim's, and none matters under Retain/Retain).
     */
    static boolean hasConflictingController(StatefulSetView set, JsonNode claim, JsonNode pod) {
        if (StatefulSetView.RETAIN.equals(set.whenScaled()) && StatefulSetView.RETAIN.equals(set.whenDeleted())) {
            return false;
        }
        for (JsonNode r : Json.list(claim, "metadata", "ownerReferences")) {
            String uid = Json.str(r, "uid");
            boolean ours = Objects.equals(uid, set.uid()) || (pod != null && Objects.equals(uid, Json.uid(pod)));
            if (isController(r) && !ours) {
                return true;
            }
        }
        return false;
    }

    static String conflictingControllerMessage(String claimName) {
        return "PersistentVolumeClaim " + claimName + " has a conflicting OwnerReference that acts as a manging "
                + "controller, the retention policy is ignored for this claim";
    }

    /**
     * Whether a claim still carries an ownerReference to an earlier pod of its ordinal while whenScaled is Delete
     * ({@code PodClaimIsStale}): the garbage collector is about to delete it, so the pod must not be recreated yet.
     */
    static boolean isStale(StatefulSetView set, JsonNode claim) {
        if (claim == null || !StatefulSetView.DELETE.equals(set.whenScaled())) {
            return false;
        }
        return Json.list(claim, "metadata", "ownerReferences").stream()
                .anyMatch(r -> "Pod".equals(Json.str(r, "kind")));
    }

    /**
     * The claim's ownerReferences without those to the set and the pod: what Kubernetes leaves on a claim that another
     * controller manages ({@code updateClaimOwnerRefForSetAndPod} with an unexpected controller); null when there were
     * none to remove.
     */
    static List<JsonNode> withoutOwnRefs(StatefulSetView set, JsonNode claim, JsonNode pod) {
        List<JsonNode> refs = new ArrayList<>(Json.list(claim, "metadata", "ownerReferences"));
        boolean changed = refs.removeIf(r -> Objects.equals(Json.str(r, "uid"), set.uid()) || isRefToPod(r, pod));
        return changed ? refs : null;
    }

    private static boolean isController(JsonNode ref) {
        JsonNode c = ref.get("controller");
        return c != null && c.asBoolean(false);
    }

    private static boolean isRefToPod(JsonNode ref, JsonNode pod) {
        return pod != null && "Pod".equals(Json.str(ref, "kind")) && Objects.equals(Json.str(ref, "name"), Json.name(pod));
    }

    private static ObjectNode podRef(JsonNode pod) {
        return OwnerReferences.controllerRef("v1", "Pod", pod);
    }
}
