package dev.ordinal.reconcile;

import java.util.Collection;
import java.util.List;

import dev.ordinal.core.ResourceType;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.WatchEvent;

/**
 * A level-based control loop. Given a key it re-reads the state, decides and acts, and must be idempotent: running it
 * twice on the same state changes nothing the second time. The runtime never runs one key concurrently with itself.
 */
public interface Reconciler {

    /** A short name for metrics and logs, e.g. {@code statefulset}. */
    String name();

    /**
     * The kind whose objects are this reconciler's keys; the default resync enqueues every object of it and the
     * default wake-up rule wakes on its changes. Null for a reconciler whose keys are objects of every kind (the
     * garbage collector), which then overrides {@link #resyncKeys} and {@link #keysFor}.
     */
    ResourceType primaryType();

    /** How many workers run this reconciler; one key is still never processed by two at once. */
    default int workers() {
        return 2;
    }

    /**
     * The keys a resync enqueues, read from the informer cache: by default every object of the primary kind.
     * Reconcilers add keys for objects that are gone but left work behind (a deleted owner's dependents).
     */
    default Collection<Key> resyncKeys(ObjectCache cache) {
        return cache.list(primaryType(), null).stream().map(Key::of).toList();
    }

    /** Reconciles one key. Throwing is an error: the key is retried with exponential backoff. */
    Result reconcile(Key key);

    /**
     * The keys a committed change should wake up. By default a change to a primary object enqueues its own key;
     * reconcilers add owners (a pod change wakes its StatefulSet) and other dependencies.
     */
    default Collection<Key> keysFor(WatchEvent event) {
        if (event.resourceType().equals(primaryType())) {
            return List.of(Key.of(event.object()));
        }
        return List.of();
    }
}
