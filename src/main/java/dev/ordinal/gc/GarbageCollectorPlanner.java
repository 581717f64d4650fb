package dev.ordinal.gc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.Json;
import dev.ordinal.store.ResourceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decisions of Kubernetes' garbage collector ({@code attemptToDeleteItem}, {@code processDeletingDependentsItem},
 * {@code orphanDependents}), pure: the caller looks the owners up and applies the decision.
 */
public final class GarbageCollectorPlanner {

    private GarbageCollectorPlanner() {
    }

    /** What an ownerReference points at. */
    public enum OwnerState {
        /** No object with the reference's uid exists: the reference dangles. */
        ABSENT,
        /** The owner is being deleted in the foreground: it waits for its dependents to go. */
        DELETING_DEPENDENTS,
        /** The owner exists (possibly being deleted in another way): it still holds the dependent. */
        PRESENT
    }

    /** What to do with one dependent. */
    public sealed interface Decision {
        /** Nothing: it has an owner that holds it, or it is already being deleted, or it has no owners. */
        record Keep() implements Decision {
        }

        /** It keeps a live owner but loses the references to owners that are gone or deleting their dependents. */
        record RemoveOwnerRefs(Set<String> uids) implements Decision {
        }

        /** It is garbage: delete it with this propagation policy (Background, Foreground or Orphan). */
        record Delete(String propagationPolicy) implements Decision {
        }
    }

    /** What a terminating owner needs from the collector, from its finalizers. */
    public enum OwnerWork {
        /** The {@code orphan} finalizer: strip its references from the dependents, then drop the finalizer. */
        ORPHAN,
        /** The {@code foregroundDeletion} finalizer: delete dependents, drop the finalizer when no blocker is left. */
        FOREGROUND,
        NONE
    }

    public static OwnerState stateOf(JsonNode owner) {
        if (owner == null) {
            return OwnerState.ABSENT;
        }
        if (Json.isTerminating(owner) && ResourceStore.finalizers(owner).contains(ResourceStore.FINALIZER_FOREGROUND)) {
            return OwnerState.DELETING_DEPENDENTS;
        }
        return OwnerState.PRESENT;
    }

    public static OwnerWork ownerWork(JsonNode obj) {
        if (!Json.isTerminating(obj)) {
            return OwnerWork.NONE;
        }
        List<String> finalizers = ResourceStore.finalizers(obj);
        if (finalizers.contains(ResourceStore.FINALIZER_ORPHAN)) {
            return OwnerWork.ORPHAN;
        }
        if (finalizers.contains(ResourceStore.FINALIZER_FOREGROUND)) {
            return OwnerWork.FOREGROUND;
        }
        return OwnerWork.NONE;
    }

    /**
     * The decision for {@code dependent} given the state of each owner uid it references ({@code owners}; a uid
     * missing from the map counts as absent), whether it has dependents of its own, and the kinds of dependents its
     * controller's kind deletes itself ({@code orderedByController}, the controller's
     * {@code KindDefinition.orderedDependents()}, empty without a controller):
     * <ul>
     * <li>being deleted already, no ownerReferences, or of a kind its controller deletes in its own order (a
     * StatefulSet's pods, highest ordinal first; Kubernetes' collector would delete them all at once): keep;</li>
     * <li>some owner present: remove the references to absent and foreground-deleting owners (keep if none);</li>
     * <li>some owner deleting its dependents and this object has dependents: delete it in the foreground, so the
     * wait propagates down the chain;</li>
     * <li>otherwise: delete it with the policy its own finalizers ask for (Orphan, Foreground), else Background.</li>
     * </ul>
     */
    public static Decision forDependent(JsonNode dependent, Map<String, OwnerState> owners, boolean hasDependents,
                                        Set<String> orderedByController) {
        List<JsonNode> refs = Json.list(dependent, "metadata", "ownerReferences");
        if (Json.isTerminating(dependent) || refs.isEmpty() || orderedByController.contains(Json.kind(dependent))) {
            return new Decision.Keep();
        }
        Set<String> gone = new LinkedHashSet<>();
        boolean solid = false;
        boolean waiting = false;
        for (JsonNode ref : refs) {
            String uid = Json.str(ref, "uid");
            OwnerState state = owners.getOrDefault(uid, OwnerState.ABSENT);
            switch (state) {
                case PRESENT -> solid = true;
                case DELETING_DEPENDENTS -> {
                    waiting = true;
                    gone.add(uid);
                }
                case ABSENT -> gone.add(uid);
            }
        }
        if (solid) {
            return gone.isEmpty() ? new Decision.Keep() : new Decision.RemoveOwnerRefs(Set.copyOf(gone));
        }
        if (waiting && hasDependents) {
            return new Decision.Delete("Foreground");
        }
        List<String> finalizers = ResourceStore.finalizers(dependent);
        if (finalizers.contains(ResourceStore.FINALIZER_ORPHAN)) {
            return new Decision.Delete("Orphan");
        }
        if (finalizers.contains(ResourceStore.FINALIZER_FOREGROUND)) {
            return new Decision.Delete("Foreground");
        }
        return new Decision.Delete("Background");
    }

    /** Whether the dependent's reference to {@code ownerUid} has {@code blockOwnerDeletion: true}. */
    public static boolean blocksOwnerDeletion(JsonNode dependent, String ownerUid) {
        for (JsonNode ref : Json.list(dependent, "metadata", "ownerReferences")) {
            if (ownerUid.equals(Json.str(ref, "uid")) && Json.bool(ref, "blockOwnerDeletion")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a foreground-deleting owner may drop its {@code foregroundDeletion} finalizer: none of its remaining
     * dependents (terminating ones included, as they still exist) blocks its deletion.
     */
    public static boolean foregroundDone(String ownerUid, List<? extends JsonNode> dependents) {
        return dependents.stream().noneMatch(d -> blocksOwnerDeletion(d, ownerUid));
    }

    /** Removes the ownerReferences whose uid is in {@code uids}, in place; the field goes when none is left. */
    public static void removeOwnerRefs(ObjectNode obj, Set<String> uids) {
        dev.ordinal.controller.OwnerReferences.remove(obj, uids);
    }

    /** Removes one finalizer, in place; the field goes when none is left. */
    public static void removeFinalizer(ObjectNode obj, String finalizer) {
        List<String> kept = ResourceStore.finalizers(obj).stream().filter(f -> !f.equals(finalizer)).toList();
        if (kept.isEmpty()) {
            Json.meta(obj).remove("finalizers");
        } else {
            Json.meta(obj).set("finalizers", Json.stringArray(kept));
        }
    }
}
