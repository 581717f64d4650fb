package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime keeps every loop alive whatever a reconcile throws, never runs one key in two workers at once, and never
 * reconciles a key on a cache older than that key's last write, without making a worker wait for the cache.
 */
class ControllerRuntimeTest {
    private ControllerRuntime runtime;
    /** The version the (simulated) informer cache has reached. */
    private final AtomicLong cacheVersion = new AtomicLong();
    /** The version the reconcile running on a thread last wrote, as ResourceStore records it per thread. */
    private final ThreadLocal<Long> lastWrite = ThreadLocal.withInitial(() -> 0L);
    /** The feed's advance listener, which the runtime registers. */
    private final AtomicReference<LongConsumer> advance = new AtomicReference<>();
    /** Whether this instance holds the controller lease. */
    private final AtomicBoolean leading = new AtomicBoolean(true);

    private ControllerRuntime start(Reconciler r) {
        ResourceStore store = mock(ResourceStore.class);
        when(store.cache()).thenReturn(new ObjectCache(dev.ordinal.core.KindRegistry.of()));
        when(store.currentResourceVersion()).thenAnswer(i -> cacheVersion.get());
        when(store.takeLastWrittenVersion()).thenAnswer(i -> {
            long v = lastWrite.get();
            lastWrite.set(0L);
            return v;
        });
        ChangeFeed feed = mock(ChangeFeed.class);
        doAnswer(i -> {
            advance.set(i.getArgument(0));
            return null;
        }).when(feed).onAdvance(any());
        LeaderElection leader = mock(LeaderElection.class);
        when(leader.holdsLease()).thenAnswer(i -> leading.get());
        when(leader.isLeader()).thenReturn(true);
        runtime = new ControllerRuntime(List.of(r), feed, store, leader, new SimpleMeterRegistry(), true);
        runtime.start();
        return runtime;
    }

    /** The cache reaches {@code version}, as the change feed reports it. */
    private void cacheReaches(long version) {
        cacheVersion.set(version);
        advance.get().accept(version);
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.stop();
        }
    }

    @Test
    void aReconcileThatThrowsAnErrorIsRetriedAndTheLoopKeepsRunning() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ControllerRuntime rt = start(new TestReconciler() {
            @Override
            public Result reconcile(Key key) {
                int n = calls.computeIfAbsent(key.name(), k -> new AtomicInteger()).incrementAndGet();
                if (key.name().equals("huge") && n == 1) {
                    throw new OutOfMemoryError("Requested array size exceeds VM limit");
                }
                return Result.DONE;
            }
        });
        rt.enqueue("test", new Key("default", "huge"));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("huge") && calls.get("huge").get() >= 2);
        rt.enqueue("test", new Key("default", "other"));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("other"));
    }

    @Test
    void aKeyTakenAfterTheLeaseWasLostWaitsForTheNextTerm() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ControllerRuntime rt = start(new TestReconciler() {
            @Override
            public int workers() {
                return 3;
            }

            @Override
            public Result reconcile(Key key) {
                calls.computeIfAbsent(key.name(), k -> new AtomicInteger()).incrementAndGet();
                return Result.DONE;
            }
        });
        Thread.sleep(100); // The workers are waiting for keys.
        leading.set(false);
        rt.enqueue("test", new Key("default", "late"));
        Thread.sleep(500);
        assertThat(calls).doesNotContainKey("late");
        leading.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("late"));
        assertThat(calls.get("late").get()).isEqualTo(1);
    }

    @Test
    void oneKeyIsNeverInTwoWorkersAtOnce() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ControllerRuntime rt = start(new TestReconciler() {
            @Override
            public int workers() {
                return 4;
            }

            @Override
            public Result reconcile(Key key) {
                if (inside.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                done.incrementAndGet();
                return Result.DONE;
            }
        });
        for (int i = 0; i < 200; i++) {
            rt.enqueue("test", new Key("default", "same"));
            Thread.sleep(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() > 0 && inside.get() == 0);
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void aKeyWhoseLastWriteTheCacheHasNotReachedWaitsOutsideTheWorkersAndRunsOnceTheCacheReachesIt() throws Exception {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        ControllerRuntime rt = start(new TestReconciler() {
            @Override
            public int workers() {
                return 1; // The only worker must stay free while the written key waits.
            }

            @Override
            public Result reconcile(Key key) {
                seenAt.put(key.name() + "#" + calls.computeIfAbsent(key.name(), k -> new AtomicInteger())
                        .incrementAndGet(), cacheVersion.get());
                if (key.name().equals("writer")) {
                    lastWrite.set(10L); // This pass wrote resourceVersion 10.
                }
                return Result.DONE;
            }
        });
        cacheVersion.set(5);
        Key writer = new Key("default", "writer");
        rt.enqueue("test", writer);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("writer"));

        // The cache is still at 5: the key waits, and the one worker is free for other keys meanwhile.
        rt.enqueue("test", writer);
        rt.enqueue("test", new Key("default", "other"));
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("other"));
        rt.enqueue("test", writer); // Added again while waiting: still one pass once the cache is there.
        Thread.sleep(200);
        assertThat(calls.get("writer").get()).isEqualTo(1);

        cacheReaches(9);
        Thread.sleep(200);
        assertThat(calls.get("writer").get()).isEqualTo(1);

        cacheReaches(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get("writer").get() >= 2);
        assertThat(seenAt.get("writer#2")).isGreaterThanOrEqualTo(10L);
        Thread.sleep(200);
        assertThat(calls.get("writer").get()).isEqualTo(2);
    }

    @Test
    void aKeyWhoseLastWriteTheCacheAlreadyShowsRunsAtOnce() {
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        ControllerRuntime rt = start(new TestReconciler() {
            @Override
            public Result reconcile(Key key) {
                calls.computeIfAbsent(key.name(), k -> new AtomicInteger()).incrementAndGet();
                lastWrite.set(10L);
                return Result.DONE;
            }
        });
        cacheVersion.set(10);
        Key key = new Key("default", "writer");
        rt.enqueue("test", key);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.containsKey("writer"));
        rt.enqueue("test", key);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get("writer").get() >= 2);
    }

    private abstract static class TestReconciler implements Reconciler {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public ResourceType primaryType() {
            return ResourceTypes.SERVICE;
        }
    }
}
