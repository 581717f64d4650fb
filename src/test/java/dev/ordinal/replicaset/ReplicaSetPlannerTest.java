package dev.ordinal.replicaset;

import static dev.ordinal.replicaset.Fixtures.NOW;
import static dev.ordinal.replicaset.Fixtures.pod;
import static dev.ordinal.replicaset.Fixtures.replicaSet;
import static dev.ordinal.replicaset.Fixtures.replicationController;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.ReplicaSetAction.AdoptPod;
import dev.ordinal.replicaset.ReplicaSetAction.CreatePods;
import dev.ordinal.replicaset.ReplicaSetAction.DeletePod;
import dev.ordinal.replicaset.ReplicaSetAction.ReleasePod;
import dev.ordinal.replicaset.ReplicaSetAction.UpdateStatus;
import dev.ordinal.replicaset.ReplicaSetPlanner.Plan;
import dev.ordinal.replicaset.ReplicaSetPlanner.Snapshot;
import dev.ordinal.store.NameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ReplicaSetPlannerTest {

    private static Plan plan(ObjectNode set, JsonNode... pods) {
        ReplicaSetKind kind = "ReplicationController".equals(Json.kind(set))
                ? ReplicaSetKind.REPLICATION_CONTROLLER : ReplicaSetKind.REPLICA_SET;
        return ReplicaSetPlanner.plan(new Snapshot(kind, set, List.of(pods)), NOW);
    }

    private static ObjectNode status(Plan plan) {
        List<UpdateStatus> updates = plan.actionsOf(UpdateStatus.class);
        assertThat(updates).hasSize(1);
        assertThat(plan.actions().get(plan.actions().size() - 1)).isInstanceOf(UpdateStatus.class);
        return updates.get(0).status();
    }

    @Nested
    class NamingAndCreation {
        @Test
        void podsGetGenerateNameTemplateAndControllerReference() {
            Plan plan = plan(replicaSet(3));

            CreatePods create = plan.actionsOf(CreatePods.class).get(0);
            ObjectNode pod = create.pod();
            assertThat(create.count()).isEqualTo(3);
            assertThat(Json.str(pod, "metadata", "generateName")).isEqualTo("nginx-");
            assertThat(Json.name(pod)).isNull();
            assertThat(Json.labels(pod)).containsExactlyInAnyOrderEntriesOf(
                    java.util.Map.of("app", "nginx", "tier", "web"));
            assertThat(Json.annotation(pod, "note")).isEqualTo("x");
            assertThat(Json.list(pod, "spec", "containers").get(0).get("image").asString()).isEqualTo("nginx:1.7.9");
            JsonNode ref = Json.controllerRef(pod);
            assertThat(Json.str(ref, "apiVersion")).isEqualTo("apps/v1");
            assertThat(Json.str(ref, "kind")).isEqualTo("ReplicaSet");
            assertThat(Json.str(ref, "name")).isEqualTo("nginx");
            assertThat(Json.str(ref, "uid")).isEqualTo("rs-uid");
            assertThat(Json.bool(ref, "controller")).isTrue();
            assertThat(Json.bool(ref, "blockOwnerDeletion")).isTrue();
        }

        @Test
        void replicationControllerPodsReferenceTheCoreKind() {
            ObjectNode pod = plan(replicationController(3)).actionsOf(CreatePods.class).get(0).pod();

            JsonNode ref = Json.controllerRef(pod);
            assertThat(Json.str(ref, "apiVersion")).isEqualTo("v1");
            assertThat(Json.str(ref, "kind")).isEqualTo("ReplicationController");
            assertThat(Json.str(ref, "uid")).isEqualTo("rc-uid");
        }

        @Test
        void theStoreTurnsGenerateNameIntoFiveRandomConsonantsOrDigits() {
            String prefix = Json.str(plan(replicaSet(1)).actionsOf(CreatePods.class).get(0).pod(),
                    "metadata", "generateName");
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < 50; i++) {
                String name = NameGenerator.generate(prefix);
                assertThat(name).matches("nginx-[bcdfghjklmnpqrstvwxz2456789]{5}");
                names.add(name);
            }
            assertThat(names).hasSizeGreaterThan(45);
        }

        @Test
        void creationsGoInDoublingBatchesCappedAtFiveHundred() {
            assertThat(plan(replicaSet(3)).actionsOf(CreatePods.class).get(0).batches()).containsExactly(1, 2);
            assertThat(SlowStart.batches(20)).containsExactly(1, 2, 4, 8, 5);
            assertThat(SlowStart.batches(0)).isEmpty();
            CreatePods burst = plan(replicaSet(2000)).actionsOf(CreatePods.class).get(0);
            assertThat(burst.count()).isEqualTo(500);
            assertThat(burst.batches()).containsExactly(1, 2, 4, 8, 16, 32, 64, 128, 245);
        }

        @Test
        void aFaultMidwayFinishesItsBatchAndStopsTheRest() {
            List<Integer> calls = new ArrayList<>();
            SlowStart.Outcome outcome = SlowStart.run(SlowStart.batches(20), () -> {
                calls.add(calls.size() + 1);
                if (calls.size() == 5) {
                    throw new IllegalStateException("quota exceeded");
                }
            });

            // Batches 1, 2 and 4 ran (7 calls, the 5th failed inside the third batch); 8 and 5 never started.
            assertThat(calls).hasSize(7);
            assertThat(outcome.attempted()).isEqualTo(7);
            assertThat(outcome.succeeded()).isEqualTo(6);
            assertThat(outcome.errors()).singleElement().extracting(Throwable::getMessage).isEqualTo("quota exceeded");
        }

        @Test
        void aFaultOnTheFirstCallStopsAfterOneCall() {
            SlowStart.Outcome outcome = SlowStart.run(SlowStart.batches(500), () -> {
                throw new IllegalStateException("invalid template");
            });

            assertThat(outcome.attempted()).isEqualTo(1);
            assertThat(outcome.succeeded()).isZero();
            assertThat(outcome.failed()).isTrue();
        }

        @Test
        void onlyTheMissingPodsAreCreated() {
            ObjectNode rs = replicaSet(3);
            Plan plan = plan(rs, pod("a").ownedBy(rs).build());

            assertThat(plan.actionsOf(CreatePods.class).get(0).batches()).containsExactly(1, 1);
        }

        @Test
        void enoughPodsMeansNoCreationOrDeletion() {
            ObjectNode rs = replicaSet(2);
            Plan plan = plan(rs, pod("a").ownedBy(rs).build(), pod("b").ownedBy(rs).build());

            assertThat(plan.actions()).hasSize(1).first().isInstanceOf(UpdateStatus.class);
        }
    }

    @Nested
    class ActivePods {
        @Test
        void failedAndSucceededPodsAreReplacedAndLeftInPlace() {
            ObjectNode rs = replicaSet(2);
            Plan plan = plan(rs, pod("a").ownedBy(rs).build(),
                    pod("failed").ownedBy(rs).node("node-1").phase("Failed").build(),
                    pod("done").ownedBy(rs).node("node-1").phase("Succeeded").build());

            assertThat(plan.actionsOf(CreatePods.class).get(0).count()).isEqualTo(1);
            assertThat(plan.actionsOf(DeletePod.class)).isEmpty();
            assertThat(status(plan).get("replicas").asInt()).isEqualTo(1);
        }

        @Test
        void aTerminatingPodIsReplacedAtOnce() {
            ObjectNode rs = replicaSet(1);
            Plan plan = plan(rs, pod("a").ownedBy(rs).runningReady("node-1", 60).terminating().build());

            assertThat(plan.actionsOf(CreatePods.class).get(0).count()).isEqualTo(1);
            assertThat(plan.claimed()).isEmpty();
        }
    }

    @Nested
    class AdoptionAndRelease {
        @Test
        void anOrphanMatchingTheSelectorIsAdoptedAndCounted() {
            ObjectNode rs = replicaSet(1);
            Plan plan = plan(rs, pod("orphan").build());

            AdoptPod adopt = plan.actionsOf(AdoptPod.class).get(0);
            assertThat(adopt.podName()).isEqualTo("orphan");
            assertThat(adopt.podUid()).isEqualTo("uid-orphan");
            assertThat(Json.str(adopt.ownerReference(), "uid")).isEqualTo("rs-uid");
            assertThat(Json.bool(adopt.ownerReference(), "controller")).isTrue();
            assertThat(plan.actionsOf(CreatePods.class)).isEmpty();
            assertThat(Json.str(Json.controllerRef(plan.claimed().get(0)), "uid")).isEqualTo("rs-uid");
        }

        @Test
        void orphansThatDoNotMatchOrAreTerminatingAreLeftAlone() {
            Plan plan = plan(replicaSet(1), pod("other").labels("app", "redis").build(),
                    pod("going").terminating().build());

            assertThat(plan.actionsOf(AdoptPod.class)).isEmpty();
            assertThat(plan.actionsOf(CreatePods.class).get(0).count()).isEqualTo(1);
        }

        @Test
        void podsControlledBySomeoneElseAreIgnored() {
            Plan plan = plan(replicaSet(1), pod("theirs").controlledBy("ReplicaSet", "other", "other-uid").build());

            assertThat(plan.actionsOf(AdoptPod.class)).isEmpty();
            assertThat(plan.actionsOf(ReleasePod.class)).isEmpty();
            assertThat(plan.claimed()).isEmpty();
        }

        @Test
        void anOwnedPodWhoseLabelsStopMatchingIsReleasedAndReplaced() {
            ObjectNode rs = replicaSet(1);
            Plan plan = plan(rs, pod("debug").ownedBy(rs).labels("app", "debugging").build());

            ReleasePod release = plan.actionsOf(ReleasePod.class).get(0);
            assertThat(release.podName()).isEqualTo("debug");
            assertThat(release.ownerUid()).isEqualTo("rs-uid");
            assertThat(plan.actionsOf(CreatePods.class).get(0).count()).isEqualTo(1);
        }

        @Test
        void aSetBeingDeletedNeitherAdoptsReleasesCreatesNorDeletes() {
            ObjectNode rs = replicaSet(5);
            Json.meta(rs).put("deletionTimestamp", Json.time(NOW));
            Plan plan = plan(rs, pod("orphan").build(), pod("debug").ownedBy(rs).labels("app", "x").build(),
                    pod("kept").ownedBy(rs).build());

            assertThat(plan.actions()).hasSize(1).first().isInstanceOf(UpdateStatus.class);
            assertThat(status(plan).get("replicas").asInt()).isEqualTo(1);
        }

        @Test
        void aReplicationControllerSelectsByItsLabelMap() {
            ObjectNode rc = replicationController(1);
            Plan plan = plan(rc, pod("orphan").labels("app", "nginx").build(), pod("no").labels("app", "x").build());

            assertThat(plan.actionsOf(AdoptPod.class)).extracting(AdoptPod::podName).containsExactly("orphan");
        }

        @Test
        void aReplicationControllerWithoutSelectorUsesItsTemplateLabels() {
            ObjectNode rc = replicationController(1);
            ((ObjectNode) rc.get("spec")).remove("selector");
            Plan plan = plan(rc, pod("orphan").labels("app", "nginx").build());

            assertThat(plan.actionsOf(AdoptPod.class)).hasSize(1);
        }

        @Test
        void matchExpressionsAreHonoured() {
            ObjectNode rs = replicaSet(2);
            ObjectNode selector = ((ObjectNode) rs.get("spec")).putObject("selector");
            selector.putArray("matchExpressions").addObject().put("key", "app").put("operator", "In")
                    .putArray("values").add("nginx").add("web");
            Plan plan = plan(rs, pod("a").labels("app", "web").build(), pod("b").labels("app", "db").build());

            assertThat(plan.actionsOf(AdoptPod.class)).extracting(AdoptPod::podName).containsExactly("a");
        }

        @Test
        void anEmptySelectorSelectsNothing() {
            ObjectNode rs = replicaSet(1);
            ((ObjectNode) rs.get("spec")).putObject("selector");
            Plan plan = plan(rs, pod("orphan").build());

            assertThat(plan.actionsOf(AdoptPod.class)).isEmpty();
        }
    }

    @Nested
    class Status {
        @Test
        void countsReplicasLabelsReadinessAndAvailability() {
            ObjectNode rs = replicaSet(4);
            ((ObjectNode) rs.get("spec")).put("minReadySeconds", 30);
            Plan plan = plan(rs,
                    pod("available").ownedBy(rs).runningReady("node-1", 100).build(),
                    pod("fresh").ownedBy(rs).runningReady("node-2", 5).build(),
                    pod("starting").ownedBy(rs).node("node-3").phase("Running").notReady().build(),
                    pod("partial").ownedBy(rs).labels("app", "nginx").build(),
                    pod("failed").ownedBy(rs).phase("Failed").build());

            ObjectNode status = status(plan);
            assertThat(status.get("replicas").asInt()).isEqualTo(4);
            assertThat(status.get("fullyLabeledReplicas").asInt()).isEqualTo(3);
            assertThat(status.get("readyReplicas").asInt()).isEqualTo(2);
            assertThat(status.get("availableReplicas").asInt()).isEqualTo(1);
            assertThat(status.get("observedGeneration").asLong()).isEqualTo(4);
            assertThat(status.has("conditions")).isFalse();
            // "fresh" becomes available 30 s after it became Ready, 25 s from now.
            assertThat(plan.requeueAfter()).isEqualTo(Duration.ofSeconds(25).plusMillis(1));
        }

        @Test
        void zeroCountsAreLeftOutButReplicasIsAlwaysThere() {
            ObjectNode status = status(plan(replicaSet(0)));

            assertThat(status.get("replicas").asInt()).isZero();
            assertThat(status.has("readyReplicas")).isFalse();
            assertThat(status.has("availableReplicas")).isFalse();
        }

        @Test
        void withoutMinReadySecondsThereIsNothingToWaitFor() {
            ObjectNode rs = replicaSet(1);
            Plan plan = plan(rs, pod("a").ownedBy(rs).runningReady("node-1", 0).build());

            assertThat(status(plan).get("availableReplicas").asInt()).isEqualTo(1);
            assertThat(plan.requeueAfter()).isNull();
        }

        @Test
        void aFailureAddsReplicaFailureOnceAndSuccessClearsIt() {
            ObjectNode rs = replicaSet(1);
            ObjectNode computed = status(plan(rs));
            ObjectNode failed = ReplicaSetStatusCalculator.withFailure(computed, rs, "FailedCreate",
                    "pods \"nginx-\" is forbidden: exceeded quota", NOW);

            JsonNode condition = failed.get("conditions").get(0);
            assertThat(Json.str(condition, "type")).isEqualTo("ReplicaFailure");
            assertThat(Json.str(condition, "status")).isEqualTo("True");
            assertThat(Json.str(condition, "reason")).isEqualTo("FailedCreate");
            assertThat(Json.str(condition, "message")).isEqualTo("pods \"nginx-\" is forbidden: exceeded quota");

            rs.set("status", failed);
            ObjectNode again = ReplicaSetStatusCalculator.withFailure(status(plan(rs)), rs, "FailedCreate",
                    "another message", NOW.plusSeconds(60));
            assertThat(again.get("conditions")).hasSize(1);
            assertThat(Json.str(again.get("conditions").get(0), "message"))
                    .isEqualTo("pods \"nginx-\" is forbidden: exceeded quota");

            assertThat(status(plan(rs)).has("conditions")).isFalse();
        }
    }

    @Nested
    class ScaleDown {
        @Test
        void scalingThreeToOneDeletesTheTwoLowestRanked() {
            ObjectNode rs = replicaSet(1);
            Plan plan = plan(rs,
                    pod("old-ready").ownedBy(rs).runningReady("node-1", 600).build(),
                    pod("not-ready").ownedBy(rs).node("node-2").phase("Running").notReady().build(),
                    pod("pending").ownedBy(rs).build());

            assertThat(plan.actionsOf(DeletePod.class)).extracting(DeletePod::podName)
                    .containsExactly("pending", "not-ready");
            assertThat(plan.actionsOf(DeletePod.class).get(0).podUid()).isEqualTo("uid-pending");
            assertThat(plan.actionsOf(CreatePods.class)).isEmpty();
        }

        @Test
        void scalingToZeroDeletesEveryPod() {
            ObjectNode rs = replicaSet(0);
            Plan plan = plan(rs, pod("a").ownedBy(rs).build(), pod("b").ownedBy(rs).build());

            assertThat(plan.actionsOf(DeletePod.class)).extracting(DeletePod::podName)
                    .containsExactlyInAnyOrder("a", "b");
        }
    }
}
