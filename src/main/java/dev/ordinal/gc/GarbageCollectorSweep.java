package dev.ordinal.gc;

import java.util.concurrent.TimeUnit;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.store.ResourceStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The garbage collector's safety net: periodically enqueues every object that has ownerReferences and every object
 * being deleted with the {@code orphan} or {@code foregroundDeletion} finalizer, so nothing waits forever for a
 * change that was missed (for example by an instance that took over the controller lease). The runtime's own resync
 * covers pods, the collector's primary kind, under the same keys.
 */
@Component
public class GarbageCollectorSweep {
    private final ResourceStore store;
    private final ControllerRuntime runtime;
    private final KindRegistry kinds;

    public GarbageCollectorSweep(ResourceStore store, ControllerRuntime runtime, KindRegistry kinds) {
        this.store = store;
        this.kinds = kinds;
        this.runtime = runtime;
    }

    @Scheduled(fixedDelayString = "${ordinal.controllers.resync-seconds:30}", timeUnit = TimeUnit.SECONDS,
            initialDelay = 1)
    public void sweep() {
        for (ObjectNode obj : store.allWithOwners()) {
            enqueue(obj);
        }
        for (KindDefinition kind : kinds.stored()) {
            ResourceType type = kind.type();
            if (type.equals(ResourceTypes.EVENT) || type.equals(ResourceTypes.POD)) {
                continue;
            }
            for (ObjectNode obj : store.list(type, null)) {
                if (GarbageCollectorPlanner.ownerWork(obj) != GarbageCollectorPlanner.OwnerWork.NONE) {
                    enqueue(obj);
                }
            }
        }
    }

    private void enqueue(ObjectNode obj) {
        kinds.findByKind(Json.kind(obj)).map(KindDefinition::type).ifPresent(type -> runtime.enqueue(GarbageCollectorReconciler.NAME,
                GarbageCollectorReconciler.keyOf(type, Json.namespace(obj), Json.name(obj))));
    }
}
