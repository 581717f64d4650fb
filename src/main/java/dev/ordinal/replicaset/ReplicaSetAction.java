package dev.ordinal.replicaset;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a replica set's plan. The executor applies a plan's actions in order: adoptions and releases first,
 * then creations or deletions, then the status.
 */
public sealed interface ReplicaSetAction {

    /** Adds the set's controller ownerReference to an orphan pod that its selector matches. */
    record AdoptPod(String podName, String podUid, ObjectNode ownerReference) implements ReplicaSetAction {
    }

    /** Removes the set's ownerReference from a pod it controls whose labels no longer match its selector. */
    record ReleasePod(String podName, String podUid, String ownerUid) implements ReplicaSetAction {
    }

    /**
     * Creates {@code pod} (which has {@code generateName}, so each copy gets its own random name) once per slot of
     * {@code batches}, batch by batch, stopping after the first batch in which any creation failed.
     */
    record CreatePods(ObjectNode pod, List<Integer> batches) implements ReplicaSetAction {
        public int count() {
            return batches.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Deletes one pod (gracefully when it runs on a node), guarded by its uid. */
    record DeletePod(String podName, String podUid) implements ReplicaSetAction {
    }

    /**
     * Writes the status computed from the claimed pods. When creations or deletions of the same plan failed, the
     * executor adds the ReplicaFailure condition before writing it.
     */
    record UpdateStatus(ObjectNode status) implements ReplicaSetAction {
    }
}
