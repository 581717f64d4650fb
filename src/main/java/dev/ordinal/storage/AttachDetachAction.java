package dev.ordinal.storage;

import java.util.List;

/** What the attach/detach controller does for one node; decided by {@link AttachDetachPlanner}, carried out by the reconciler. */
sealed interface AttachDetachAction {

    /** Detaches the volume from the node (deletes its VolumeAttachment) and wakes the pods waiting to attach it. */
    record Detach(String volume) implements AttachDetachAction {
    }

    /** Writes the node's {@code status.volumesAttached}: the volumes still attached to it, removed when none. */
    record WriteVolumesAttached(List<String> volumes) implements AttachDetachAction {
    }
}
