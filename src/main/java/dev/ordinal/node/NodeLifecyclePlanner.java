package dev.ordinal.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.node.NodeLifecycleAction.EvictPod;
import dev.ordinal.node.NodeLifecycleAction.ForceDeletePod;
import dev.ordinal.node.NodeLifecycleAction.MarkNodeUnreachable;
import dev.ordinal.node.NodeLifecycleAction.MarkPodNotReady;
import dev.ordinal.node.NodeLifecycleAction.SetTaints;
import dev.ordinal.controller.Taints;
import dev.ordinal.controller.Taints.Taint;
import dev.ordinal.controller.Taints.Toleration;

/**
 * The decisions of Kubernetes' node lifecycle controller, its taint-eviction controller and the pod GC's
 * out-of-service step, for one node, without I/O:
 * <ul>
 *   <li>A node whose heartbeat (Lease renewal or status post) has not been seen for the grace period is
 *   unreachable: its conditions become Unknown and its pods' Ready condition False.</li>
 *   <li>Its taints follow its state: Ready Unknown gives {@code node.kubernetes.io/unreachable} NoSchedule and
 *   NoExecute, Ready False gives {@code node.kubernetes.io/not-ready} likewise, {@code spec.unschedulable} gives
 *   {@code node.kubernetes.io/unschedulable:NoSchedule}; a Ready node loses them. NoExecute taints carry the time
 *   they were added.</li>
 *   <li>A pod that does not tolerate a NoExecute taint is evicted at once; one that tolerates them all for a while
 *   ({@code tolerationSeconds}, the smallest of the matching ones) is evicted that long after the newest taint was
 *   added; one that tolerates them forever stays.</li>
 *   <li>On a node that is not Ready and carries {@code node.kubernetes.io/out-of-service}, pods that are
 *   terminating are removed at once.</li>
 * </ul>
 * The heartbeat time is the controller's own observation ({@code lastHeartbeatSeen}), not the kubelet's clock, so a
 * controller that has just started gives every node a full grace period.
 */
public final class NodeLifecyclePlanner {

    private NodeLifecyclePlanner() {
    }

    /** A pod bound to the node. */
    public record PodFacts(String namespace, String name, String uid, boolean ready, boolean terminating,
                           boolean finished, List<Toleration> tolerations) {
    }

    /**
     * The node as the controller sees it: its Ready condition status (True, False, Unknown, or null), whether it is
     * cordoned, its taints, its grace period, when its heartbeat was last seen, its pods, and the time.
     */
    public record Snapshot(String readyStatus, boolean unschedulable, List<Taint> taints, Duration grace,
                           Instant lastHeartbeatSeen, List<PodFacts> pods, Instant now) {
    }

    /** The actions, in order, and when to look again (null: only a change brings the node back). */
    public record Plan(List<NodeLifecycleAction> actions, Instant recheckAt) {
    }

    public static Plan plan(Snapshot s) {
        List<NodeLifecycleAction> actions = new ArrayList<>();
        Instant recheck = null;
        Instant expiresAt = s.lastHeartbeatSeen().plus(s.grace());
        boolean unreachable = !s.now().isBefore(expiresAt);
        String ready = s.readyStatus();
        if (unreachable) {
            if (!"Unknown".equals(ready)) {
                actions.add(new MarkNodeUnreachable());
            }
            ready = "Unknown";
        } else {
            recheck = expiresAt;
        }
        List<Taint> taints = desiredTaints(s, ready);
        if (!taints.equals(s.taints())) {
            actions.add(new SetTaints(taints));
        }
        boolean notReady = !"True".equals(ready);
        if (unreachable) {
            for (PodFacts p : s.pods()) {
                if (p.ready() && !p.finished()) {
                    actions.add(new MarkPodNotReady(p.namespace(), p.name(), p.uid()));
                }
            }
        }
        List<Taint> noExecute = taints.stream().filter(t -> t.effect().equals(Taints.NO_EXECUTE)).toList();
        boolean outOfService = notReady && noExecute.stream().anyMatch(t -> t.key().equals(Taints.OUT_OF_SERVICE));
        // Without a NoExecute taint no pod is evicted or force-deleted: the pods are not even looked at.
        for (PodFacts p : noExecute.isEmpty() ? List.<PodFacts>of() : s.pods()) {
            if (p.finished()) {
                continue;
            }
            if (p.terminating()) {
                if (outOfService) {
                    actions.add(new ForceDeletePod(p.namespace(), p.name(), p.uid()));
                }
                continue;
            }
            Instant evictAt = evictionTime(p, noExecute, s.now());
            if (evictAt == null) {
                continue;
            }
            if (!s.now().isBefore(evictAt)) {
                actions.add(new EvictPod(p.namespace(), p.name(), p.uid()));
            } else if (recheck == null || evictAt.isBefore(recheck)) {
                recheck = evictAt;
            }
        }
        return new Plan(actions, recheck);
    }

    /**
     * When the taint manager evicts the pod: never (null) when every NoExecute taint is tolerated forever or there
     * is none; at once when one is not tolerated; else the newest taint's time plus the smallest tolerationSeconds
     * among the tolerations used.
     */
    static Instant evictionTime(PodFacts pod, List<Taint> noExecute, Instant now) {
        if (noExecute.isEmpty()) {
            return null;
        }
        Long min = null;
        Instant newest = null;
        for (Taint t : noExecute) {
            List<Toleration> used = pod.tolerations().stream().filter(tol -> tol.tolerates(t)).toList();
            if (used.isEmpty()) {
                return now;
            }
            for (Toleration tol : used) {
                if (tol.seconds() != null) {
                    min = min == null ? tol.seconds() : Math.min(min, tol.seconds());
                }
            }
            Instant added = t.timeAdded() == null ? now : dev.ordinal.core.Json.parseTime(t.timeAdded());
            newest = newest == null || added.isAfter(newest) ? added : newest;
        }
        if (min == null) {
            return null;
        }
        return newest.plusSeconds(Math.max(0, min));
    }

    /** The node's taints with the controller's own keys set from its state; others kept in place. */
    static List<Taint> desiredTaints(Snapshot s, String ready) {
        List<Taint> want = new ArrayList<>();
        String time = dev.ordinal.core.Json.time(s.now());
        if ("Unknown".equals(ready)) {
            want.add(new Taint(Taints.UNREACHABLE, null, Taints.NO_SCHEDULE, null));
            want.add(new Taint(Taints.UNREACHABLE, null, Taints.NO_EXECUTE, time));
        } else if ("False".equals(ready)) {
            want.add(new Taint(Taints.NOT_READY, null, Taints.NO_SCHEDULE, null));
            want.add(new Taint(Taints.NOT_READY, null, Taints.NO_EXECUTE, time));
        }
        if (s.unschedulable()) {
            want.add(new Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null));
        }
        List<Taint> out = new ArrayList<>();
        for (Taint t : s.taints()) {
            boolean managed = t.key().equals(Taints.UNREACHABLE) || t.key().equals(Taints.NOT_READY)
                    || t.key().equals(Taints.UNSCHEDULABLE);
            if (!managed) {
                // A NoExecute taint someone else added gets its time, so that tolerationSeconds count from it.
                out.add(t.effect().equals(Taints.NO_EXECUTE) && t.timeAdded() == null
                        ? new Taint(t.key(), t.value(), t.effect(), time) : t);
            } else if (want.stream().anyMatch(w -> w.sameAs(t))) {
                out.add(t);
            }
        }
        for (Taint w : want) {
            if (out.stream().noneMatch(t -> t.sameAs(w))) {
                out.add(w);
            }
        }
        return out;
    }
}
