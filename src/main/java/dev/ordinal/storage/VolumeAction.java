package dev.ordinal.storage;

/** What the volume controller does to one PersistentVolume; decided by {@link VolumePlanner}. */
sealed interface VolumeAction {

    /** Writes {@code status.phase} (Available, Bound or Released). */
    record SetPhase(String phase) implements VolumeAction {
    }

    /** Detaches the volume from every node (its attachments are deleted). */
    record DetachEverywhere() implements VolumeAction {
    }

    /** Deletes a released volume whose reclaim policy is Delete; Warning VolumeFailedDelete when that fails. */
    record Reclaim() implements VolumeAction {
    }

    /** Removes the {@code kubernetes.io/pv-protection} finalizer from a volume being deleted that is not bound. */
    record RemoveProtection() implements VolumeAction {
    }
}
