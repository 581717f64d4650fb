package dev.ordinal.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.controller.Taints;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The attach/detach controller's decision for one node, pure: no store, no clock, no I/O. A volume attached to the
 * node that no active pod there uses is detached at once when the node is gone, its kubelet is alive (it has
 * unmounted), or it carries {@code node.kubernetes.io/out-of-service} with effect NoExecute; on an unreachable node it
 * is detached once it has stayed unused for the force-detach wait ({@code maxWaitForUnmountDuration}).
 */
final class AttachDetachPlanner {
    /** Added to the force-detach recheck so that the wait has surely elapsed when the node is looked at again. */
    static final Duration RECHECK_MARGIN = Duration.ofMillis(5);

    private AttachDetachPlanner() {
    }

    /**
     * What the controller reads for one node.
     *
     * @param node          the Node, or null when it is gone
     * @param attached      the volumes attached to the node, by name, sorted
     * @param inUse         the volumes the node's active pods mount through their bound claims
     * @param unusedSince   per attached volume, when it was first seen unused (as this controller remembers it)
     * @param forceDetachAfter how long an unused volume stays attached to an unreachable node
     * @param now           the time of the decision
     */
    record Snapshot(ObjectNode node, List<String> attached, Set<String> inUse, Map<String, Instant> unusedSince,
                    Duration forceDetachAfter, Instant now) {
    }

    /**
     * The decision.
     *
     * @param actions     what to do, in order
     * @param unusedSince per volume still attached and unused, when it was first seen unused (what to remember)
     * @param recheckAt   when to look at the node again, or null
     */
    record Plan(List<AttachDetachAction> actions, Map<String, Instant> unusedSince, Instant recheckAt) {
    }

    static Plan plan(Snapshot s) {
        boolean gone = s.node() == null;
        boolean alive = !gone && kubeletAlive(s.node());
        boolean outOfService = !gone && Taints.of(s.node()).stream()
                .anyMatch(t -> t.key().equals(Taints.OUT_OF_SERVICE) && t.effect().equals(Taints.NO_EXECUTE));
        List<AttachDetachAction> actions = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        Map<String, Instant> unused = new LinkedHashMap<>();
        Instant recheck = null;
        for (String volume : s.attached()) {
            if (s.inUse().contains(volume)) {
                remaining.add(volume);
                continue;
            }
            Instant since = s.unusedSince().getOrDefault(volume, s.now());
            Instant at = since.plus(s.forceDetachAfter());
            if (gone || alive || outOfService || !s.now().isBefore(at)) {
                actions.add(new AttachDetachAction.Detach(volume));
            } else {
                remaining.add(volume);
                unused.put(volume, since);
                recheck = recheck == null || at.isBefore(recheck) ? at : recheck;
            }
        }
        if (!gone) {
            actions.add(new AttachDetachAction.WriteVolumesAttached(List.copyOf(remaining)));
        }
        return new Plan(actions, unused, recheck == null ? null : recheck.plus(RECHECK_MARGIN));
    }

    /** A node whose kubelet posts Ready and that carries no unreachable or not-ready taint. */
    static boolean kubeletAlive(JsonNode node) {
        boolean ready = Json.list(node, "status", "conditions").stream()
                .anyMatch(c -> "Ready".equals(Json.str(c, "type")) && "True".equals(Json.str(c, "status")));
        boolean tainted = Taints.of(node).stream()
                .anyMatch(t -> t.key().equals(Taints.UNREACHABLE) || t.key().equals(Taints.NOT_READY));
        return ready && !tainted;
    }
}
