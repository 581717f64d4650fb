package dev.ordinal.store;

import static dev.ordinal.store.StoreFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * A writer reads its own committed writes at once, before the informer cache has applied them (client-go's
 * MutationCache): the change feed is held behind a gate object while the test writes, so the cache provably lags.
 */
@IntegrationTest
class OwnWritesIT {
    @Autowired
    ResourceStore store;

    @Autowired
    ChangeFeed feed;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private static long version(ObjectNode o) {
        return Long.parseLong(Json.str(o, "metadata", "resourceVersion"));
    }

    /** Runs {@code writes} while the feed is stopped right after applying a gate object's creation. */
    private void withFeedHeld(String gate, Runnable writes) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Consumer<WatchEvent> hold = e -> {
            if (gate.equals(Json.name(e.object()))) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        feed.subscribe(hold);
        try {
            store.create(ResourceTypes.SERVICE, "default", service(gate));
            assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
            writes.run();
        } finally {
            release.countDown();
            feed.unsubscribe(hold);
        }
    }

    @Test
    void aCreatedObjectCanBeEditedAndDeletedBeforeTheCacheHasSeenIt() throws Exception {
        long[] last = new long[1];
        withFeedHeld("own-gate-1", () -> {
            ObjectNode created = store.create(ResourceTypes.SERVICE, "default", service("own-1"));
            assertThat(store.cache().version()).isLessThan(version(created));
            assertThat(store.cache().get(ResourceTypes.SERVICE, "default", "own-1")).isEmpty();

            ObjectNode labelled = store.modify(ResourceTypes.SERVICE, "default", "own-1", false,
                    s -> Json.meta(s).putObject("labels").put("step", "1")).orElseThrow();
            ObjectNode relabelled = store.modify(ResourceTypes.SERVICE, "default", "own-1", false,
                    s -> Json.with(s, "metadata", "labels").put("step", Json.labels(s).get("step") + "2")).orElseThrow();
            assertThat(version(labelled)).isGreaterThan(version(created));
            assertThat(Json.labels(relabelled)).containsEntry("step", "12");
            assertThat(Json.labels(store.find(ResourceTypes.SERVICE, "default", "own-1").orElseThrow()))
                    .containsEntry("step", "12");

            store.delete(ResourceTypes.SERVICE, "default", "own-1", null);
            assertThat(store.find(ResourceTypes.SERVICE, "default", "own-1")).isEmpty();
            last[0] = store.cache().version();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> store.cache().version() > last[0]);
        assertThat(store.find(ResourceTypes.SERVICE, "default", "own-1")).isEmpty();
    }

    @Test
    void whatAReaderGetsIsItsOwnCopy() throws Exception {
        withFeedHeld("own-gate-2", () -> {
            store.create(ResourceTypes.SERVICE, "default", service("own-2"));
            Json.meta(store.find(ResourceTypes.SERVICE, "default", "own-2").orElseThrow()).put("name", "changed");
            assertThat(Json.name(store.find(ResourceTypes.SERVICE, "default", "own-2").orElseThrow()))
                    .isEqualTo("own-2");
        });
    }

    @Test
    void anUpdateBuiltOnAStaleViewIsMadeAgainstTheStoredRowInstead() {
        store.create(ResourceTypes.SERVICE, "default", service("own-4"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> store.cache().get(ResourceTypes.SERVICE, "default", "own-4").isPresent());
        ObjectNode seen = store.find(ResourceTypes.SERVICE, "default", "own-4").orElseThrow();
        // Another writer's change that this instance's cache and own writes know nothing about.
        jdbc.update("with v as (select take_resource_version() as v) update resource r set resource_version = v.v,"
                + " body = jsonb_set(jsonb_set(r.body::jsonb, '{metadata,labels}', '{\"external\":\"yes\"}'),"
                + " '{metadata,resourceVersion}', to_jsonb(v.v::text))::json from v"
                + " where kind = 'Service' and namespace = 'default' and name = 'own-4'");

        ObjectNode stale = Json.copy(seen);
        Json.with(stale, "metadata", "labels").put("mine", "yes");
        assertThatThrownBy(() -> store.update(ResourceTypes.SERVICE, "default", "own-4", stale, false))
                .isInstanceOfSatisfying(dev.ordinal.core.ApiException.class, e -> assertThat(e.code()).isEqualTo(409));

        Json.meta(stale).remove("resourceVersion");
        ObjectNode unconditional = store.update(ResourceTypes.SERVICE, "default", "own-4", stale, false);
        assertThat(Json.labels(unconditional)).containsEntry("mine", "yes").doesNotContainKey("external");
        ObjectNode edited = store.modify(ResourceTypes.SERVICE, "default", "own-4", false,
                s -> Json.with(s, "metadata", "labels").put("again", "yes")).orElseThrow();
        assertThat(Json.labels(edited)).containsEntry("mine", "yes").containsEntry("again", "yes");
        String stored = jdbc.queryForObject("select body::text from resource where kind = 'Service'"
                + " and namespace = 'default' and name = 'own-4'", String.class);
        assertThat(Json.parse(stored)).isEqualTo(edited);
    }

    @Test
    void aWriteThatRolledBackIsNeverSeen() throws Exception {
        withFeedHeld("own-gate-3", () -> {
            assertThatThrownBy(() -> store.writeTogether(() -> {
                store.create(ResourceTypes.SERVICE, "default", service("own-3"));
                throw new IllegalStateException("roll back");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.find(ResourceTypes.SERVICE, "default", "own-3")).isEmpty();
        });
    }
}
