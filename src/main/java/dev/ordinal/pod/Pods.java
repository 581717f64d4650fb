package dev.ordinal.pod;

import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** Facts about a pod that several controllers need, read the way Kubernetes' podutil reads them. */
public final class Pods {
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

    /** Running with condition Ready True. */
    public static boolean isRunningAndReady(JsonNode pod) {
        return phase(pod).equals("Running") && conditionTrue(pod, "Ready");
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
