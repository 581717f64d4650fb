package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.store.ResourceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The volume side of Kubernetes' PersistentVolume controller plus pv-protection, pure: a volume's phase from its
 * claimRef and that claim (Available without a claim, Bound when the claim names it, Released when the claim is gone
 * or is another one of the same name; a volume whose claim does not name it yet is left to the binder), the reclaim
 * of a released volume with policy Delete, and the protection finalizer let go once a volume being deleted is unbound.
 * A volume whose phase is Failed keeps it.
 */
final class VolumePlanner {
    private VolumePlanner() {
    }

    /**
     * The actions for the volume {@code pv} (null when it is gone) whose claimRef names {@code claim} (null when that
     * claim does not exist), in order.
     */
    static List<VolumeAction> plan(ObjectNode pv, ObjectNode claim) {
        List<VolumeAction> actions = new ArrayList<>();
        if (pv == null) {
            actions.add(new VolumeAction.DetachEverywhere());
            return actions;
        }
        JsonNode ref = Json.at(pv, "spec", "claimRef");
        String phase;
        if (!ref.isObject() || Json.str(ref, "uid") == null || Json.str(ref, "uid").isEmpty()) {
            phase = "Available";
        } else if (claim == null || !Json.uid(claim).equals(Json.str(ref, "uid"))) {
            phase = "Released";
        } else if (Json.name(pv).equals(Json.str(claim, "spec", "volumeName"))) {
            phase = "Bound";
        } else {
            return actions; // Binding in progress: the claim side finishes it.
        }
        String current = Json.str(pv, "status", "phase");
        if (!phase.equals(current) && !"Failed".equals(current)) {
            actions.add(new VolumeAction.SetPhase(phase));
        }
        if (phase.equals("Released") && "Delete".equals(Json.str(pv, "spec", "persistentVolumeReclaimPolicy"))
                && !Json.isTerminating(pv)) {
            actions.add(new VolumeAction.DetachEverywhere());
            actions.add(new VolumeAction.Reclaim());
            return actions;
        }
        if (Json.isTerminating(pv) && !phase.equals("Bound")
                && ResourceStore.finalizers(pv).contains(VolumeProvisioner.PV_PROTECTION)) {
            actions.add(new VolumeAction.RemoveProtection());
        }
        return actions;
    }

    /** The namespace and name of the claim the volume's claimRef names, or null when it names none. */
    static String[] claimRefOf(JsonNode pv) {
        JsonNode ref = Json.at(pv, "spec", "claimRef");
        if (!ref.isObject() || Json.str(ref, "uid") == null || Json.str(ref, "uid").isEmpty()) {
            return null;
        }
        return new String[] {Json.strOr(ref, "", "namespace"), Json.str(ref, "name")};
    }
}
