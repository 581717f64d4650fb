package dev.ordinal.pod;

import java.util.List;

/**
 * What the simulated kubelet does for one pod; decided by {@link NodeAgentPlanner}, carried out in order by the
 * reconciler.
 */
sealed interface NodeAgentAction {

    /** A pod status step, as {@link PodLifecycle} writes it. */
    enum Status {
        /** Scheduled, volumes not ready: Pending with waiting containers. Stops the plan if the pod is gone. */
        CONTAINER_CREATING,
        /** The containers started, not ready yet. Stops the plan if the pod is gone. */
        RUNNING,
        /** The containers started and are ready at once (no readiness delay). Stops the plan if the pod is gone. */
        RUNNING_READY,
        /** The readiness delay is over: Ready. */
        READY,
        /** The readiness probe fails: not Ready. */
        NOT_READY,
        /** Terminating: the containers are stopping and no longer ready. */
        STOPPING,
        /** The containers of a deleted pod exited within its grace period: Succeeded. */
        STOPPED_GRACEFULLY,
        /** The containers of a deleted pod were killed without a grace period: Failed with exit code 137. */
        KILLED,
        /** The containers crashed: Failed. */
        FAILED
    }

    /** Writes a status step through the status subresource, to the same pod (same uid) only. */
    record WriteStatus(Status status) implements NodeAgentAction {
    }

    /** The node's kubelet is stopped: the pod is left as it is until the node says the kubelet is back. */
    record ParkUntilKubeletRecovers(String node) implements NodeAgentAction {
    }

    /**
     * Attaches the pod's volumes to its node, in order; a read-write-once volume attached elsewhere is refused with
     * the Multi-Attach event (once per volume and pod) and stops the plan, to look again after
     * {@link NodeAgentPlanner#VOLUME_RETRY}.
     */
    record AttachVolumes(List<Volume> volumes) implements NodeAgentAction {
    }

    /** A volume the pod needs, and whether it may be attached to one node only. */
    record Volume(String name, boolean exclusive) {
    }

    /** The pod waits for the claim to bind (or its volume to exist): the claim's next change wakes it. */
    record WaitForClaim(String claim) implements NodeAgentAction {
    }

    /** Remembers, to the millisecond, when the pod's volumes were found ready (the start delay runs from then). */
    record NoteVolumesReady() implements NodeAgentAction {
    }

    /** Remembers, to the millisecond, when the containers started, and records Pulled, Created and Started. */
    record NoteStarted() implements NodeAgentAction {
    }

    /** Records Normal {@code Killing} for each container, once per pod. */
    record RecordKilling() implements NodeAgentAction {
    }

    /** Detaches the volumes no other pod on the node uses and wakes the pods waiting for them. */
    record ReleaseVolumes() implements NodeAgentAction {
    }

    /** Forgets what the agent remembered of the pod (times, the Killing report). */
    record Forget() implements NodeAgentAction {
    }

    /** Removes the pod from the store at once (its containers are stopped); already gone is fine. */
    record Remove() implements NodeAgentAction {
    }
}
