package dev.ordinal.statefulset;

import java.time.Instant;
import java.util.Collection;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A StatefulSet's status from its pods, after Kubernetes' {@code computeReplicaStatus}, {@code completeRollingUpdate}
 * and {@code inconsistentStatus}.
 */
final class StatefulSetStatusCalculator {
    private StatefulSetStatusCalculator() {
    }

    /**
     * The status for these pods (in-range and condemned alike): {@code replicas} counts every pod, terminating ones
     * too; {@code readyReplicas} the Running and Ready ones; {@code availableReplicas} those Ready for minReadySeconds;
     * {@code currentReplicas} and {@code updatedReplicas} the non-terminating pods on the current and update revision.
     * Under RollingUpdate, once every wanted pod exists, is Ready and is updated, the current revision becomes the
     * update revision. Fields this controller does not own (conditions) are kept from the stored status.
     */
    static ObjectNode compute(StatefulSetView set, Collection<? extends JsonNode> pods, String currentRevision,
                              String updateRevision, int collisionCount, Instant now) {
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (JsonNode pod : pods) {
            replicas++;
            if (Pods.isRunningAndReady(pod)) {
                ready++;
                if (Pods.isRunningAndAvailable(pod, set.minReadySeconds(), now)) {
                    available++;
                }
            }
            if (!Json.isTerminating(pod)) {
                String rev = StatefulPods.revision(pod);
                if (currentRevision.equals(rev)) {
                    current++;
                }
                if (updateRevision.equals(rev)) {
                    updated++;
                }
            }
        }
        String currentName = currentRevision;
        int wanted = set.replicas();
        if (set.rollingUpdate() && updated == wanted && ready == wanted && replicas == wanted) {
            current = updated;
            currentName = updateRevision;
        }
        JsonNode stored = Json.at(set.set(), "status");
        ObjectNode status = stored.isObject() ? (ObjectNode) stored.deepCopy() : Json.object();
        status.put("observedGeneration", set.generation());
        status.put("replicas", replicas);
        status.put("readyReplicas", ready);
        status.put("currentReplicas", current);
        status.put("updatedReplicas", updated);
        status.put("availableReplicas", available);
        status.put("currentRevision", currentName);
        status.put("updateRevision", updateRevision);
        status.put("collisionCount", collisionCount);
        return status;
    }

    /** Whether {@code status} differs from the stored one, so that unchanged status is never rewritten. */
    static boolean changed(StatefulSetView set, ObjectNode status) {
        JsonNode stored = Json.at(set.set(), "status");
        // Compared as canonical text: a number read back from storage may be held as another numeric node type.
        return stored.isMissingNode() || !StatefulSetRevisions.canonical(status).equals(StatefulSetRevisions.canonical(stored));
    }
}
