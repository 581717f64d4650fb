package dev.ordinal.statefulset;

import java.time.Duration;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.CreateClaim;
import dev.ordinal.statefulset.StatefulSetAction.CreatePod;
import dev.ordinal.statefulset.StatefulSetAction.DeletePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateClaimOwnerRefs;
import dev.ordinal.statefulset.StatefulSetAction.UpdatePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateStatus;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static dev.ordinal.statefulset.StatefulSetFixtures.setReplicas;
import static dev.ordinal.statefulset.StatefulSetFixtures.setRetention;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scaling, identity, recreation, retention and status of the StatefulSet planner, in the style of Kubernetes'
 * stateful_set_control_test.go: every scenario under OrderedReady and Parallel, invariants checked after every pass by
 * {@link StatefulSetFakeCluster}.
 */
class StatefulSetPlannerTest {

    private static StatefulSetFakeCluster cluster(Policy policy, int replicas) {
        return new StatefulSetFakeCluster(nginx(policy, replicas));
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void createsPodsFromZeroToThreeWithTheirClaims(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(c.claims.keySet()).containsExactly("www-nginx-0", "www-nginx-1", "www-nginx-2");
        assertThat(c.creations()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        for (int i = 0; i < 3; i++) {
            assertThat(c.claimOf("nginx-" + i)).isEqualTo("www-nginx-" + i);
        }
        JsonNode status = c.set.get("status");
        assertThat(status.get("replicas").asInt()).isEqualTo(3);
        assertThat(status.get("readyReplicas").asInt()).isEqualTo(3);
        assertThat(status.get("availableReplicas").asInt()).isEqualTo(3);
        assertThat(status.get("currentReplicas").asInt()).isEqualTo(3);
        assertThat(status.get("updatedReplicas").asInt()).isEqualTo(3);
        assertThat(Json.str(status, "currentRevision")).isEqualTo(Json.str(status, "updateRevision"));
        assertThat(status.get("observedGeneration").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void newPodCarriesIdentityOwnerAndVolumes(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 1);
        c.step();
        ObjectNode pod = c.pods.get("nginx-0");
        assertThat(Json.labels(pod)).containsEntry("app", "nginx")
                .containsEntry("statefulset.kubernetes.io/pod-name", "nginx-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0")
                .containsEntry("controller-revision-hash", Json.str(c.set, "status", "updateRevision"));
        JsonNode ref = Json.controllerRef(pod);
        assertThat(Json.str(ref, "kind")).isEqualTo("StatefulSet");
        assertThat(Json.str(ref, "uid")).isEqualTo(StatefulSetFixtures.SET_UID);
        assertThat(ref.get("blockOwnerDeletion").asBoolean()).isTrue();
        assertThat(Json.str(pod, "spec", "hostname")).isEqualTo("nginx-0");
        assertThat(Json.str(pod, "spec", "subdomain")).isEqualTo("nginx");
        assertThat(Json.str(Json.list(pod, "spec", "volumes").get(0), "name")).isEqualTo("www");
        ObjectNode claim = c.claims.get("www-nginx-0");
        assertThat(Json.labels(claim)).containsEntry("app", "nginx");
        assertThat(Json.str(claim, "spec", "storageClassName")).isEqualTo("standard");
        assertThat(Json.list(claim, "metadata", "ownerReferences")).as("Retain sets no owner").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void claimIsCreatedBeforeItsPod(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 1);
        StatefulSetPlan plan = c.step();
        List<StatefulSetAction> writes = plan.actions().stream()
                .filter(a -> a instanceof CreateClaim || a instanceof CreatePod).toList();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).isInstanceOf(CreateClaim.class);
        assertThat(((CreateClaim) writes.get(0)).podName()).isEqualTo("nginx-0");
        assertThat(writes.get(1)).isInstanceOf(CreatePod.class);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void orderedReadyWaitsForEachPodButParallelCreatesAllAtOnce(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.step();
        if (policy.monotonic()) {
            assertThat(c.pods.keySet()).containsExactly("nginx-0");
            c.step();
            assertThat(c.pods.keySet()).as("nginx-0 is still Pending").containsExactly("nginx-0");
            c.ready("nginx-0");
            c.step();
            assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1");
        } else {
            assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void unhealthyPredecessorHaltsCreationOnlyUnderOrderedReady(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.neverReady.add("nginx-0");
        for (int i = 0; i < 5; i++) {
            c.step();
            c.kubelet();
        }
        if (policy.monotonic()) {
            assertThat(c.pods.keySet()).containsExactly("nginx-0");
        } else {
            assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void minReadySecondsDelaysTheSuccessorAndAsksForARequeue(Policy policy) {
        ObjectNode set = nginx(policy, 2);
        Json.with(set, "spec").put("minReadySeconds", 10);
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.step();
        c.kubelet();
        StatefulSetPlan plan = c.step();
        assertThat(plan.requeueAfter()).isNotNull();
        assertThat(plan.requeueAfter()).isGreaterThan(Duration.ofSeconds(9)).isLessThanOrEqualTo(Duration.ofSeconds(11));
        if (policy.monotonic()) {
            assertThat(c.pods).doesNotContainKey("nginx-1");
            c.advance(Duration.ofSeconds(11));
            c.step();
            assertThat(c.pods).containsKey("nginx-1");
        } else {
            assertThat(c.pods).containsKey("nginx-1");
        }
        assertThat(c.set.get("status").get("availableReplicas").asInt()).isLessThan(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void ordinalsStartShiftsNamesAndClaims(Policy policy) {
        ObjectNode set = nginx(policy, 2);
        Json.with(set, "spec", "ordinals").put("start", 5);
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.converge(20);
        assertThat(c.pods.keySet()).containsExactly("nginx-5", "nginx-6");
        assertThat(c.claims.keySet()).containsExactly("www-nginx-5", "www-nginx-6");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void scaleInRemovesHighestFirstAndKeepsClaims(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        c.gracefulDeletion = true;
        setReplicas(c.set, 1);
        c.step();
        if (policy.monotonic()) {
            assertThat(c.deletions()).containsExactly("nginx-2");
            c.step();
            assertThat(c.deletions()).as("nginx-1 waits while nginx-2 terminates").containsExactly("nginx-2");
            c.finishTerminations();
            c.step();
            assertThat(c.deletions()).containsExactly("nginx-2", "nginx-1");
        } else {
            assertThat(c.deletions()).containsExactly("nginx-2", "nginx-1");
        }
        c.converge(20);
        assertThat(c.pods.keySet()).containsExactly("nginx-0");
        assertThat(c.claims.keySet()).containsExactly("www-nginx-0", "www-nginx-1", "www-nginx-2");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void scaleOutAfterScaleInReusesTheClaims(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        setReplicas(c.set, 1);
        c.converge(20);
        setReplicas(c.set, 3);
        c.converge(20);
        assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(c.log.stream().filter(l -> l.startsWith("create claim"))).hasSize(3);
        assertThat(c.claimOf("nginx-2")).isEqualTo("www-nginx-2");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void scaleInWaitsForAnUnhealthyPredecessorUnderOrderedReady(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        c.unready("nginx-0");
        setReplicas(c.set, 2);
        c.step();
        if (policy.monotonic()) {
            assertThat(c.deletions()).as("web-2 is not terminated while web-0 is not Ready").isEmpty();
            c.ready("nginx-0");
            c.step();
        }
        assertThat(c.deletions()).containsExactly("nginx-2");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void recreatedPodReusesItsClaim(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        String oldUid = Json.uid(c.pods.get("nginx-1"));
        c.phase("nginx-1", "Failed");
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(DeletePod.class)).extracting(DeletePod::name).containsExactly("nginx-1");
        c.converge(20);
        assertThat(Json.uid(c.pods.get("nginx-1"))).isNotEqualTo(oldUid);
        assertThat(c.claimOf("nginx-1")).isEqualTo("www-nginx-1");
        assertThat(c.log.stream().filter(l -> l.startsWith("create claim"))).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void succeededPodIsRecreatedToo(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 2);
        c.converge(20);
        c.phase("nginx-0", "Succeeded");
        c.converge(20);
        assertThat(c.deletions()).containsExactly("nginx-0");
        assertThat(c.creations()).containsExactly("nginx-0", "nginx-1", "nginx-0");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void failedPredecessorBlocksSuccessorsUnderOrderedReady(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.step();
        c.kubelet();
        c.step();
        c.phase("nginx-0", "Failed");
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(DeletePod.class)).extracting(DeletePod::name).contains("nginx-0");
        if (policy.monotonic()) {
            assertThat(plan.of(CreatePod.class)).isEmpty();
        }
        c.converge(20);
        assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void terminatingPodBlocksOrderedReadyProgress(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        Json.meta(c.pods.get("nginx-0")).put("deletionTimestamp", Json.time(c.now));
        setReplicas(c.set, 2);
        c.step();
        if (policy.monotonic()) {
            assertThat(c.deletions()).isEmpty();
        } else {
            assertThat(c.deletions()).containsExactly("nginx-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void failedCreateMidwayConvergesAfterRetry(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.failCreates(2, name -> name.equals("nginx-1") || name.equals("www-nginx-2"));
        c.converge(30);
        assertThat(c.log).contains("failed create nginx-1");
        assertThat(c.pods.keySet()).containsExactly("nginx-0", "nginx-1", "nginx-2");
        assertThat(c.claims.keySet()).containsExactly("www-nginx-0", "www-nginx-1", "www-nginx-2");
        assertThat(c.creations()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void statusIsWrittenOnlyWhenItChanges(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 2);
        c.converge(20);
        StatefulSetPlan plan = c.step();
        assertThat(plan.actions()).isEmpty();
        c.unready("nginx-1");
        plan = c.step();
        assertThat(plan.of(UpdateStatus.class)).hasSize(1);
        assertThat(plan.of(UpdateStatus.class).get(0).status().get("readyReplicas").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void orphanMatchingSelectorAndNameIsAdopted(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 1);
        String revision = StatefulSetRevisions.name("nginx", StatefulSetRevisions.patch(c.view().template()), 0);
        ObjectNode orphan = StatefulPods.newPod(c.view(), c.view().template(), revision, 0);
        Json.meta(orphan).remove("ownerReferences");
        Json.meta(orphan).put("uid", "orphan-uid");
        orphan.putObject("status").put("phase", "Pending");
        c.pods.put("nginx-0", orphan);
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(UpdatePod.class)).anySatisfy(u -> assertThat(u.controllerRef()).isNotNull());
        assertThat(Json.str(Json.controllerRef(c.pods.get("nginx-0")), "uid")).isEqualTo(StatefulSetFixtures.SET_UID);
        assertThat(plan.of(CreatePod.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void podOwnedByAnotherControllerIsLeftAlone(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 1);
        ObjectNode other = StatefulPods.newPod(c.view(), c.view().template(), "x", 0);
        ((ObjectNode) Json.meta(other).get("ownerReferences").get(0)).put("uid", "someone-else");
        Json.meta(other).put("uid", "other-uid");
        c.pods.put("nginx-0", other);
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(UpdatePod.class)).isEmpty();
        assertThat(plan.of(DeletePod.class)).isEmpty();
        assertThat(plan.of(CreatePod.class)).as("the name is taken: the set waits for it").isEmpty();
        assertThat(Json.uid(c.pods.get("nginx-0"))).isEqualTo("other-uid");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void lostIdentityLabelIsRepaired(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 1);
        c.converge(20);
        Json.with(c.pods.get("nginx-0"), "metadata", "labels").remove("statefulset.kubernetes.io/pod-name");
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(UpdatePod.class)).hasSize(1);
        assertThat(Json.labels(c.pods.get("nginx-0"))).containsEntry("statefulset.kubernetes.io/pod-name", "nginx-0");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void retentionDeleteDeleteOwnsInRangeClaimsBySetAndCondemnedByPod(Policy policy) {
        ObjectNode set = nginx(policy, 2);
        setRetention(set, "Delete", "Delete");
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.converge(20);
        JsonNode ref = Json.list(c.claims.get("www-nginx-1"), "metadata", "ownerReferences").get(0);
        assertThat(Json.str(ref, "kind")).isEqualTo("StatefulSet");
        setReplicas(c.set, 1);
        c.gracefulDeletion = true;
        StatefulSetPlan plan = c.step();
        List<StatefulSetAction> writes = plan.actions().stream()
                .filter(a -> a instanceof UpdateClaimOwnerRefs || a instanceof DeletePod).toList();
        assertThat(writes.get(0)).as("the claim is given to the pod before the pod is deleted")
                .isInstanceOf(UpdateClaimOwnerRefs.class);
        List<JsonNode> refs = Json.list(c.claims.get("www-nginx-1"), "metadata", "ownerReferences");
        assertThat(refs).hasSize(1);
        assertThat(Json.str(refs.get(0), "kind")).isEqualTo("Pod");
        c.finishTerminations();
        assertThat(c.claims).as("the garbage collector removed the claim with its pod")
                .doesNotContainKey("www-nginx-1");
        c.converge(20);
        assertThat(c.claims).containsKey("www-nginx-0");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void retentionRetainDeleteOwnsEveryClaimBySet(Policy policy) {
        ObjectNode set = nginx(policy, 2);
        setRetention(set, "Retain", "Delete");
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.converge(20);
        setReplicas(c.set, 1);
        c.converge(20);
        assertThat(c.claims.keySet()).containsExactly("www-nginx-0", "www-nginx-1");
        for (ObjectNode claim : c.claims.values()) {
            assertThat(Json.list(claim, "metadata", "ownerReferences")).singleElement()
                    .satisfies(r -> assertThat(Json.str(r, "kind")).isEqualTo("StatefulSet"));
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void staleClaimOfAScaledDownPodBlocksItsRecreation(Policy policy) {
        ObjectNode set = nginx(policy, 1);
        setRetention(set, "Delete", "Retain");
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(set);
        c.converge(20);
        ObjectNode claim = c.claims.get("www-nginx-0");
        Json.meta(claim).putArray("ownerReferences").addObject().put("kind", "Pod").put("name", "nginx-0")
                .put("uid", "old-pod");
        c.pods.clear();
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(CreatePod.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void deletingTheSetDeletesPodsHighestFirstAndKeepsClaims(Policy policy) {
        StatefulSetFakeCluster c = cluster(policy, 3);
        c.converge(20);
        c.gracefulDeletion = true;
        Json.meta(c.set).put("deletionTimestamp", Json.time(c.now));
        c.step();
        if (policy.monotonic()) {
            assertThat(c.deletions()).containsExactly("nginx-2");
            c.step();
            assertThat(c.deletions()).containsExactly("nginx-2");
            c.finishTerminations();
            c.step();
            c.finishTerminations();
            c.step();
        }
        assertThat(c.deletions()).containsExactly("nginx-2", "nginx-1", "nginx-0");
        c.finishTerminations();
        assertThat(c.pods).isEmpty();
        assertThat(c.claims).hasSize(3);
    }

    @Test
    void orphanedPodsOfAGoneSetAreDeletedHighestFirstOneAtATime() {
        StatefulSetFakeCluster c = cluster(Policy.ORDERED_READY, 3);
        c.converge(20);
        List<String> deleted = new java.util.ArrayList<>();
        for (int pass = 0; pass < 10 && !c.pods.isEmpty(); pass++) {
            StatefulSetPlan plan = StatefulSetPlanner.planOrphaned(List.copyOf(c.pods.values()));
            assertThat(plan.of(DeletePod.class)).hasSizeLessThanOrEqualTo(1);
            plan.of(DeletePod.class).forEach(d -> {
                deleted.add(d.name());
                c.pods.remove(d.name());
            });
        }
        assertThat(deleted).containsExactly("nginx-2", "nginx-1", "nginx-0");
    }

    @Test
    void orphanedPodsWaitWhileOneIsTerminating() {
        StatefulSetFakeCluster c = cluster(Policy.ORDERED_READY, 3);
        c.converge(20);
        Json.meta(c.pods.get("nginx-2")).put("deletionTimestamp", "2026-11-25T10:00:00Z");
        assertThat(StatefulSetPlanner.planOrphaned(List.copyOf(c.pods.values())).of(DeletePod.class)).isEmpty();
    }
}
