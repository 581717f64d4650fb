package dev.ordinal.replicaset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A replica set's status as Kubernetes' {@code calculateStatus} writes it: counts of the claimed active pods,
 * {@code observedGeneration}, and the {@code ReplicaFailure} condition while creating or deleting pods fails.
 * Counts of zero are left out, as Kubernetes' {@code omitempty} leaves them out; {@code replicas} is always there.
 */
public final class ReplicaSetStatusCalculator {
    public static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetStatusCalculator() {
    }

    /** The status for {@code pods} (the set's claimed active pods) with no ReplicaFailure condition. */
    public static ObjectNode compute(JsonNode set, List<JsonNode> pods, Instant now) {
        Map<String, String> templateLabels = Json.stringMap(set, "spec", "template", "metadata", "labels");
        int minReady = Json.integer(set, 0, "spec", "minReadySeconds");
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (JsonNode pod : pods) {
            Map<String, String> labels = Json.labels(pod);
            if (templateLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                fullyLabeled++;
            }
            if (Pods.isReady(pod)) {
                ready++;
            }
            if (Pods.isAvailable(pod, minReady, now)) {
                available++;
            }
        }
        ObjectNode status = Json.object();
        status.put("replicas", pods.size());
        putIfPositive(status, "fullyLabeledReplicas", fullyLabeled);
        putIfPositive(status, "readyReplicas", ready);
        putIfPositive(status, "availableReplicas", available);
        JsonNode generation = Json.at(set, "metadata", "generation");
        if (generation.isNumber()) {
            status.put("observedGeneration", generation.asLong());
        }
        ArrayNode kept = Json.array();
        for (JsonNode c : Json.list(set, "status", "conditions")) {
            if (!REPLICA_FAILURE.equals(Json.str(c, "type"))) {
                kept.add(c.deepCopy());
            }
        }
        if (!kept.isEmpty()) {
            status.set("conditions", kept);
        }
        return status;
    }

    /**
     * {@code status} with the ReplicaFailure condition: the one the set already has (Kubernetes keeps the first
     * failure's condition while failures go on), or a new one with {@code reason} (FailedCreate or FailedDelete).
     */
    public static ObjectNode withFailure(ObjectNode status, JsonNode set, String reason, String message, Instant now) {
        ObjectNode out = Json.copy(status);
        ArrayNode conditions = out.has("conditions") ? (ArrayNode) out.get("conditions") : out.putArray("conditions");
        for (JsonNode c : Json.list(set, "status", "conditions")) {
            if (REPLICA_FAILURE.equals(Json.str(c, "type"))) {
                conditions.add(c.deepCopy());
                return out;
            }
        }
        ObjectNode c = conditions.addObject();
        c.put("type", REPLICA_FAILURE);
        c.put("status", "True");
        c.put("lastTransitionTime", Json.time(now));
        c.put("reason", reason);
        c.put("message", message);
        return out;
    }

    private static void putIfPositive(ObjectNode status, String field, int value) {
        if (value > 0) {
            status.put(field, value);
        }
    }
}
