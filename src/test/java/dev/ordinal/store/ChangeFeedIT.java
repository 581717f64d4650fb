package dev.ordinal.store;

import static dev.ordinal.store.StoreFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The change feed read from the database: changes arrive in resourceVersion order, a list followed by a watch from
 * its version never loses an object written meanwhile, and a feed that fell behind the trimmed history lists again.
 */
@IntegrationTest
class ChangeFeedIT {
    @Autowired
    ResourceStore store;

    @Autowired
    ChangeFeed feed;

    @Autowired
    WatchHub hub;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void changesFromConcurrentWritersArriveInVersionOrder() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<WatchEvent> listener = e -> seen.add(e.resourceVersion());
        feed.subscribe(listener);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<ObjectNode>> writes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = "order-" + i;
            writes.add(pool.submit(() -> store.create(ResourceTypes.SERVICE, "default", service(name))));
        }
        long last = 0;
        for (Future<ObjectNode> f : writes) {
            last = Math.max(last, Long.parseLong(Json.str(f.get(), "metadata", "resourceVersion")));
        }
        pool.shutdown();
        long target = last;
        await().atMost(Duration.ofSeconds(20)).until(() -> store.cache().version() >= target);
        feed.unsubscribe(listener);
        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aWriteThatTookAVersionAndRolledBackDoesNotHoldTheFeedBack() {
        long[] taken = new long[1];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.writeTogether(() -> {
            ObjectNode created = store.create(ResourceTypes.SERVICE, "default", service("rolled-back"));
            taken[0] = Long.parseLong(Json.str(created, "metadata", "resourceVersion"));
            throw new IllegalStateException("undone");
        })).hasMessage("undone");
        // The feed delivers nothing at or above a version in flight; the safety poll is ten minutes away, so only the
        // wake-up at the transaction's end lets it pass the version that was rolled back.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.cache().version() >= taken[0]);
        assertThat(store.find(ResourceTypes.SERVICE, "default", "rolled-back")).isEmpty();
    }

    @Test
    void ownCommitsAreDeliveredFromMemoryAsStoredWhileThisInstanceIsTheOnlyWriter() {
        long before = feed.ownDeliveries();
        ObjectNode created = store.create(ResourceTypes.SERVICE, "default", service("from-memory"));
        long rv = Long.parseLong(Json.str(created, "metadata", "resourceVersion"));
        await().atMost(Duration.ofSeconds(10)).until(() -> store.cache().version() >= rv);
        assertThat(feed.ownDeliveries()).isGreaterThan(before);
        // What the cache holds is what the row holds, byte for byte.
        String stored = jdbc.queryForObject("select body::text from resource where kind = 'Service'"
                + " and namespace = 'default' and name = 'from-memory'", String.class);
        assertThat(Json.write(store.cache().get(ResourceTypes.SERVICE, "default", "from-memory").orElseThrow()))
                .isEqualTo(Json.write(Json.canonical(Json.parse(stored))));
    }

    @Test
    void aTransactionInFlightHoldsBackTheCommitsAfterItUntilItEnds() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<WatchEvent> listener = e -> {
            if (e.resourceType() == ResourceTypes.SERVICE && Json.name(e.object()).startsWith("held-")) {
                seen.add(Json.name(e.object()));
            }
        };
        feed.subscribe(listener);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> store.writeTogether(() -> {
                store.create(ResourceTypes.SERVICE, "default", service("held-first"));
                written.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            written.await();
            ObjectNode later = store.create(ResourceTypes.SERVICE, "default", service("held-second"));
            Thread.sleep(300);
            assertThat(seen).as("nothing passes a version still in flight").isEmpty();
            assertThat(store.cache().get(ResourceTypes.SERVICE, "default", "held-second")).isEmpty();
            release.countDown();
            slow.get();
            long rv = Long.parseLong(Json.str(later, "metadata", "resourceVersion"));
            await().atMost(Duration.ofSeconds(10)).until(() -> store.cache().version() >= rv);
            assertThat(seen).containsExactly("held-first", "held-second");
        } finally {
            release.countDown();
            pool.shutdown();
            feed.unsubscribe(listener);
        }
    }

    @Test
    void aCommitBelowEveryVersionInFlightIsDeliveredWhileTheyAreStillOpen() throws Exception {
        java.util.concurrent.CountDownLatch firstWrote = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch firstCommits = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondWrote = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondCommits = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> store.writeTogether(() -> {
                store.create(ResourceTypes.SERVICE, "default", service("below-first"));
                firstWrote.countDown();
                awaitQuietly(firstCommits);
            }));
            firstWrote.await();
            // Begun after the first took its version: every version it takes is above it.
            Future<?> second = pool.submit(() -> store.writeTogether(() -> {
                store.create(ResourceTypes.SERVICE, "default", service("below-second"));
                secondWrote.countDown();
                awaitQuietly(secondCommits);
            }));
            secondWrote.await();
            firstCommits.countDown();
            first.get();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    store.cache().get(ResourceTypes.SERVICE, "default", "below-first").isPresent());
            assertThat(store.cache().get(ResourceTypes.SERVICE, "default", "below-second")).isEmpty();
            secondCommits.countDown();
            second.get();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    store.cache().get(ResourceTypes.SERVICE, "default", "below-second").isPresent());
        } finally {
            firstCommits.countDown();
            secondCommits.countDown();
            pool.shutdown();
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void bestEffortWritesCommitWithoutWaitingForTheDiskAndAreDeliveredInOrderLikeAnyOther() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<WatchEvent> listener = e -> seen.add(e.resourceVersion());
        feed.subscribe(listener);
        String usual = jdbc.queryForObject("select current_setting('synchronous_commit')", String.class);
        List<String> setting = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        store.writeTogetherBestEffort(() -> {
            setting.add(jdbc.queryForObject("select current_setting('synchronous_commit')", String.class));
            for (int i = 0; i < 3; i++) {
                versions.add(Long.parseLong(Json.str(store.create(ResourceTypes.SERVICE, "default",
                        service("best-effort-" + i)), "metadata", "resourceVersion")));
            }
        });
        long durable = Long.parseLong(Json.str(store.create(ResourceTypes.SERVICE, "default",
                service("durable-after")), "metadata", "resourceVersion"));
        assertThat(setting).containsExactly("off");
        assertThat(jdbc.queryForObject("select current_setting('synchronous_commit')", String.class))
                .as("only the best-effort transaction is affected").isEqualTo(usual);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.cache().version() >= durable);
        feed.unsubscribe(listener);
        List<Long> expected = new ArrayList<>(versions);
        expected.add(durable);
        assertThat(seen).containsSubsequence(expected);
        assertThat(store.find(ResourceTypes.SERVICE, "default", "best-effort-2")).isPresent();
    }

    @Test
    void aListThenAWatchFromItsVersionNeverLosesAWriteMadeInBetween() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes = writer.submit(() -> {
            for (int i = 0; i < 150; i++) {
                store.create(ResourceTypes.SERVICE, "kube-public", service("gap-" + i));
            }
        });
        Set<String> known = new TreeSet<>();
        List<Runnable> cancels = new ArrayList<>();
        // Lists taken while writes go on, each followed by a watch from its version.
        for (int round = 0; round < 5; round++) {
            Set<String> view = new java.util.concurrent.ConcurrentSkipListSet<>();
            ResourceStore.Snapshot s = store.snapshot(ResourceTypes.SERVICE, "kube-public");
            s.items().forEach(o -> view.add(Json.name(o)));
            cancels.add(hub.subscribe(s.resourceVersion(), e -> e.resourceType() == ResourceTypes.SERVICE
                    && "kube-public".equals(Json.namespace(e.object())), e -> view.add(Json.name(e.object()))));
            if (round == 4) {
                writes.get();
                store.awaitLatest();
                await().atMost(Duration.ofSeconds(20)).until(() -> view.size() >= 150);
                known.addAll(view);
            }
            Thread.sleep(20);
        }
        writer.shutdown();
        cancels.forEach(Runnable::run);
        for (int i = 0; i < 150; i++) {
            assertThat(known).contains("gap-" + i);
        }
    }

    @Test
    void aFeedBehindTheTrimmedHistoryListsAgainAndEndsOpenWatchesWith410() {
        store.create(ResourceTypes.SERVICE, "default", service("before-trim"));
        store.awaitLatest();
        List<WatchEvent> received = new CopyOnWriteArrayList<>();
        Runnable cancel = hub.subscribe(store.cache().version(), e -> true, received::add);
        // Pretend the next change was trimmed before this instance read it: it cannot know what it missed.
        long far = jdbc.queryForObject("select last_value from resource_version_seq", Long.class) + 1;
        jdbc.update("update change_log_horizon set trimmed_through = ? where id = 1", far);
        try {
            // Written as another instance writes: this instance learns of it only from the log, where it finds the
            // trim (its own writes it delivers from memory while it is the only writer, and trims cannot hide them).
            String uid = java.util.UUID.randomUUID().toString();
            jdbc.queryForObject("select create_resource('Service', 'default', 'after-trim', ?, ?, '\"v\"', 'default',"
                    + " true)", Long.class, uid, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                    + "{\"name\":\"after-trim\",\"namespace\":\"default\",\"uid\":\"" + uid
                    + "\",\"resourceVersion\":\"v\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
            feed.requestPoll();
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .anyMatch(e -> WatchHub.ERROR.equals(e.type())));
            assertThat(received.stream().filter(e -> WatchHub.ERROR.equals(e.type())).findFirst()
                    .orElseThrow().object().path("code").asInt()).isEqualTo(410);
            // The relisted cache has everything, the write that came with the trim included.
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    store.cache().get(ResourceTypes.SERVICE, "default", "after-trim").isPresent());
            assertThat(Json.uid(store.cache().get(ResourceTypes.SERVICE, "default", "after-trim").orElseThrow()))
                    .isEqualTo(uid);
        } finally {
            cancel.run();
            jdbc.update("update change_log_horizon set trimmed_through = least(trimmed_through, ?) where id = 1", far - 1);
        }
    }
}
