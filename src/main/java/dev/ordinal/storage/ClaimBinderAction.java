package dev.ordinal.storage;

import tools.jackson.databind.node.ObjectNode;

/** What the claim binder does to one PersistentVolumeClaim; decided by {@link ClaimBinderPlanner}. */
sealed interface ClaimBinderAction {

    /** Removes {@code kubernetes.io/pvc-protection} from a claim being deleted that no pod uses. */
    record RemoveProtection() implements ClaimBinderAction {
    }

    /** Phase Lost, with Warning ClaimLost: the bound claim's volume is gone or bound to another claim. */
    record MarkLost() implements ClaimBinderAction {
    }

    /** Phase Bound, with the volume's access modes and capacity in status. */
    record Complete(ObjectNode volume) implements ClaimBinderAction {
    }

    /** Binds both sides: the volume's claimRef and phase, then the claim's volumeName, annotations and status. */
    record Bind(ObjectNode volume, boolean byController) implements ClaimBinderAction {
    }

    /** Provisions {@code pvc-<claim uid>} from the class (for the selected node, if any), then binds it. */
    record ProvisionAndBind(ObjectNode storageClass, String selectedNode) implements ClaimBinderAction {
    }

    /** Records an event on the claim. */
    record RecordEvent(String type, String reason, String message) implements ClaimBinderAction {
    }
}
