package dev.ordinal.statefulset;

import java.time.Duration;

import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.CreatePod;
import dev.ordinal.statefulset.StatefulSetFixtures.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.ordinal.statefulset.StatefulSetFixtures.nginx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work per pass is bounded (issue 16): spec.replicas never sizes anything; at most {@link StatefulSetPlanner#MAX_BATCH}
 * ordinals are created per pass, like Kubernetes' MaxBatchSize, and a huge count takes many passes.
 */
class StatefulSetBurstPlannerTest {

    @ParameterizedTest
    @EnumSource(Policy.class)
    void theLargestReplicaCountPlansInBoundedTimeAndMemory(Policy policy) {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(policy, Integer.MAX_VALUE));
        long start = System.nanoTime();

        StatefulSetPlan plan = c.step();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        int expected = policy.monotonic() ? 1 : StatefulSetPlanner.MAX_BATCH;
        assertThat(plan.of(CreatePod.class)).hasSize(expected);
        assertThat(c.pods).hasSize(expected);
        if (!policy.monotonic()) {
            assertThat(plan.requeueAfter()).as("more to create: run again at once").isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void parallelCreatesAHugeGapOverManyPassesOfAtMostTheBatch() {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(Policy.PARALLEL, 1234));
        int passes = 0;
        while (c.pods.size() < 1234) {
            StatefulSetPlan plan = c.step();
            assertThat(plan.of(CreatePod.class).size()).isLessThanOrEqualTo(StatefulSetPlanner.MAX_BATCH);
            c.kubelet();
            passes++;
            assertThat(passes).isLessThan(10);
        }
        assertThat(passes).isEqualTo(3);
        c.converge(5);
        assertThat(c.set.get("status").get("readyReplicas").asInt()).isEqualTo(1234);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void scalingARunningSetToTheLargestCountCreatesFromTheNextOrdinal(Policy policy) {
        StatefulSetFakeCluster c = new StatefulSetFakeCluster(nginx(policy, 3));
        c.converge(20);
        StatefulSetFixtures.setReplicas(c.set, Integer.MAX_VALUE);
        StatefulSetFixtures.setImage(c.set, "nginx:2");

        StatefulSetPlan plan = c.step();

        assertThat(plan.of(CreatePod.class)).first().satisfies(p -> assertThat(Json.name(p.pod())).isEqualTo("nginx-3"));
        assertThat(plan.of(CreatePod.class)).hasSizeLessThanOrEqualTo(StatefulSetPlanner.MAX_BATCH);
        assertThat(plan.of(StatefulSetAction.DeletePod.class)).as("the update waits for the scale-out").isEmpty();
    }
}
