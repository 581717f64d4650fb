package dev.ordinal.gc;

import java.util.concurrent.TimeUnit;

import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.store.ResourceStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The garbage collector's safety net: periodically enqueues every object that has ownerReferences and every object
 * being deleted with the {@code orphan} or {@code foregroundDeletion} finalizer (the collector's
 * {@link GarbageCollectorReconciler#resyncKeys resync keys}), so nothing waits forever for a change that was missed
 * (for example by an instance that took over the controller lease).
 */
@Component
public class GarbageCollectorSweep {
    private final ResourceStore store;
    private final ControllerRuntime runtime;
    private final GarbageCollectorReconciler collector;

    public GarbageCollectorSweep(ResourceStore store, ControllerRuntime runtime, GarbageCollectorReconciler collector) {
        this.store = store;
        this.runtime = runtime;
        this.collector = collector;
    }

    @Scheduled(fixedDelayString = "${ordinal.controllers.resync-seconds:30}", timeUnit = TimeUnit.SECONDS,
            initialDelay = 1)
    public void sweep() {
        collector.resyncKeys(store.cache()).forEach(k -> runtime.enqueue(GarbageCollectorReconciler.NAME, k));
    }
}
