package dev.ordinal.statefulset;

import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.CreatePod;
import dev.ordinal.statefulset.StatefulSetAction.DeletePod;
import dev.ordinal.statefulset.StatefulSetAction.ReleasePod;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod whose labels stop matching its StatefulSet is released, not replaced ({@code ClaimPods}): the controller
 * reference goes, the pod stays, and the set waits for its ordinal's name (where Kubernetes' create fails with
 * AlreadyExists and is retried); relabelled, the pod is adopted again.
 */
class StatefulSetReleasePlannerTest {

    @ParameterizedTest
    @EnumSource(Policy.class)
    void podWhoseLabelsStopMatchingIsReleasedNotDeleted(Policy policy) {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(policy, 2));
        c.converge(20);
        ObjectNode pod = c.pods.get("nginx-0");
        String uid = Json.uid(pod);
        ObjectNode labels = (ObjectNode) Json.meta(pod).remove("labels");

        StatefulSetPlan plan = c.step();

        assertThat(plan.of(ReleasePod.class)).extracting(ReleasePod::name).containsExactly("nginx-0");
        assertThat(plan.of(DeletePod.class)).as("a released pod is not deleted").isEmpty();
        assertThat(plan.of(CreatePod.class)).extracting(p -> Json.name(p.pod()))
                .as("the ordinal's slot is empty, but its name is taken by the released pod").doesNotContain("nginx-0");
        assertThat(c.log).contains("release nginx-0");
        assertThat(Json.uid(c.pods.get("nginx-0"))).isEqualTo(uid);
        assertThat(Json.controllerRef(c.pods.get("nginx-0"))).as("controller reference removed").isNull();
        assertThat(c.set.get("status").get("replicas").asInt()).as("the released pod is not counted").isEqualTo(1);

        c.step();
        assertThat(c.pods.get("nginx-0").get("metadata").has("ownerReferences")).isFalse();
        assertThat(c.deletions()).isEmpty();

        Json.meta(c.pods.get("nginx-0")).set("labels", labels);
        c.converge(20);
        assertThat(Json.str(Json.controllerRef(c.pods.get("nginx-0")), "uid")).as("adopted again")
                .isEqualTo(StatefulSetFixtures.SET_UID);
        assertThat(Json.uid(c.pods.get("nginx-0"))).isEqualTo(uid);
        assertThat(c.deletions()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void setBeingDeletedDoesNotRelease(Policy policy) {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(policy, 1));
        c.converge(20);
        Json.meta(c.set).put("deletionTimestamp", Json.time(c.now));
        Json.meta(c.pods.get("nginx-0")).remove("labels");
        assertThat(c.step().of(ReleasePod.class)).isEmpty();
    }
}
