package dev.ordinal.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every {@link Reconciler}: one de-duplicating queue each and {@link Reconciler#workers()} worker threads
 * (a key is never processed by two at once), fed by the change feed as soon as a write commits on any instance,
 * retried with exponential backoff on any failure (5 ms doubling up to 60 s, and a worker survives anything thrown,
 * {@code Error}s included), re-enqueued by a rare resync from the informer cache, and active only on the instance
 * holding the lease.
 *
 * <p>A reconciler never decides on state older than its own writes (what client-go's expectations guard against):
 * a key whose previous pass wrote a version the informer cache has not reached yet is parked, out of the queue and in
 * no worker, and queued again by the change feed as soon as the cache reaches that version. No worker ever waits for
 * the cache.
 */
@Component
public class ControllerRuntime {
    private static final Logger log = LoggerFactory.getLogger(ControllerRuntime.class);
    private static final long BASE_BACKOFF_MS = 5;
    private static final long MAX_BACKOFF_MS = 60_000;

    private final List<Loop> loops = new ArrayList<>();
    private final ResourceStore store;
    private final ChangeFeed feed;
    private final LeaderElection leader;
    private final MeterRegistry metrics;
    private final boolean enabled;
    private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "requeue"));
    private volatile boolean running;
    private volatile boolean leading;

    private static final class Loop {
        final Reconciler reconciler;
        final WorkQueue queue = new WorkQueue();
        final Map<Key, Long> delayed = new ConcurrentHashMap<>();
        final Map<Key, Long> lastWritten = new ConcurrentHashMap<>();
        /** Keys waiting for the cache to reach the version their last pass wrote; taken, so in no worker. */
        final Map<Key, Long> parked = new ConcurrentHashMap<>();

        Loop(Reconciler reconciler) {
            this.reconciler = reconciler;
        }
    }

    public ControllerRuntime(List<Reconciler> reconcilers, ChangeFeed feed, ResourceStore store,
                             LeaderElection leader, MeterRegistry metrics,
                             @Value("${ordinal.controllers.enabled:true}") boolean enabled) {
        this.store = store;
        this.leader = leader;
        this.metrics = metrics;
        this.enabled = enabled;
        for (Reconciler r : reconcilers) {
            Loop loop = new Loop(r);
            loops.add(loop);
            metrics.gauge("ordinal.reconcile.queue.depth", List.of(Tag.of("reconciler", r.name())),
                    loop.queue, WorkQueue::depth);
            metrics.gauge("ordinal.reconcile.parked", List.of(Tag.of("reconciler", r.name())),
                    loop.parked, Map::size);
        }
        this.feed = feed;
        feed.subscribe(this::onChange);
        feed.onRelist(this::resync);
        feed.onAdvance(this::unpark);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        for (Loop loop : loops) {
            int n = Math.max(1, loop.reconciler.workers());
            for (int i = 0; i < n; i++) {
                daemon(() -> work(loop), "reconcile-" + loop.reconciler.name() + "-" + i).start();
            }
        }
        resync();
    }

    /** Stops the loops as soon as the context starts closing, before the database they use goes away. */
    @EventListener(org.springframework.context.event.ContextClosedEvent.class)
    @PreDestroy
    public void stop() {
        running = false;
        loops.forEach(l -> l.queue.shutdown());
        delays.shutdownNow();
    }

    private void onChange(WatchEvent event) {
        for (Loop loop : loops) {
            try {
                for (Key k : loop.reconciler.keysFor(event)) {
                    loop.queue.add(k);
                }
            } catch (RuntimeException e) {
                log.warn("{} could not map a change to keys", loop.reconciler.name(), e);
            }
        }
    }

    /**
     * Enqueues every reconciler's {@link Reconciler#resyncKeys resync keys}, read from the informer cache: the safety
     * net, not the engine. It runs at start, after the change feed listed again, when this instance becomes leader,
     * and rarely on a timer.
     */
    @Scheduled(fixedDelayString = "${ordinal.controllers.resync-seconds:600}", timeUnit = TimeUnit.SECONDS,
            initialDelayString = "${ordinal.controllers.resync-seconds:600}")
    public void resync() {
        if (!running) {
            return;
        }
        for (Loop loop : loops) {
            try {
                loop.reconciler.resyncKeys(store.cache()).forEach(loop.queue::add);
            } catch (RuntimeException e) {
                log.warn("{} could not list its resync keys", loop.reconciler.name(), e);
            }
        }
    }

    /** Resyncs when this instance has just become the leader: keys enqueued elsewhere were never seen here. */
    @Scheduled(fixedDelay = 1000)
    public void watchLeadership() {
        boolean now = leader.isLeader();
        if (now && !leading) {
            leading = true;
            resync();
        } else if (!now) {
            leading = false;
        }
    }

    /** Enqueues a key for the named reconciler (used by other loops and by the API's extension endpoints). */
    public void enqueue(String reconciler, Key key) {
        loops.stream().filter(l -> l.reconciler.name().equals(reconciler)).forEach(l -> l.queue.add(key));
    }

    private void work(Loop loop) {
        Reconciler r = loop.reconciler;
        Timer timer = Timer.builder("ordinal.reconcile.duration").tag("reconciler", r.name()).register(metrics);
        while (running) {
            if (!leader.holdsLease()) {
                // Keys wait in the queue (once each) until this instance leads; becoming leader also resyncs.
                sleep(200);
                continue;
            }
            Key key;
            try {
                // Blocks until a key or the queue's shutdown (stop shuts every queue down): no wake-ups at idle.
                key = loop.queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                continue;
            }
            if (!leader.holdsLease()) {
                // The lease was lost while this worker waited: the key waits in the queue for this instance's next
                // term (becoming leader resyncs too), as keys added after the loss do.
                loop.queue.requeue(key);
                continue;
            }
            Long previous = loop.lastWritten.get(key);
            if (previous != null && store.currentResourceVersion() < previous) {
                park(loop, key, previous);
                continue;
            }
            String outcome;
            long start = System.nanoTime();
            try {
                store.takeLastWrittenVersion();
                Result result = r.reconcile(key);
                loop.queue.forget(key);
                if (result instanceof Result.RequeueAfter a) {
                    schedule(loop, key, a.delay());
                    outcome = "requeue_after";
                } else if (result instanceof Result.Requeue) {
                    schedule(loop, key, Duration.ofMillis(BASE_BACKOFF_MS));
                    outcome = "requeue";
                } else {
                    outcome = "done";
                }
            } catch (Throwable e) {
                // Anything, an Error included: the key backs off and the worker lives on.
                int n = loop.queue.failed(key);
                long backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(n - 1, 20));
                if (e instanceof Error) {
                    log.error("{} failed on {} with {}; retry in {} ms", r.name(), key, e, backoff);
                } else {
                    log.debug("{} failed on {} (attempt {}), retry in {} ms: {}", r.name(), key, n, backoff, e.toString());
                }
                if (n == 5) {
                    log.warn("{} keeps failing on {}: {}", r.name(), key, e.toString());
                }
                schedule(loop, key, Duration.ofMillis(backoff));
                outcome = "error";
            } finally {
                long written = store.takeLastWrittenVersion();
                if (written > 0) {
                    loop.lastWritten.put(key, written);
                } else {
                    loop.lastWritten.remove(key);
                }
                loop.queue.done(key);
            }
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.counter("ordinal.reconcile.total", "reconciler", r.name(), "result", outcome).increment();
        }
    }

    /**
     * Holds a key out of the queue until the cache reaches {@code written}. It stays taken (so no worker gets it and
     * changes meanwhile only mark it dirty); {@link #unpark} queues it again.
     */
    private void park(Loop loop, Key key, long written) {
        loop.parked.put(key, written);
        // No poll to ask for: the write's own transaction woke the feed when it ended (ChangeFeed.writeEnded).
        // The feed may have passed the version between the check and the put: then no advance would wake the key.
        long now = store.currentResourceVersion();
        if (now >= written) {
            release(loop, key, written);
        }
    }

    /** Called by the change feed each time the cache's version moves forward: queues the keys that waited for it. */
    private void unpark(long version) {
        for (Loop loop : loops) {
            if (loop.parked.isEmpty()) {
                continue;
            }
            for (Map.Entry<Key, Long> e : loop.parked.entrySet()) {
                if (e.getValue() <= version) {
                    release(loop, e.getKey(), e.getValue());
                }
            }
        }
    }

    private static void release(Loop loop, Key key, long written) {
        if (loop.parked.remove(key, written)) {
            loop.queue.requeue(key);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(Loop loop, Key key, Duration delay) {
        long due = System.nanoTime() + delay.toNanos();
        Long previous = loop.delayed.get(key);
        if (previous != null && previous <= due) {
            return; // An earlier wake-up is already scheduled for this key.
        }
        loop.delayed.put(key, due);
        try {
            delays.schedule(() -> {
                loop.delayed.remove(key, due);
                loop.queue.add(key);
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // Shutting down.
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
