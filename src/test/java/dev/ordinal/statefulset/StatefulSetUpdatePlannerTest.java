package dev.ordinal.statefulset;

import java.util.List;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.CreateRevision;
import dev.ordinal.statefulset.StatefulSetAction.DeletePod;
import dev.ordinal.statefulset.StatefulSetAction.RecordEvent;
import dev.ordinal.statefulset.StatefulSetAction.UpdateRevision;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static dev.ordinal.statefulset.StatefulSetFixtures.setImage;
import static dev.ordinal.statefulset.StatefulSetFixtures.setMaxUnavailable;
import static dev.ordinal.statefulset.StatefulSetFixtures.setOnDelete;
import static dev.ordinal.statefulset.StatefulSetFixtures.setPartition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Update strategies and revisions of the StatefulSet planner (reference §1.6–1.8): rolling update order, partition,
 * maxUnavailable, OnDelete, revision reuse and pruning, and Ordinal's recovery from stuck rollouts. Every scenario
 * runs under OrderedReady and Parallel.
 */
class StatefulSetUpdatePlannerTest {
    private static final String OLD = "k8s.gcr.io/nginx-slim:0.8";
    private static final String NEW = "k8s.gcr.io/nginx-slim:0.9";
    private static final String BAD = "k8s.gcr.io/nginx-slim:does-not-exist";

    private static StatefulSetFakeCluster running(Policy policy, int replicas) {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(policy, replicas));
        c.converge(30);
        return c;
    }

    private static String status(StatefulSetFakeCluster c, String field) {
        return Json.str(c.set, "status", field);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void rollingUpdateReplacesFromHighestOrdinalDownOneAtATime(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String oldRevision = status(c, "currentRevision");
        setImage(c.set, NEW);
        c.step();
        assertThat(c.deletions()).containsExactly("nginx-2");
        c.step();
        assertThat(c.pods).containsKey("nginx-2");
        c.step();
        assertThat(c.deletions()).as("nginx-1 waits until the new nginx-2 is Running and Ready")
                .containsExactly("nginx-2");
        c.converge(30);
        assertThat(c.deletions()).containsExactly("nginx-2", "nginx-1", "nginx-0");
        String newRevision = status(c, "updateRevision");
        assertThat(newRevision).isNotEqualTo(oldRevision);
        assertThat(status(c, "currentRevision")).isEqualTo(newRevision);
        assertThat(c.set.get("status").get("currentReplicas").asInt()).isEqualTo(3);
        for (String pod : c.pods.keySet()) {
            assertThat(c.revisionOf(pod)).isEqualTo(newRevision);
            assertThat(c.claimOf(pod)).isEqualTo("www-" + pod);
        }
        assertThat(c.log.stream().filter(l -> l.startsWith("create claim"))).as("claims are kept").hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void currentRevisionStaysUntilTheRolloutCompletes(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String oldRevision = status(c, "currentRevision");
        setImage(c.set, NEW);
        c.step();
        c.step();
        c.kubelet();
        c.step();
        assertThat(status(c, "currentRevision")).isEqualTo(oldRevision);
        assertThat(c.set.get("status").get("updatedReplicas").asInt()).isEqualTo(1);
        assertThat(c.set.get("status").get("currentReplicas").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void partitionKeepsLowerOrdinalsOnTheCurrentRevisionEvenWhenDeleted(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String oldRevision = status(c, "currentRevision");
        setPartition(c.set, 2);
        setImage(c.set, NEW);
        c.converge(30);
        assertThat(c.deletions()).containsExactly("nginx-2");
        assertThat(c.revisionOf("nginx-2")).isEqualTo(status(c, "updateRevision"));
        assertThat(c.revisionOf("nginx-1")).isEqualTo(oldRevision);
        assertThat(status(c, "currentRevision")).as("not all pods are updated").isEqualTo(oldRevision);
        c.userDeletes("nginx-0");
        c.converge(30);
        assertThat(c.revisionOf("nginx-0")).isEqualTo(oldRevision);
        setPartition(c.set, 0);
        c.converge(30);
        assertThat(c.deletions()).containsExactly("nginx-2", "nginx-1", "nginx-0");
        assertThat(status(c, "currentRevision")).isEqualTo(status(c, "updateRevision"));
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void partitionAboveReplicasUpdatesNothing(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String oldRevision = status(c, "currentRevision");
        setPartition(c.set, 5);
        setImage(c.set, NEW);
        c.converge(30);
        assertThat(c.deletions()).isEmpty();
        assertThat(status(c, "currentRevision")).isEqualTo(oldRevision);
        assertThat(status(c, "updateRevision")).isNotEqualTo(oldRevision);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void maxUnavailableAsANumberReplacesThatManyAtOnce(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 5);
        setMaxUnavailable(c.set, 2);
        setImage(c.set, NEW);
        c.step();
        assertThat(c.deletions()).containsExactly("nginx-4", "nginx-3");
        c.converge(40);
        assertThat(c.deletions()).containsExactly("nginx-4", "nginx-3", "nginx-2", "nginx-1", "nginx-0");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void maxUnavailableAsAPercentageRoundsDown(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 5);
        setMaxUnavailable(c.set, "50%");
        setImage(c.set, NEW);
        c.step();
        assertThat(c.deletions()).as("50% of 5 is 2").containsExactly("nginx-4", "nginx-3");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void maxUnavailableAsASmallPercentageIsAtLeastOne(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 5);
        setMaxUnavailable(c.set, "10%");
        setImage(c.set, NEW);
        c.step();
        assertThat(c.deletions()).containsExactly("nginx-4");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void maxUnavailableCountsPodsAlreadyUnavailable(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 5);
        Json.setAnnotation(c.set, StatefulSetView.COMPATIBLE_ROLLBACK_ANNOTATION, "true");
        setMaxUnavailable(c.set, 2);
        c.unready("nginx-0");
        setImage(c.set, NEW);
        c.step();
        if (policy.monotonic()) {
            assertThat(c.deletions()).as("OrderedReady waits for nginx-0 first").isEmpty();
        } else {
            assertThat(c.deletions()).as("one pod is already unavailable").containsExactly("nginx-4");
        }
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void outdatedPodThatIsNotReadyIsReplacedFirst(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 5);
        c.unready("nginx-0");
        setImage(c.set, NEW);
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(DeletePod.class)).extracting(DeletePod::name).first().isEqualTo("nginx-0");
        assertThat(plan.of(RecordEvent.class)).extracting(RecordEvent::reason)
                .containsExactly(StatefulSetPlanner.REPLACING_OUTDATED_POD);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void onDeleteReplacesOnlyDeletedPods(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String oldRevision = status(c, "currentRevision");
        setOnDelete(c.set);
        setImage(c.set, NEW);
        c.converge(30);
        assertThat(c.deletions()).isEmpty();
        c.userDeletes("nginx-1");
        c.converge(30);
        assertThat(c.revisionOf("nginx-1")).isEqualTo(status(c, "updateRevision"));
        assertThat(c.revisionOf("nginx-0")).isEqualTo(oldRevision);
        assertThat(c.revisionOf("nginx-2")).isEqualTo(oldRevision);
        assertThat(c.claimOf("nginx-1")).isEqualTo("www-nginx-1");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void rollbackReusesTheEarlierRevisionWithANewNumber(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 2);
        String first = status(c, "currentRevision");
        setImage(c.set, NEW);
        c.converge(30);
        String second = status(c, "currentRevision");
        setImage(c.set, OLD);
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(CreateRevision.class)).isEmpty();
        assertThat(plan.of(UpdateRevision.class)).singleElement()
                .satisfies(u -> assertThat(u.name()).isEqualTo(first))
                .satisfies(u -> assertThat(u.revision()).isEqualTo(3));
        c.converge(30);
        assertThat(status(c, "currentRevision")).isEqualTo(first);
        assertThat(c.revisions.keySet()).containsExactlyInAnyOrder(first, second);
        assertThat(StatefulSetRevisions.number(c.revisions.get(first))).isEqualTo(3);
        assertThat(StatefulSetRevisions.number(c.revisions.get(second))).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void historyIsPrunedBeyondTheLimit(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 2);
        Json.with(c.set, "spec").put("revisionHistoryLimit", 2);
        for (int i = 1; i <= 5; i++) {
            setImage(c.set, "k8s.gcr.io/nginx-slim:1." + i);
            c.converge(30);
        }
        assertThat(c.revisions).as("the live revision and two more").hasSize(3);
        assertThat(c.revisions.values()).extracting(StatefulSetRevisions::number).containsExactlyInAnyOrder(4L, 5L, 6L);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void pruningNeverRemovesARevisionAPodUses(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        String first = status(c, "currentRevision");
        Json.with(c.set, "spec").put("revisionHistoryLimit", 0);
        setPartition(c.set, 2);
        for (int i = 1; i <= 3; i++) {
            setImage(c.set, "k8s.gcr.io/nginx-slim:1." + i);
            c.converge(30);
        }
        assertThat(c.revisionOf("nginx-0")).isEqualTo(first);
        assertThat(c.revisions).containsKey(first).containsKey(status(c, "updateRevision")).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void revertingABadTemplateRecoversWithoutManualDeletion(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        c.badImages.add(BAD);
        String good = status(c, "currentRevision");
        setImage(c.set, BAD);
        for (int i = 0; i < 6; i++) {
            c.step();
            c.kubelet();
        }
        assertThat(c.deletions()).as("the rollout stops at the broken nginx-2").containsExactly("nginx-2");
        assertThat(Pods.isRunningAndReady(c.pods.get("nginx-2"))).isFalse();
        setImage(c.set, OLD);
        StatefulSetPlan plan = c.step();
        assertThat(plan.of(DeletePod.class)).extracting(DeletePod::name).containsExactly("nginx-2");
        assertThat(plan.of(RecordEvent.class)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("Normal");
            assertThat(e.reason()).isEqualTo(StatefulSetPlanner.REPLACING_OUTDATED_POD);
            assertThat(e.message()).contains("nginx-2").contains(good);
        });
        c.converge(30);
        assertThat(c.pods.values()).allSatisfy(p -> assertThat(Pods.isRunningAndReady(p)).isTrue());
        assertThat(c.revisionOf("nginx-2")).isEqualTo(good);
        assertThat(status(c, "currentRevision")).isEqualTo(good);
        assertThat(c.deletions()).containsExactly("nginx-2", "nginx-2");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void kubernetesCompatibleRollbackAnnotationKeepsTheStuckRollout(Policy policy) {
        StatefulSetFakeCluster c = running(policy, 3);
        Json.setAnnotation(c.set, StatefulSetView.COMPATIBLE_ROLLBACK_ANNOTATION, "true");
        c.badImages.add(BAD);
        setImage(c.set, BAD);
        for (int i = 0; i < 6; i++) {
            c.step();
            c.kubelet();
        }
        setImage(c.set, OLD);
        for (int i = 0; i < 6; i++) {
            c.step();
            c.kubelet();
        }
        assertThat(c.deletions()).as("Kubernetes waits for the broken pod forever").containsExactly("nginx-2");
        assertThat(c.events).isEmpty();
        c.userDeletes("nginx-2");
        c.converge(30);
        assertThat(c.pods.values()).allSatisfy(p -> assertThat(Pods.isRunningAndReady(p)).isTrue());
    }

    @Test
    void revisionNamesUseTheSafeAlphabetAndDependOnTheCollisionCount() {
        ObjectNode data = StatefulSetRevisions.patch(new StatefulSetView(nginx(Policy.ORDERED_READY, 1)).template());
        String hash = StatefulSetRevisions.hash(data, 0);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+").hasSizeBetween(1, 10);
        assertThat(StatefulSetRevisions.hash(data.deepCopy(), 0)).isEqualTo(hash);
        assertThat(StatefulSetRevisions.hash(data, 1)).isNotEqualTo(hash);
        assertThat(Json.str(data, "spec", "template", "$patch")).isEqualTo("replace");
    }

    @Test
    void hashIsIndependentOfKeyOrder() {
        ObjectNode a = Json.object();
        a.put("x", 1);
        a.put("y", 2);
        ObjectNode b = Json.object();
        b.put("y", 2);
        b.put("x", 1);
        assertThat(StatefulSetRevisions.hash(a, 0)).isEqualTo(StatefulSetRevisions.hash(b, 0));
    }

    @Test
    void nameCollisionWithDifferentDataBumpsTheCollisionCount() {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(Policy.ORDERED_READY, 1));
        String taken = StatefulSetRevisions.name("nginx", StatefulSetRevisions.patch(c.view().template()), 0);
        ObjectNode impostor = Json.object();
        Json.meta(impostor).put("name", taken);
        impostor.putObject("data").put("something", "else");
        impostor.put("revision", 1);
        c.revisions.put(taken, impostor);
        StatefulSetPlan plan = c.step();
        List<CreateRevision> creates = plan.of(CreateRevision.class);
        assertThat(creates).singleElement().satisfies(r -> assertThat(Json.name(r.revision())).isNotEqualTo(taken));
        assertThat(c.set.get("status").get("collisionCount").asInt()).isEqualTo(1);
        assertThat(StatefulSetRevisions.number(creates.get(0).revision())).isEqualTo(2);
    }
}
