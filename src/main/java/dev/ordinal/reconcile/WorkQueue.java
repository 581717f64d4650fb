package dev.ordinal.reconcile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A de-duplicating work queue with client-go's semantics: a key waiting is queued once however often it is added;
 * a key being processed is not handed out again until {@link #done} (if it was added meanwhile it is queued then).
 * Failures are counted per key for exponential backoff.
 */
public class WorkQueue {
    private final LinkedHashSet<Key> queue = new LinkedHashSet<>();
    private final Set<Key> processing = new HashSet<>();
    private final Set<Key> dirty = new HashSet<>();
    private final Map<Key, Integer> failures = new HashMap<>();
    private boolean shutdown;

    public synchronized void add(Key key) {
        if (shutdown) {
            return;
        }
        if (processing.contains(key)) {
            dirty.add(key);
            return;
        }
        if (queue.add(key)) {
            notifyAll();
        }
    }

    /** Waits for the next key; null when shut down or after {@code timeoutMillis}. */
    public synchronized Key take(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (queue.isEmpty() && !shutdown) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        if (shutdown) {
            return null;
        }
        Key k = queue.iterator().next();
        queue.remove(k);
        processing.add(k);
        return k;
    }

    /** Marks a key finished; if it was added while processing it goes back in the queue. */
    public synchronized void done(Key key) {
        processing.remove(key);
        if (dirty.remove(key)) {
            queue.add(key);
            notifyAll();
        }
    }

    /**
     * Queues again a key that was taken and not marked {@link #done} (one parked outside the queue meanwhile, still
     * counted as processing so that no worker took it and adds only marked it dirty), whether or not it was added.
     */
    public synchronized void requeue(Key key) {
        processing.remove(key);
        dirty.remove(key);
        if (!shutdown && queue.add(key)) {
            notifyAll();
        }
    }

    /** Counts a failure and returns how many in a row this key has had. */
    public synchronized int failed(Key key) {
        return failures.merge(key, 1, Integer::sum);
    }

    public synchronized void forget(Key key) {
        failures.remove(key);
    }

    public synchronized int depth() {
        return queue.size();
    }

    public synchronized void shutdown() {
        shutdown = true;
        notifyAll();
    }
}
