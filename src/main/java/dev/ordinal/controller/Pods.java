package dev.ordinal.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The pod predicates every controller reads, in one place, the way Kubernetes' {@code podutil} and
 * {@code controller_utils} read them: phase, readiness, availability, scheduling, the claims a pod mounts.
 */
public final class Pods {
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
    private Pods() {
    }

    public static String phase(JsonNode pod) {
        return Json.strOr(pod, "", "status", "phase");
    }

    /** Failed or Succeeded: the pod's containers will not run again. */
    public static boolean isTerminated(JsonNode pod) {
        String p = phase(pod);
        return p.equals("Failed") || p.equals("Succeeded");
    }

    /** Pending, or no phase yet. */
    public static boolean isPending(JsonNode pod) {
        String p = phase(pod);
        return p.isEmpty() || "Pending".equals(p);
    }

    /** Not Succeeded, not Failed and not being deleted ({@code IsPodActive}). */
    public static boolean isActive(JsonNode pod) {
        return !isTerminated(pod) && !Json.isTerminating(pod);
    }

    /** Whether the pod is assigned to a node. */
    public static boolean isScheduled(JsonNode pod) {
        String node = nodeName(pod);
        return node != null && !node.isEmpty();
    }

    /** Condition Ready is True. */
    public static boolean isReady(JsonNode pod) {
        return conditionTrue(pod, "Ready");
    }

    /** Running with condition Ready True. */
    public static boolean isRunningAndReady(JsonNode pod) {
        return phase(pod).equals("Running") && isReady(pod);
    }

    /** Running, Ready and not being deleted. */
    public static boolean isHealthy(JsonNode pod) {
        return pod != null && isRunningAndReady(pod) && !Json.isTerminating(pod);
    }

    /** When the pod last became Ready, or null when it is not Ready or the time is unknown. */
    public static Instant readySince(JsonNode pod) {
        return isReady(pod) ? parseTime(conditionTransition(pod, "Ready")) : null;
    }

    /**
     * How long until a Ready pod counts as available: zero when it already is (or minReadySeconds is 0), otherwise
     * the time left until its Ready condition is older than minReadySeconds (strictly, as Kubernetes compares).
     */
    public static Duration availableIn(JsonNode pod, int minReadySeconds, Instant now) {
        if (minReadySeconds <= 0) {
            return Duration.ZERO;
        }
        Instant since = parseTime(conditionTransition(pod, "Ready"));
        if (since == null) {
            return Duration.ofSeconds(minReadySeconds);
        }
        Instant availableAt = since.plusSeconds(minReadySeconds);
        return now.isAfter(availableAt) ? Duration.ZERO : Duration.between(now, availableAt).plusMillis(1);
    }

    /** Ready for longer than {@code minReadySeconds} ({@code IsPodAvailable}). */
    public static boolean isAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        return isReady(pod) && availableIn(pod, minReadySeconds, now).isZero();
    }

    /** Running and available ({@code podutil.IsPodAvailable} on a running pod). */
    public static boolean isRunningAndAvailable(JsonNode pod, int minReadySeconds, Instant now) {
        return isRunningAndReady(pod) && availableIn(pod, minReadySeconds, now).isZero();
    }

    /** The pod's creationTimestamp, or null. */
    public static Instant created(JsonNode pod) {
        return parseTime(Json.str(pod, "metadata", "creationTimestamp"));
    }

    /** The highest restartCount among the pod's containers. */
    public static int maxRestarts(JsonNode pod) {
        int max = 0;
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            max = Math.max(max, Json.integer(cs, 0, "restartCount"));
        }
        return max;
    }

    /** The {@code controller.kubernetes.io/pod-deletion-cost} annotation; absent or unparsable counts as 0. */
    public static int deletionCost(JsonNode pod) {
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

    private static Instant parseTime(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static boolean conditionTrue(JsonNode pod, String type) {
        return "True".equals(conditionStatus(pod, type));
    }

    public static String conditionStatus(JsonNode pod, String type) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if (type.equals(Json.str(c, "type"))) {
                return Json.str(c, "status");
            }
        }
        return null;
    }

    public static String conditionTransition(JsonNode pod, String type) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if (type.equals(Json.str(c, "type"))) {
                return Json.str(c, "lastTransitionTime");
            }
        }
        return null;
    }

    /** The names of the claims the pod mounts through persistentVolumeClaim volumes. */
    public static List<String> claimNames(JsonNode pod) {
        return Json.list(pod, "spec", "volumes").stream()
                .map(v -> Json.str(v, "persistentVolumeClaim", "claimName"))
                .filter(n -> n != null && !n.isEmpty())
                .toList();
    }

    public static String nodeName(JsonNode pod) {
        return Json.str(pod, "spec", "nodeName");
    }

    /** Whether the pod holds its volumes: it exists, is not Failed or Succeeded (terminating pods still count). */
    public static boolean usesVolumes(JsonNode pod) {
        return !isTerminated(pod);
    }

    /** The pod's own override of a simulated delay, in seconds, or the default. */
    public static double seconds(JsonNode pod, String annotation, double def) {
        String v = Json.annotation(pod, annotation);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return def;
        }
    }
}
