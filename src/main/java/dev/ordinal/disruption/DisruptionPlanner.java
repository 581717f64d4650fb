package dev.ordinal.disruption;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of Kubernetes' disruption controller ({@code pkg/controller/disruption}), without I/O: from a
 * budget, the pods its selector matches and the scale of their controllers, the status the budget should show.
 * <ul>
 *   <li>{@code minAvailable} as a count: {@code expectedPods} is the number of matching pods and
 *   {@code desiredHealthy} the count.</li>
 *   <li>{@code minAvailable} as a percentage: {@code expectedPods} is the sum of the replicas of the pods'
 *   controllers, {@code desiredHealthy} the percentage of it rounded up.</li>
 *   <li>{@code maxUnavailable} (count or percentage, rounded up): {@code expectedPods} from the controllers,
 *   {@code desiredHealthy = expectedPods - maxUnavailable}, never below 0.</li>
 *   <li>{@code currentHealthy} counts the Ready pods that are not being deleted and that no eviction has just
 *   claimed ({@code status.disruptedPods}, forgotten after two minutes).</li>
 *   <li>{@code disruptionsAllowed = currentHealthy - desiredHealthy}, 0 when negative or when no pod is
 *   expected.</li>
 * </ul>
 * A pod without a controller makes the controllers' scale unknowable for a percentage or maxUnavailable: the
 * budget then fails safe (no disruption allowed) with the controller's message.
 */
public final class DisruptionPlanner {
    /** How long an eviction's claim on a pod counts if the pod is never deleted ({@code DeletionTimeout}). */
    public static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

    private DisruptionPlanner() {
    }

    /**
     * A pod the budget's selector matches. {@code controllerUid} is null for a pod without a controller;
     * {@code created} (second precision, may be null) tells a pod recreated under an evicted pod's name from it.
     */
    public record PodFacts(String name, boolean ready, boolean terminating, String controllerUid, Instant created) {
        public PodFacts(String name, boolean ready, boolean terminating, String controllerUid) {
            this(name, ready, terminating, controllerUid, null);
        }
    }

    /**
     * What the budget sees: its spec, the matching pods, the replicas of each controller by uid (absent when the
     * controller is gone), the pods evictions recently claimed, and the time.
     */
    public record Snapshot(IntOrPercent minAvailable, IntOrPercent maxUnavailable, List<PodFacts> pods,
                           Map<String, Integer> replicasByControllerUid, Map<String, Instant> disruptedPods,
                           Instant now) {
    }

    /**
     * The status to write. {@code failure} is the controller's error message when the expected count could not be
     * computed (the counts are then the fail-safe zeros); {@code recheckAt} is when a claimed pod's entry expires.
     */
    public record Outcome(int expectedPods, int desiredHealthy, int currentHealthy, int disruptionsAllowed,
                          Map<String, Instant> disruptedPods, String failure, boolean noPods, Instant recheckAt) {
    }

    public static Outcome plan(Snapshot s) {
        Map<String, Instant> disrupted = new TreeMap<>();
        Instant recheck = null;
        Map<String, PodFacts> live = new HashMap<>();
        for (PodFacts p : s.pods()) {
            if (!p.terminating()) {
                live.put(p.name(), p);
            }
        }
        for (Map.Entry<String, Instant> e : s.disruptedPods().entrySet()) {
            Instant expires = e.getValue().plus(DELETION_TIMEOUT);
            PodFacts pod = live.get(e.getKey());
            // A pod created since the eviction is a new pod under the same name (a StatefulSet's), not the evicted one.
            boolean same = pod != null && (pod.created() == null || pod.created().isBefore(e.getValue()));
            if (same && expires.isAfter(s.now())) {
                disrupted.put(e.getKey(), e.getValue());
                recheck = recheck == null || expires.isBefore(recheck) ? expires : recheck;
            }
        }
        boolean noPods = s.pods().isEmpty();
        int expected;
        int desired;
        try {
            if (s.maxUnavailable() != null) {
                expected = expectedScale(s);
                desired = Math.max(0, expected - s.maxUnavailable().scaled(expected));
            } else if (s.minAvailable() != null && !s.minAvailable().percent()) {
                expected = s.pods().size();
                desired = s.minAvailable().value();
            } else if (s.minAvailable() != null) {
                expected = expectedScale(s);
                desired = s.minAvailable().scaled(expected);
            } else {
                expected = s.pods().size();
                desired = 0;
            }
        } catch (IllegalStateException e) {
            return new Outcome(0, 0, 0, 0, disrupted, e.getMessage(), noPods, recheck);
        }
        int healthy = 0;
        for (PodFacts p : s.pods()) {
            if (!p.terminating() && p.ready() && !disrupted.containsKey(p.name())) {
                healthy++;
            }
        }
        int allowed = healthy - desired;
        if (expected <= 0 || allowed <= 0) {
            allowed = 0;
        }
        return new Outcome(expected, desired, healthy, allowed, disrupted, null, noPods, recheck);
    }

    /** The sum of the replicas of the matching pods' controllers, each counted once ({@code getExpectedScale}). */
    private static int expectedScale(Snapshot s) {
        Map<String, Integer> seen = new HashMap<>();
        for (PodFacts p : s.pods()) {
            if (p.controllerUid() == null) {
                throw new IllegalStateException("found no controller ref for pod \"" + p.name() + "\"");
            }
            Integer replicas = s.replicasByControllerUid().get(p.controllerUid());
            if (replicas == null) {
                throw new IllegalStateException("found no controllers for pod \"" + p.name() + "\"");
            }
            seen.put(p.controllerUid(), replicas);
        }
        return seen.values().stream().mapToInt(Integer::intValue).sum();
    }
}
