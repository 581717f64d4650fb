package dev.ordinal.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespace controller's decision, pure (after Kubernetes' {@code namespaced_resources_deleter}): a namespace
 * being deleted is marked Terminating, everything in it not already being deleted is deleted, and once nothing is
 * left its finalizers are removed; while something is left it looks again shortly.
 */
final class NamespacePlanner {
    /** How soon to look again while objects remain. */
    static final Duration RECHECK = Duration.ofMillis(500);

    private NamespacePlanner() {
    }

    /**
     * The decision.
     *
     * @param actions      what to do, in order
     * @param requeueAfter when to look again, or null
     */
    record Plan(List<NamespaceAction> actions, Duration requeueAfter) {
    }

    /** The plan for {@code namespace} (null when gone) holding {@code contents}, by namespaced kind. */
    static Plan plan(ObjectNode namespace, Map<ResourceType, List<ObjectNode>> contents) {
        List<NamespaceAction> actions = new ArrayList<>();
        if (namespace == null || !Json.isTerminating(namespace)) {
            return new Plan(actions, null);
        }
        if (!"Terminating".equals(Json.str(namespace, "status", "phase"))) {
            actions.add(new NamespaceAction.MarkTerminating());
        }
        boolean empty = true;
        for (Map.Entry<ResourceType, List<ObjectNode>> e : contents.entrySet()) {
            for (ObjectNode o : e.getValue()) {
                empty = false;
                if (!Json.isTerminating(o)) {
                    actions.add(new NamespaceAction.DeleteContent(e.getKey(), Json.name(o)));
                }
            }
        }
        if (!empty) {
            return new Plan(actions, RECHECK);
        }
        actions.add(new NamespaceAction.Finalize());
        return new Plan(actions, null);
    }
}
