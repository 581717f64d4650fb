package dev.ordinal.node;

import java.util.List;
import java.util.Optional;

import dev.ordinal.core.ApiException;
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
        Optional<ObjectNode> found = store.find(ResourceTypes.NAMESPACE, null, key.name());
        if (found.isEmpty() || !Json.isTerminating(found.get())) {
            return Result.DONE;
        }
        if (!"Terminating".equals(Json.str(found.get(), "status", "phase"))) {
            store.modify(ResourceTypes.NAMESPACE, null, key.name(), true,
                    n -> Json.with(n, "status").put("phase", "Terminating"));
        }
        boolean empty = true;
        for (KindDefinition kind : kinds.stored()) {
            ResourceType type = kind.type();
            if (!type.namespaced()) {
                continue;
            }
            List<ObjectNode> items = store.list(type, key.name());
            for (ObjectNode o : items) {
                empty = false;
                if (!Json.isTerminating(o)) {
                    try {
                        store.delete(type, key.name(), Json.name(o), DeleteOptions.propagation("Background"));
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
        }
        if (!empty) {
            return Result.after(java.time.Duration.ofMillis(500));
        }
        store.modify(ResourceTypes.NAMESPACE, null, key.name(), false, n -> Json.with(n, "spec").remove("finalizers"));
        return Result.DONE;
    }
}
