package dev.ordinal.replicaset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The order in which a replica set gives up pods on scale-down: Kubernetes' {@code ActivePodsWithRanks.Less} with the
 * PodDeletionCost and LogarithmicScaleDown gates on (their defaults). The pods that sort first are deleted first:
 * <ol>
 * <li>unscheduled before scheduled;</li>
 * <li>phase Pending before Unknown before Running;</li>
 * <li>not Ready before Ready;</li>
 * <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first;</li>
 * <li>more active pods of the set on the same node first (the rank);</li>
 * <li>both Ready: more recently Ready first, compared by powers of two of the time since, ties by uid;</li>
 * <li>more container restarts first;</li>
 * <li>newer first, compared by powers of two of the age, ties by uid.</li>
 * </ol>
 */
public final class PodRanking {
    private static final Map<String, Integer> PHASE_ORDER = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private PodRanking() {
    }

    /**
     * The pods to delete when {@code count} of {@code pods} must go, in deletion order. {@code related} are the
     * pods whose colocation counts for the rank (the set's own active pods).
     */
    public static List<JsonNode> podsToDelete(List<JsonNode> pods, List<JsonNode> related, int count, Instant now) {
        if (count >= pods.size()) {
            return List.copyOf(pods);
        }
        List<JsonNode> sorted = new ArrayList<>(pods);
        sorted.sort(comparator(related, now));
        return List.copyOf(sorted.subList(0, Math.max(0, count)));
    }

    /** The deletion order as a comparator: negative when the first pod should be deleted before the second. */
    public static Comparator<JsonNode> comparator(List<JsonNode> related, Instant now) {
        Map<String, Integer> podsOnNode = new HashMap<>();
        for (JsonNode p : related) {
            if (Pods.isActive(p)) {
                podsOnNode.merge(nodeKey(p), 1, Integer::sum);
            }
        }
        return (a, b) -> compare(a, b, podsOnNode.getOrDefault(nodeKey(a), 0),
                podsOnNode.getOrDefault(nodeKey(b), 0), now);
    }

    private static int compare(JsonNode a, JsonNode b, int rankA, int rankB, Instant now) {
        boolean scheduledA = Pods.isScheduled(a);
        boolean scheduledB = Pods.isScheduled(b);
        if (scheduledA != scheduledB) {
            return scheduledA ? 1 : -1;
        }
        int phaseA = PHASE_ORDER.getOrDefault(Pods.phase(a), 0);
        int phaseB = PHASE_ORDER.getOrDefault(Pods.phase(b), 0);
        if (phaseA != phaseB) {
            return Integer.compare(phaseA, phaseB);
        }
        boolean readyA = Pods.isReady(a);
        boolean readyB = Pods.isReady(b);
        if (readyA != readyB) {
            return readyA ? 1 : -1;
        }
        int costA = Pods.deletionCost(a);
        int costB = Pods.deletionCost(b);
        if (costA != costB) {
            return Integer.compare(costA, costB);
        }
        if (rankA != rankB) {
            return Integer.compare(rankB, rankA);
        }
        if (readyA) {
            int byReady = newerFirst(Pods.readySince(a), Pods.readySince(b), a, b, now);
            if (byReady != 0) {
                return byReady;
            }
        }
        int restartsA = Pods.maxRestarts(a);
        int restartsB = Pods.maxRestarts(b);
        if (restartsA != restartsB) {
            return Integer.compare(restartsB, restartsA);
        }
        return newerFirst(Pods.created(a), Pods.created(b), a, b, now);
    }

    /**
     * Unknown time first, then the more recent time, where times in the same power-of-two bucket of their distance
     * from now are ordered by uid (Kubernetes' {@code logarithmicRankDiff}); equal times are not ordered.
     */
    private static int newerFirst(Instant ta, Instant tb, JsonNode a, JsonNode b, Instant now) {
        if (Objects.equals(ta, tb)) {
            return 0;
        }
        if (ta == null || tb == null) {
            return ta == null ? -1 : 1;
        }
        long diff = bucket(ta, now) - bucket(tb, now);
        if (diff == 0) {
            return Objects.requireNonNullElse(Json.uid(a), "").compareTo(Objects.requireNonNullElse(Json.uid(b), ""));
        }
        return diff < 0 ? -1 : 1;
    }

    private static long bucket(Instant t, Instant now) {
        long nanos = Duration.between(t, now).toNanos();
        return nanos > 0 ? (long) (Math.log(nanos) / Math.log(2)) : -1;
    }

    /** The node a pod is counted on; unscheduled pods share the empty name. */
    private static String nodeKey(JsonNode pod) {
        String node = Pods.nodeName(pod);
        return node == null ? "" : node;
    }
}
