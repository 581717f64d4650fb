package dev.ordinal.reconcile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating work queue with client-go's semantics: a key waiting is queued once however often it is added;
 * a key being processed is not handed out again until {@link #done} (if it was added meanwhile it is queued then).
 * Failures are counted per key for exponential backoff.
 *
 * <p>Workers block in {@link #take()} until a key or {@link #shutdown}: an idle queue wakes nobody. Each key queued
 * wakes one waiting worker. (A lock and condition rather than the object's monitor: a monitor waited on is inflated,
 * and the JVM's deflater then kept deflating and the workers re-inflating it.)
 */
public class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final LinkedHashSet<Key> queue = new LinkedHashSet<>();
    private final Set<Key> processing = new HashSet<>();
    private final Set<Key> dirty = new HashSet<>();
    private final Map<Key, Integer> failures = new HashMap<>();
    private boolean shutdown;

    public void add(Key key) {
        lock.lock();
        try {
            if (shutdown) {
                return;
            }
            if (processing.contains(key)) {
                dirty.add(key);
                return;
            }
            enqueue(key);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next key, however long; null once shut down. */
    public Key take() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shutdown) {
                queued.await();
            }
            return next();
        } finally {
            lock.unlock();
        }
    }

    /** Marks a key finished; if it was added while processing it goes back in the queue. */
    public void done(Key key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.remove(key)) {
                enqueue(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues again a key that was taken and not marked {@link #done} (one parked outside the queue meanwhile, still
     * counted as processing so that no worker took it and adds only marked it dirty), whether or not it was added.
     */
    public void requeue(Key key) {
        lock.lock();
        try {
            processing.remove(key);
            dirty.remove(key);
            if (!shutdown) {
                enqueue(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts a failure and returns how many in a row this key has had. */
    public int failed(Key key) {
        lock.lock();
        try {
            return failures.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
    }

    public void forget(Key key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    public int depth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops handing out keys: every worker waiting in {@link #take} returns null, and adds are ignored. */
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            queued.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code key} unless it is already queued, waking one waiting worker for it. Holds the lock. */
    private void enqueue(Key key) {
        if (queue.add(key)) {
            queued.signal();
        }
    }

    /** The first queued key, now processing; null once shut down. Holds the lock. */
    private Key next() {
        if (shutdown) {
            return null;
        }
        Key k = queue.iterator().next();
        queue.remove(k);
        processing.add(k);
        return k;
    }
}
