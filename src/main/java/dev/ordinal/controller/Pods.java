package dev.ordinal.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.ordinal.core.Json;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ObjectCache;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod predicates every controller reads, in one place, the way Kubernetes' {@code podutil} and
 * {@code controller_utils} read them: phase, readiness, availability, scheduling, the claims a pod mounts.
 */
public final class Pods {
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    /** The Pod definition's cache index of pods by the node they are bound to ({@code spec.nodeName}). */
    public static final ObjectIndex ON_NODE = ObjectIndex.single("spec.nodeName", Pods::nodeName);

    /** As {@link #ON_NODE}, for the pods that are neither Succeeded nor Failed (terminating ones included). */
    public static final ObjectIndex ACTIVE_ON_NODE = ObjectIndex.single("active/spec.nodeName",
            p -> isTerminated(p) ? null : nodeName(p));

    /** As {@link #ON_NODE}, for the pods Running and neither Succeeded nor Failed (the kubelet's volumes in use). */
    public static final ObjectIndex RUNNING_ON_NODE = ObjectIndex.single("running/spec.nodeName",
            p -> isTerminated(p) || !"Running".equals(phase(p)) ? null : nodeName(p));

    /** The Pod definition's cache index of pods by the claims they mount, as {@code namespace/claimName}. */
    public static final ObjectIndex BY_CLAIM = new ObjectIndex("spec.volumes.persistentVolumeClaim.claimName",
            p -> Json.list(p, "spec", "volumes").stream()
                    .map(v -> Json.str(v, "persistentVolumeClaim", "claimName"))
                    .filter(Objects::nonNull)
                    .map(claim -> claimKey(Json.namespace(p), claim))
                    .toList());

    private Pods() {
    }

    /** The pods bound to {@code node}, from the informer cache. */
    public static List<ObjectNode> onNode(ObjectCache cache, String node) {
        return cache.byIndex(ResourceTypes.POD, ON_NODE, node);
    }

    /**
     * The claims (namespace, name) that the pods filed under {@code node} in {@code podsOnNode} mount ({@link
     * #ON_NODE}, {@link #ACTIVE_ON_NODE} or {@link #RUNNING_ON_NODE}), from the informer cache.
     */
    public static List<String[]> claimsOnNode(ObjectCache cache, ObjectIndex podsOnNode, String node) {
        // The claims come from the pods' BY_CLAIM keys, computed when each pod was applied: nothing is parsed, so a
        // pass over a node's pods costs no more than reading their keys.
        List<String[]> claims = new java.util.ArrayList<>();
        for (List<String> keys : cache.indexValuesByIndex(ResourceTypes.POD, podsOnNode, node, BY_CLAIM)) {
            for (String key : keys) {
                int slash = key.indexOf('/');
                claims.add(new String[] {key.substring(0, slash), key.substring(slash + 1)});
            }
        }
        return claims;
    }

    /** The volume a claim is bound to ({@code spec.volumeName}), from the cache's index keys; null when none. */
    public static String volumeOfClaim(ObjectCache cache, String namespace, String claim) {
        List<String> volume = cache.indexValues(ResourceTypes.PERSISTENT_VOLUME_CLAIM, namespace, claim,
                Claims.VOLUME_NAME);
        return volume.isEmpty() ? null : volume.get(0);
    }

    /** How many pods on {@code node} are neither Succeeded nor Failed, without reading them. */
    public static int countActiveOnNode(ObjectCache cache, String node) {
        return cache.countByIndex(ResourceTypes.POD, ACTIVE_ON_NODE, node);
    }

    /** The pods of {@code namespace} that mount the claim {@code claim}, from the informer cache. */
    public static List<ObjectNode> usingClaim(ObjectCache cache, String namespace, String claim) {
        return cache.byIndex(ResourceTypes.POD, BY_CLAIM, claimKey(namespace, claim));
    }

    private static String claimKey(String namespace, String claim) {
        return (namespace == null ? "" : namespace) + "/" + claim;
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
