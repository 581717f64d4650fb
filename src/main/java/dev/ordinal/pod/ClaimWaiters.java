package dev.ordinal.pod;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.store.WatchEvent;

/**
 * Remembers which pods a reconciler left waiting for which claims, so that the claim's next change wakes exactly
 * those pods at once instead of a timer finding out later. Lookups happen on the change feed's thread and cost no I/O.
 */
final class ClaimWaiters {
    private final Map<Key, Set<Key>> waiting = new ConcurrentHashMap<>();

    /** Records that the pod waits for the claim {@code namespace/claim}. */
    void waitFor(String namespace, String claim, Key pod) {
        waiting.computeIfAbsent(new Key(namespace, claim), k -> ConcurrentHashMap.newKeySet()).add(pod);
    }

    /**
     * The pods to wake for a change, for a reconciler keyed by pod: a pod change wakes that pod; a claim change wakes
     * the pods waiting on that claim, which are forgotten once returned.
     */
    Collection<Key> wake(WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.POD)) {
            return List.of(Key.of(event.object()));
        }
        if (!event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME_CLAIM)) {
            return List.of();
        }
        Set<Key> pods = waiting.remove(new Key(Json.namespace(event.object()), Json.name(event.object())));
        return pods == null ? List.of() : List.copyOf(pods);
    }
}
