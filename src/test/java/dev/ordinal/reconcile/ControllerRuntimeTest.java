package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime keeps every loop alive whatever a reconcile throws, and never runs one key in two workers at once. */
class ControllerRuntimeTest {
    private ControllerRuntime runtime;

    private ControllerRuntime start(Reconciler r) {
        ResourceStore store = mock(ResourceStore.class);
        when(store.cache()).thenReturn(new ObjectCache(dev.ordinal.core.KindRegistry.of()));
        LeaderElection leader = mock(LeaderElection.class);
        when(leader.holdsLease()).thenReturn(true);
        when(leader.isLeader()).thenReturn(true);
        runtime = new ControllerRuntime(List.of(r), mock(ChangeFeed.class), store, leader, new SimpleMeterRegistry(),
                true);
        runtime.start();
        return runtime;
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
