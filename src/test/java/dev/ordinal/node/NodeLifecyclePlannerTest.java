package dev.ordinal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.controller.Taints.Taint;
import dev.ordinal.controller.Taints.Toleration;
import dev.ordinal.controller.Taints;
import dev.ordinal.core.Json;
import dev.ordinal.node.NodeLifecycleAction.EvictPod;
import dev.ordinal.node.NodeLifecycleAction.ForceDeletePod;
import dev.ordinal.node.NodeLifecycleAction.MarkNodeUnreachable;
import dev.ordinal.node.NodeLifecycleAction.MarkPodNotReady;
import dev.ordinal.node.NodeLifecycleAction.SetTaints;
import dev.ordinal.node.NodeLifecyclePlanner.Plan;
import dev.ordinal.node.NodeLifecyclePlanner.PodFacts;
import org.junit.jupiter.api.Test;

/** The node lifecycle and taint eviction decisions, one fact changed per case from a healthy node. */
class NodeLifecyclePlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(40);
    private static final List<Toleration> DEFAULTS = List.of(
            new Toleration(Taints.NOT_READY, "Exists", null, Taints.NO_EXECUTE, 300L),
            new Toleration(Taints.UNREACHABLE, "Exists", null, Taints.NO_EXECUTE, 300L));

    /** A Ready node seen 10 s ago with one Ready pod carrying the default tolerations. */
    private static final class Node {
        String ready = "True";
        boolean unschedulable;
        List<Taint> taints = new ArrayList<>();
        Instant seen = NOW.minusSeconds(10);
        List<PodFacts> pods = new ArrayList<>(List.of(pod(true, false, DEFAULTS)));

        Plan plan() {
            return NodeLifecyclePlanner.plan(new NodeLifecyclePlanner.Snapshot(ready, unschedulable, taints, GRACE,
                    seen, pods, NOW));
        }
    }

    private static PodFacts pod(boolean ready, boolean terminating, List<Toleration> tolerations) {
        return new PodFacts("ns", "nginx-1", "uid-1", ready, terminating, false, tolerations);
    }

    private static Taint unreachableNoExecute(Instant added) {
        return new Taint(Taints.UNREACHABLE, null, Taints.NO_EXECUTE, Json.time(added));
    }

    private static final Taint UNREACHABLE_NO_SCHEDULE = new Taint(Taints.UNREACHABLE, null, Taints.NO_SCHEDULE, null);

    @Test
    void aHealthyNodeNeedsNothingUntilItsGraceRunsOut() {
        Plan plan = new Node().plan();
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.recheckAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void aSilentNodeBecomesUnknownTaintedAndItsPodsNotReady() {
        Node n = new Node();
        n.seen = NOW.minus(GRACE);
        Plan plan = n.plan();
        assertThat(plan.actions()).containsExactly(new MarkNodeUnreachable(),
                new SetTaints(List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW))),
                new MarkPodNotReady("ns", "nginx-1", "uid-1"));
        assertThat(plan.recheckAt()).as("eviction after the default 300 s").isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void aPodIsEvictedWhenItsTolerationSecondsRunOut() {
        Node n = new Node();
        n.seen = NOW.minusSeconds(400);
        n.ready = "Unknown";
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(300)));
        n.pods = List.of(pod(false, false, DEFAULTS));
        assertThat(n.plan().actions()).containsExactly(new EvictPod("ns", "nginx-1", "uid-1"));
    }

    @Test
    void aPodWithoutAMatchingTolerationIsEvictedAtOnce() {
        Node n = new Node();
        n.seen = NOW.minus(GRACE);
        n.pods = List.of(pod(true, false, List.of()));
        assertThat(n.plan().actions()).contains(new EvictPod("ns", "nginx-1", "uid-1"));
    }

    @Test
    void aPodToleratingForeverStays() {
        Node n = new Node();
        n.seen = NOW.minus(GRACE);
        n.pods = List.of(pod(true, false, List.of(new Toleration(Taints.UNREACHABLE, "Exists", null, "", null))));
        assertThat(n.plan().actions()).noneMatch(a -> a instanceof EvictPod);
        assertThat(n.plan().recheckAt()).isNull();
    }

    @Test
    void aTerminatingPodOnAnUnreachableNodeStaysTerminating() {
        Node n = new Node();
        n.seen = NOW.minusSeconds(400);
        n.ready = "Unknown";
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(300)));
        n.pods = List.of(pod(false, true, DEFAULTS));
        assertThat(n.plan().actions()).isEmpty();
    }

    @Test
    void theOutOfServiceTaintRemovesTerminatingPods() {
        Node n = new Node();
        n.seen = NOW.minusSeconds(400);
        n.ready = "Unknown";
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(300)),
                new Taint(Taints.OUT_OF_SERVICE, "nodeshutdown", Taints.NO_EXECUTE, Json.time(NOW)));
        n.pods = List.of(pod(false, true, DEFAULTS));
        assertThat(n.plan().actions()).containsExactly(new ForceDeletePod("ns", "nginx-1", "uid-1"));
    }

    @Test
    void theOutOfServiceTaintEvictsPodsThatDoNotTolerateIt() {
        Node n = new Node();
        n.seen = NOW.minusSeconds(400);
        n.ready = "Unknown";
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(10)),
                new Taint(Taints.OUT_OF_SERVICE, "nodeshutdown", Taints.NO_EXECUTE, Json.time(NOW)));
        n.pods = List.of(pod(false, false, DEFAULTS));
        assertThat(n.plan().actions()).containsExactly(new EvictPod("ns", "nginx-1", "uid-1"));
    }

    @Test
    void aRecoveredNodeLosesItsUnreachableTaints() {
        Node n = new Node();
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(60)));
        assertThat(n.plan().actions()).containsExactly(new SetTaints(List.of()));
    }

    @Test
    void aNodeThatIsAlreadyUnknownIsNotMarkedAgain() {
        Node n = new Node();
        n.seen = NOW.minus(GRACE);
        n.ready = "Unknown";
        n.taints = List.of(UNREACHABLE_NO_SCHEDULE, unreachableNoExecute(NOW.minusSeconds(1)));
        n.pods = List.of(pod(false, false, DEFAULTS));
        assertThat(n.plan().actions()).isEmpty();
    }

    @Test
    void aCordonedNodeGetsTheUnschedulableTaint() {
        Node n = new Node();
        n.unschedulable = true;
        assertThat(n.plan().actions()).containsExactly(
                new SetTaints(List.of(new Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null))));
    }

    @Test
    void anUncordonedNodeLosesItButKeepsOtherTaints() {
        Node n = new Node();
        Taint mine = new Taint("dedicated", "db", Taints.NO_SCHEDULE, null);
        n.taints = List.of(mine, new Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null));
        assertThat(n.plan().actions()).containsExactly(new SetTaints(List.of(mine)));
    }

    @Test
    void tolerationsMatchAsKubernetesMatchesThem() {
        Taint t = new Taint("k", "v", Taints.NO_EXECUTE, null);
        assertThat(new Toleration("k", "Equal", "v", "", null).tolerates(t)).isTrue();
        assertThat(new Toleration("k", null, "w", "", null).tolerates(t)).isFalse();
        assertThat(new Toleration("k", "Exists", null, Taints.NO_SCHEDULE, null).tolerates(t)).isFalse();
        assertThat(new Toleration(null, "Exists", null, null, null).tolerates(t)).isTrue();
        assertThat(new Toleration(null, "Equal", "v", null, null).tolerates(t)).isFalse();
    }
}
