package dev.ordinal.quota;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource quota controller: keeps each quota's {@code status.hard} equal to {@code spec.hard} and its
 * {@code status.used} equal to what the namespace's objects use. Admission charges creates as they happen; this
 * recomputes on a quota's change, when an object that counts is deleted or a pod finishes (replenishment), and on
 * every resync.
 */
@Component
public class ResourceQuotaReconciler implements Reconciler {
    private final ResourceStore store;
    private final KindRegistry kinds;

    public ResourceQuotaReconciler(ResourceStore store, KindRegistry kinds) {
        this.store = store;
        this.kinds = kinds;
    }

    @Override
    public String name() {
        return "resourcequota";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.RESOURCE_QUOTA;
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        if (type.equals(ResourceTypes.RESOURCE_QUOTA)) {
            // Only a change of spec.hard (seen as status.hard lagging behind it) needs a recount: admission's own
            // charges are status writes, and a recount racing a create it has just charged would undo the charge.
            boolean recount = !event.type().equals("DELETED") && !isCurrent(event.object());
            return recount ? List.of(Key.of(event.object())) : List.of();
        }
        boolean replenish = event.type().equals("DELETED")
                || (type.equals(ResourceTypes.POD) && dev.ordinal.controller.Pods.isTerminated(event.object()));
        if (!type.namespaced() || type.equals(ResourceTypes.EVENT) || !replenish) {
            return List.of();
        }
        return store.list(ResourceTypes.RESOURCE_QUOTA, Json.namespace(event.object())).stream().map(Key::of).toList();
    }

    private static boolean isCurrent(ObjectNode quota) {
        Map<String, String> hard = Json.stringMap(quota, "spec", "hard");
        return hard.equals(Json.stringMap(quota, "status", "hard"))
                && Json.stringMap(quota, "status", "used").keySet().containsAll(hard.keySet());
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.RESOURCE_QUOTA, key.namespace(), key.name());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        Map<String, String> hard = Json.stringMap(found.get(), "spec", "hard");
        Map<ResourceType, List<ObjectNode>> objects = new HashMap<>();
        for (ResourceType t : QuotaUsage.typesOf(hard.keySet(), kinds)) {
            objects.put(t, store.list(t, key.namespace()));
        }
        ObjectNode status = status(hard, QuotaUsage.total(hard.keySet(), objects, kinds));
        if (found.get().has("status") && Json.same(status, found.get().get("status"))) {
            return Result.DONE;
        }
        ObjectNode updated = found.get().deepCopy();
        updated.set("status", status);
        try {
            // Against the version read before counting: a charge by admission meanwhile means count again.
            store.update(ResourceTypes.RESOURCE_QUOTA, key.namespace(), key.name(), updated, true);
        } catch (ApiException e) {
            if (e.code() == 409) {
                return Result.REQUEUE;
            }
            if (e.code() != 404) {
                throw e;
            }
        }
        return Result.DONE;
    }

    /** The status for these hard limits and this usage, quantities written in the format of each limit. */
    static ObjectNode status(Map<String, String> hard, Map<String, BigDecimal> used) {
        ObjectNode status = Json.object();
        status.set("hard", Json.stringMapNode(new java.util.TreeMap<>(hard)));
        ObjectNode usedNode = status.putObject("used");
        used.forEach((r, v) -> usedNode.put(r, Quantities.format(v, Quantities.isBinary(hard.get(r)))));
        return status;
    }
}
