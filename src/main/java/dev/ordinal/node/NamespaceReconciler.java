package dev.ordinal.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.controller.WriteOutcome;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespace controller: a deleted namespace shows phase Terminating while everything in it is deleted, and goes
 * away (its {@code kubernetes} finalizer removed) once nothing is left.
 */
@Component
public class NamespaceReconciler implements Reconciler {
    private final ResourceStore store;

    private final KindRegistry kinds;

    public NamespaceReconciler(ResourceStore store, KindRegistry kinds) {
        this.store = store;
        this.kinds = kinds;
    }

    @Override
    public String name() {
        return "namespace";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.NAMESPACE;
    }

    @Override
    public Result reconcile(Key key) {
        ObjectNode namespace = store.find(ResourceTypes.NAMESPACE, null, key.name()).orElse(null);
        Map<ResourceType, List<ObjectNode>> contents = new LinkedHashMap<>();
        if (namespace != null && Json.isTerminating(namespace)) {
            for (KindDefinition kind : kinds.stored()) {
                ResourceType type = kind.type();
                if (type.namespaced()) {
                    contents.put(type, store.list(type, key.name()));
                }
            }
        }
        NamespacePlanner.Plan plan = NamespacePlanner.plan(namespace, contents);
        for (NamespaceAction action : plan.actions()) {
            if (action instanceof NamespaceAction.MarkTerminating) {
                store.modify(ResourceTypes.NAMESPACE, null, key.name(), true,
                        n -> Json.with(n, "status").put("phase", "Terminating"));
            } else if (action instanceof NamespaceAction.DeleteContent d) {
                WriteOutcome.of(() -> store.delete(d.type(), key.name(), d.name(), DeleteOptions.propagation("Background")));
            } else if (action instanceof NamespaceAction.Finalize) {
                store.modify(ResourceTypes.NAMESPACE, null, key.name(), false,
                        n -> Json.with(n, "spec").remove("finalizers"));
            }
        }
        return plan.requeueAfter() == null ? Result.DONE : Result.after(plan.requeueAfter());
    }
}
