package dev.ordinal.store;

import static dev.ordinal.store.StoreFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A controller pass's writes in one transaction, each a step of its own: a failed step is undone alone and the rest
 * commit together, unseen by anyone else until then.
 */
@IntegrationTest
class WriteInStepsIT {
    @Autowired
    ResourceStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ResourceRows rows;

    private long storedRows(String name) {
        // Another thread, so another connection: what everyone else sees.
        return CompletableFuture.supplyAsync(() -> jdbc.queryForObject(
                "select count(*) from resource where kind = 'Service' and name = ?", Long.class, name)).join();
    }

    @Test
    void aFailedStepIsUndoneAloneAndTheOthersCommitTogetherUnseenUntilThen() {
        store.create(ResourceTypes.SERVICE, "default", service("steps-taken"));
        long[] seenMeanwhile = new long[2];
        store.writeInSteps(() -> {
            store.create(ResourceTypes.SERVICE, "default", service("steps-a"));
            assertThatThrownBy(() -> store.create(ResourceTypes.SERVICE, "default", service("steps-taken")))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(409));
            // The group's own writes are seen by its thread, and a second write builds on the first.
            ObjectNode labelled = store.modify(ResourceTypes.SERVICE, "default", "steps-a", false,
                    s -> Json.with(s, "metadata", "labels").put("step", "2")).orElseThrow();
            assertThat(Json.labels(labelled)).containsEntry("step", "2");
            store.create(ResourceTypes.SERVICE, "default", service("steps-b"));
            seenMeanwhile[0] = storedRows("steps-a");
            seenMeanwhile[1] = storedRows("steps-b");
        });
        assertThat(seenMeanwhile).containsExactly(0, 0);
        assertThat(storedRows("steps-a")).isEqualTo(1);
        assertThat(storedRows("steps-b")).isEqualTo(1);
        assertThat(Json.labels(store.find(ResourceTypes.SERVICE, "default", "steps-a").orElseThrow()))
                .containsEntry("step", "2");
        assertThat(store.get(ResourceTypes.SERVICE, "default", "steps-b")).isNotNull();
    }

    /** A namespace whose quota allows two pods, once the quota controller has computed its usage. */
    private void quotaOfTwoPods(String ns) {
        store.create(ResourceTypes.NAMESPACE, null,
                Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}"));
        store.create(ResourceTypes.RESOURCE_QUOTA, ns, Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"ResourceQuota\","
                + "\"metadata\":{\"name\":\"pods\"},\"spec\":{\"hard\":{\"pods\":\"2\"}}}"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> store
                .find(ResourceTypes.RESOURCE_QUOTA, ns, "pods").map(q -> Json.str(q, "status", "used", "pods"))
                .isPresent());
    }

    private static ObjectNode pod(String name) {
        return Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
    }

    @Test
    void podsCreatedInOneGroupAreChargedToAQuotaOneAfterAnother() {
        String ns = "steps-quota";
        quotaOfTwoPods(ns);
        java.util.List<Integer> refused = new java.util.ArrayList<>();
        store.writeInSteps(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    store.create(ResourceTypes.POD, ns, pod("p" + i));
                } catch (ApiException e) {
                    assertThat(e.code()).isEqualTo(403);
                    refused.add(i);
                }
            }
        });
        // Each create charged the quota as the group's earlier creates left it: no conflict to wait out.
        assertThat(refused).containsExactly(2);
        assertThat(Json.str(store.get(ResourceTypes.RESOURCE_QUOTA, ns, "pods"), "status", "used", "pods"))
                .isEqualTo("2");
    }

    @Test
    void aStepThatFailsAfterWritingIsUndoneWholeWithTheWritesInsideIt() {
        store.writeInSteps(() -> {
            store.create(ResourceTypes.SERVICE, "default", service("steps-d"));
            // A step whose write (a step inside it) succeeded, and which then fails: both are undone.
            assertThatThrownBy(() -> rows.step(() -> {
                store.create(ResourceTypes.SERVICE, "default", service("steps-inner"));
                throw new IllegalStateException("the outer step failed");
            }, false)).isInstanceOf(IllegalStateException.class);
            store.create(ResourceTypes.SERVICE, "default", service("steps-e"));
        });
        assertThat(storedRows("steps-d")).isEqualTo(1);
        assertThat(storedRows("steps-inner")).isZero();
        assertThat(storedRows("steps-e")).isEqualTo(1);
    }

    @Test
    void aDryRunInsideAGroupStoresNothingAndTheGroupGoesOn() {
        store.writeInSteps(() -> {
            ObjectNode answered = store.dryRun(() ->
                    store.create(ResourceTypes.SERVICE, "default", service("steps-dry")));
            assertThat(Json.name(answered)).isEqualTo("steps-dry");
            store.create(ResourceTypes.SERVICE, "default", service("steps-f"));
        });
        assertThat(storedRows("steps-dry")).isZero();
        assertThat(storedRows("steps-f")).isEqualTo(1);
    }

    private static ObjectStore.Create svc(String name, boolean existsOk) {
        return new ObjectStore.Create(ResourceTypes.SERVICE, "default", service(name), existsOk);
    }

    @Test
    void createsSentTogetherEachFailAloneAndStopWhereOneAloneWouldHaveStopped() {
        store.create(ResourceTypes.SERVICE, "default", service("all-taken"));
        java.util.List<ObjectStore.Created> answers = new java.util.ArrayList<>();
        store.writeInSteps(() -> answers.addAll(store.createAll(java.util.List.of(svc("all-a", false),
                svc("all-taken", true), svc("all-b", false), svc("all-taken", false), svc("all-c", false)))));
        // A name taken where that is wanted goes on; where it is not, it stops the run: all-c is never tried.
        assertThat(answers).hasSize(4);
        assertThat(Json.name(answers.get(0).get())).isEqualTo("all-a");
        assertThat(answers.get(0).get().path("metadata").path("resourceVersion").asString()).isNotEmpty();
        for (int taken : new int[] {1, 3}) {
            assertThat(answers.get(taken).failure()).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.reason()).isEqualTo("AlreadyExists"));
        }
        assertThat(Long.parseLong(Json.str(answers.get(2).get(), "metadata", "resourceVersion")))
                .isGreaterThan(Long.parseLong(Json.str(answers.get(0).get(), "metadata", "resourceVersion")));
        assertThat(storedRows("all-a")).isEqualTo(1);
        assertThat(storedRows("all-b")).isEqualTo(1);
        assertThat(storedRows("all-c")).isZero();
        assertThat(store.find(ResourceTypes.SERVICE, "default", "all-b")).isPresent();
    }

    @Test
    void createsSentTogetherInAPlainTransactionCommitWithItAndEachFailsAlone() {
        store.create(ResourceTypes.SERVICE, "default", service("together-taken"));
        java.util.List<ObjectStore.Created> answers = new java.util.ArrayList<>();
        store.writeTogether(() -> answers.addAll(store.createAll(java.util.List.of(svc("together-a", false),
                svc("together-taken", true), svc("together-b", false)))));
        assertThat(answers).hasSize(3);
        assertThat(answers.get(1).failure()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.reason()).isEqualTo("AlreadyExists"));
        assertThat(storedRows("together-a")).isEqualTo(1);
        assertThat(storedRows("together-b")).isEqualTo(1);
    }

    @Test
    void anInvalidCreateInARunFailsAsAloneAfterTheCreatesBeforeItAndStopsTheRest() {
        java.util.List<ObjectStore.Created> answers = new java.util.ArrayList<>();
        store.writeInSteps(() -> answers.addAll(store.createAll(java.util.List.of(svc("run-a", false),
                svc("Run_Invalid", false), svc("run-c", false)))));
        assertThat(answers).hasSize(2);
        assertThat(Json.name(answers.get(0).get())).isEqualTo("run-a");
        assertThat(answers.get(1).failure()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(422));
        assertThat(storedRows("run-a")).isEqualTo(1);
        assertThat(storedRows("run-c")).isZero();
        // In a namespace that does not exist, the first create fails as alone would, and nothing is stored.
        java.util.List<ObjectStore.Created> missing = new java.util.ArrayList<>();
        store.writeInSteps(() -> missing.addAll(store.createAll(java.util.List.of(
                new ObjectStore.Create(ResourceTypes.SERVICE, "no-such-ns", service("gone-a"), false),
                new ObjectStore.Create(ResourceTypes.SERVICE, "no-such-ns", service("gone-b"), false)))));
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).failure()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void aGroupThatThrowsCommitsNothing() {
        assertThatThrownBy(() -> store.writeInSteps(() -> {
            store.create(ResourceTypes.SERVICE, "default", service("steps-c"));
            throw new IllegalStateException("the pass failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(storedRows("steps-c")).isZero();
        assertThat(store.find(ResourceTypes.SERVICE, "default", "steps-c")).isEmpty();
    }
}
