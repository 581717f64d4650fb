package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.Json;
import dev.ordinal.storage.AttachDetachAction.Detach;
import dev.ordinal.storage.AttachDetachAction.WriteVolumesAttached;
import dev.ordinal.storage.AttachDetachPlanner.Plan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attach/detach controller's decisions, pure: a Ready node with volumes {@code pv-a} and {@code pv-b} attached,
 * {@code pv-a} used by a pod there, changed one field per case.
 */
class AttachDetachPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
    private static final Duration FORCE_DETACH = Duration.ofMinutes(6);

    /** A fixture: the node, what is attached and used, and what the controller remembers. */
    private static final class World {
        ObjectNode node = node(true);
        final List<String> attached = new ArrayList<>(List.of("pv-a", "pv-b"));
        final Set<String> inUse = new LinkedHashSet<>(Set.of("pv-a"));
        final Map<String, Instant> unusedSince = new LinkedHashMap<>();

        Plan plan() {
            return AttachDetachPlanner.plan(
                    new AttachDetachPlanner.Snapshot(node, attached, inUse, unusedSince, FORCE_DETACH, NOW));
        }
    }

    private static ObjectNode node(boolean ready) {
        ObjectNode n = Json.object();
        n.putObject("metadata").put("name", "node-1");
        n.putObject("spec");
        n.putObject("status").putArray("conditions").addObject().put("type", "Ready")
                .put("status", ready ? "True" : "Unknown");
        return n;
    }

    private static ObjectNode taint(ObjectNode node, String key, String effect) {
        Json.with(node, "spec").withArray("taints").addObject().put("key", key).put("effect", effect);
        return node;
    }

    @Test
    void volumeUnusedOnALiveNodeIsDetachedAtOnceAndTheStatusKeepsTheOthers() {
        Plan plan = new World().plan();

        assertThat(plan.actions()).containsExactly(new Detach("pv-b"), new WriteVolumesAttached(List.of("pv-a")));
        assertThat(plan.unusedSince()).isEmpty();
        assertThat(plan.recheckAt()).isNull();
    }

    @Test
    void everyVolumeInUseDetachesNothingAndRewritesTheStatus() {
        World w = new World();
        w.inUse.add("pv-b");

        assertThat(w.plan().actions()).containsExactly(new WriteVolumesAttached(List.of("pv-a", "pv-b")));
    }

    @Test
    void unusedVolumeOnAnUnreachableNodeWaitsForTheForceDetachTime() {
        World w = new World();
        w.node = taint(node(false), "node.kubernetes.io/unreachable", "NoExecute");

        Plan plan = w.plan();

        assertThat(plan.actions()).containsExactly(new WriteVolumesAttached(List.of("pv-a", "pv-b")));
        assertThat(plan.unusedSince()).containsExactly(Map.entry("pv-b", NOW));
        assertThat(plan.recheckAt()).isEqualTo(NOW.plus(FORCE_DETACH).plus(AttachDetachPlanner.RECHECK_MARGIN));
    }

    @Test
    void unusedVolumeOnAnUnreachableNodeKeepsTheTimeItWasFirstSeenUnused() {
        World w = new World();
        w.node = node(false);
        Instant since = NOW.minusSeconds(60);
        w.unusedSince.put("pv-b", since);

        Plan plan = w.plan();

        assertThat(plan.unusedSince()).containsExactly(Map.entry("pv-b", since));
        assertThat(plan.recheckAt()).isEqualTo(since.plus(FORCE_DETACH).plus(AttachDetachPlanner.RECHECK_MARGIN));
    }

    @Test
    void unusedVolumeOnAnUnreachableNodeIsDetachedByForceOnceTheWaitIsOver() {
        World w = new World();
        w.node = node(false);
        w.unusedSince.put("pv-b", NOW.minus(FORCE_DETACH));

        Plan plan = w.plan();

        assertThat(plan.actions()).containsExactly(new Detach("pv-b"), new WriteVolumesAttached(List.of("pv-a")));
        assertThat(plan.recheckAt()).isNull();
    }

    @Test
    void outOfServiceTaintDetachesAtOnceFromAnUnreachableNode() {
        World w = new World();
        w.node = taint(taint(node(false), "node.kubernetes.io/unreachable", "NoExecute"),
                "node.kubernetes.io/out-of-service", "NoExecute");

        assertThat(w.plan().actions()).contains(new Detach("pv-b"));
    }

    @Test
    void outOfServiceTaintWithAnotherEffectDoesNotDetach() {
        World w = new World();
        w.node = taint(node(false), "node.kubernetes.io/out-of-service", "NoSchedule");

        assertThat(w.plan().actions()).doesNotContain(new Detach("pv-b"));
    }

    @Test
    void readyNodeWithANotReadyTaintIsNotAlive() {
        World w = new World();
        w.node = taint(node(true), "node.kubernetes.io/not-ready", "NoExecute");

        assertThat(w.plan().actions()).doesNotContain(new Detach("pv-b"));
    }

    @Test
    void goneNodeDetachesEveryUnusedVolumeAndWritesNoStatus() {
        World w = new World();
        w.node = null;

        assertThat(w.plan().actions()).containsExactly(new Detach("pv-b"));
    }

    @Test
    void nodeWithNothingAttachedClearsItsStatus() {
        World w = new World();
        w.attached.clear();

        assertThat(w.plan().actions()).containsExactly(new WriteVolumesAttached(List.of()));
    }
}
