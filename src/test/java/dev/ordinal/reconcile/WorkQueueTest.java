package dev.ordinal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WorkQueueTest {
    private static final Key A = new Key("ns", "a");
    private static final Key B = new Key("ns", "b");

    @Test
    void aKeyAddedTwiceWhileWaitingIsHandedOutOnce() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add(A);
        q.add(A);
        q.add(B);
        assertThat(q.depth()).isEqualTo(2);
        assertThat(q.take()).isEqualTo(A);
        assertThat(q.take()).isEqualTo(B);
        assertThat(q.depth()).isZero();
    }

    @Test
    void aKeyAddedWhileProcessingIsQueuedAgainOnlyWhenDone() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add(A);
        assertThat(q.take()).isEqualTo(A);
        q.add(A);
        assertThat(q.depth()).isZero();
        q.done(A);
        assertThat(q.take()).isEqualTo(A);
        q.done(A);
        assertThat(q.depth()).isZero();
    }

    @Test
    void aRequeuedKeyIsHandedOutAgainEvenIfNotAddedMeanwhile() throws Exception {
        WorkQueue q = new WorkQueue();
        q.add(A);
        assertThat(q.take()).isEqualTo(A);
        q.requeue(A);
        assertThat(q.take()).isEqualTo(A);
    }

    @Test
    void aBlockedTakeReturnsTheKeyAddedLater() throws Exception {
        WorkQueue q = new WorkQueue();
        CompletableFuture<Key> taken = CompletableFuture.supplyAsync(() -> takeBlocking(q));
        Thread.sleep(50);
        assertThat(taken).isNotDone();
        q.add(A);
        assertThat(taken.get(5, TimeUnit.SECONDS)).isEqualTo(A);
    }

    @Test
    void shutdownReleasesEveryBlockedTakeAndIgnoresLaterAdds() throws Exception {
        WorkQueue q = new WorkQueue();
        CompletableFuture<Key> first = CompletableFuture.supplyAsync(() -> takeBlocking(q));
        CompletableFuture<Key> second = CompletableFuture.supplyAsync(() -> takeBlocking(q));
        Thread.sleep(50);
        q.shutdown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(second.get(5, TimeUnit.SECONDS)).isNull();
        q.add(A);
        assertThat(q.depth()).isZero();
        assertThat(q.take()).isNull();
    }

    @Test
    void twoKeysWakeTwoBlockedWorkers() throws Exception {
        WorkQueue q = new WorkQueue();
        CompletableFuture<Key> first = CompletableFuture.supplyAsync(() -> takeBlocking(q));
        CompletableFuture<Key> second = CompletableFuture.supplyAsync(() -> takeBlocking(q));
        Thread.sleep(50);
        q.add(A);
        q.add(B);
        assertThat(java.util.List.of(first.get(5, TimeUnit.SECONDS), second.get(5, TimeUnit.SECONDS)))
                .containsExactlyInAnyOrder(A, B);
    }

    @Test
    void failuresAreCountedUntilForgotten() {
        WorkQueue q = new WorkQueue();
        assertThat(q.failed(A)).isEqualTo(1);
        assertThat(q.failed(A)).isEqualTo(2);
        q.forget(A);
        assertThat(q.failed(A)).isEqualTo(1);
    }

    private static Key takeBlocking(WorkQueue q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
