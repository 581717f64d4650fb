package dev.ordinal.replicaset;

import java.time.Instant;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** What the replica controller reads from a pod, the way Kubernetes' podutil and controller_utils read it. */
final class PodFacts {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private PodFacts() {
    }

    static String phase(JsonNode pod) {
        return Json.strOr(pod, "", "status", "phase");
    }

    /** Not Succeeded, not Failed and not being deleted ({@code IsPodActive}). */
    static boolean isActive(JsonNode pod) {
        String phase = phase(pod);
        return !phase.equals("Succeeded") && !phase.equals("Failed") && !Json.isTerminating(pod);
    }

    static boolean isScheduled(JsonNode pod) {
        String node = Json.str(pod, "spec", "nodeName");
        return node != null && !node.isEmpty();
    }

    static String nodeName(JsonNode pod) {
        return Json.strOr(pod, "", "spec", "nodeName");
    }

    /** Condition Ready is True. */
    static boolean isReady(JsonNode pod) {
        JsonNode ready = readyCondition(pod);
        return ready != null && "True".equals(Json.str(ready, "status"));
    }

    /** When the pod last became Ready, or null when it is not Ready or the time is unknown. */
    static Instant readySince(JsonNode pod) {
        if (!isReady(pod)) {
            return null;
        }
        return parse(Json.str(readyCondition(pod), "lastTransitionTime"));
    }

    /** Ready for at least {@code minReadySeconds} ({@code IsPodAvailable}; strictly after, as Kubernetes compares). */
    static boolean isAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = readySince(pod);
        return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
    }

    /** The pod-deletion-cost annotation; absent or unparsable counts as 0, as Kubernetes reads it. */
    static int deletionCost(JsonNode pod) {
        String v = Json.annotation(pod, DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The highest restartCount among the pod's containers. */
    static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            max = Math.max(max, Json.integer(cs, 0, "restartCount"));
        }
        return max;
    }

    static Instant created(JsonNode pod) {
        return parse(Json.str(pod, "metadata", "creationTimestamp"));
    }

    private static JsonNode readyCondition(JsonNode pod) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                return c;
            }
        }
        return null;
    }

    private static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
