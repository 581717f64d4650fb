package dev.ordinal.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.disruption.DisruptionPlanner.Outcome;
import dev.ordinal.disruption.DisruptionPlanner.PodFacts;
import org.junit.jupiter.api.Test;

/** The disruption controller's arithmetic, after the cases of Kubernetes' own disruption controller tests. */
class DisruptionPlannerTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** A budget over pods of one controller ("rs") with {@code replicas} replicas; every pod Ready unless changed. */
    private static final class Budget {
        IntOrPercent minAvailable;
        IntOrPercent maxUnavailable;
        final List<PodFacts> pods = new ArrayList<>();
        final Map<String, Integer> replicas = new HashMap<>(Map.of("rs", 3));
        final Map<String, Instant> disrupted = new HashMap<>();

        Budget min(IntOrPercent v) {
            minAvailable = v;
            return this;
        }

        Budget max(IntOrPercent v) {
            maxUnavailable = v;
            return this;
        }

        Budget readyPods(int n) {
            for (int i = 0; i < n; i++) {
                pods.add(new PodFacts("p-" + pods.size(), true, false, "rs"));
            }
            return this;
        }

        Budget pod(boolean ready, boolean terminating, String controller) {
            pods.add(new PodFacts("p-" + pods.size(), ready, terminating, controller));
            return this;
        }

        Budget replicas(int n) {
            replicas.put("rs", n);
            return this;
        }

        Outcome plan() {
            return DisruptionPlanner.plan(new DisruptionPlanner.Snapshot(minAvailable, maxUnavailable, pods, replicas,
                    disrupted, NOW));
        }
    }

    @Test
    void minAvailableCountExpectsTheMatchingPodsAndAllowsTheSurplus() {
        Outcome o = new Budget().min(IntOrPercent.of(2)).readyPods(3).plan();
        assertThat(o.expectedPods()).isEqualTo(3);
        assertThat(o.desiredHealthy()).isEqualTo(2);
        assertThat(o.currentHealthy()).isEqualTo(3);
        assertThat(o.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void minAvailablePercentageRoundsUpOverTheControllersScale() {
        // 34% of 3 is 1.02: two pods must stay healthy.
        Outcome o = new Budget().min(IntOrPercent.percent(34)).readyPods(3).plan();
        assertThat(o.expectedPods()).isEqualTo(3);
        assertThat(o.desiredHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void minAvailablePercentageCountsReplicasNotYetCreated() {
        Outcome o = new Budget().min(IntOrPercent.percent(50)).replicas(4).readyPods(2).plan();
        assertThat(o.expectedPods()).isEqualTo(4);
        assertThat(o.desiredHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void maxUnavailableCountSubtractsFromTheControllersScale() {
        Outcome o = new Budget().max(IntOrPercent.of(1)).readyPods(3).plan();
        assertThat(o.expectedPods()).isEqualTo(3);
        assertThat(o.desiredHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void maxUnavailablePercentageRoundsUpTheUnavailableShare() {
        // 10% of 3 rounds up to 1 pod that may be unavailable.
        Outcome o = new Budget().max(IntOrPercent.percent(10)).readyPods(3).plan();
        assertThat(o.desiredHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void anUnhealthyPodUsesTheBudget() {
        Outcome o = new Budget().max(IntOrPercent.of(1)).readyPods(2).pod(false, false, "rs").plan();
        assertThat(o.currentHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void aTerminatingPodIsNotHealthy() {
        Outcome o = new Budget().max(IntOrPercent.of(1)).readyPods(2).pod(true, true, "rs").plan();
        assertThat(o.currentHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void noMatchingPodsAllowsNothingAndSaysSo() {
        Outcome o = new Budget().min(IntOrPercent.of(1)).plan();
        assertThat(o.noPods()).isTrue();
        assertThat(o.expectedPods()).isZero();
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void minAvailableZeroWithNoPodsStillAllowsNothing() {
        Outcome o = new Budget().min(IntOrPercent.of(0)).plan();
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void aPodWithoutAControllerMakesAPercentageUncomputable() {
        Outcome o = new Budget().min(IntOrPercent.percent(50)).readyPods(1).pod(true, false, null).plan();
        assertThat(o.failure()).isEqualTo("found no controller ref for pod \"p-1\"");
        assertThat(o.disruptionsAllowed()).isZero();
    }

    @Test
    void aPodWithoutAControllerCountsForAnIntegerMinAvailable() {
        Outcome o = new Budget().min(IntOrPercent.of(1)).pod(true, false, null).pod(true, false, null).plan();
        assertThat(o.failure()).isNull();
        assertThat(o.expectedPods()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void aPodAnEvictionJustClaimedIsNotHealthyUntilTheClaimExpires() {
        Budget b = new Budget().max(IntOrPercent.of(1)).readyPods(3);
        b.disrupted.put("p-0", NOW.minusSeconds(30));
        Outcome o = b.plan();
        assertThat(o.currentHealthy()).isEqualTo(2);
        assertThat(o.disruptionsAllowed()).isZero();
        assertThat(o.recheckAt()).isEqualTo(NOW.minusSeconds(30).plus(DisruptionPlanner.DELETION_TIMEOUT));
    }

    @Test
    void aPodRecreatedUnderTheEvictedNameIsNotTheClaimedOne() {
        Budget b = new Budget().max(IntOrPercent.of(1)).readyPods(2);
        b.pods.add(new PodFacts("p-2", true, false, "rs", NOW.minusSeconds(5)));
        b.disrupted.put("p-2", NOW.minusSeconds(30));
        Outcome o = b.plan();
        assertThat(o.disruptedPods()).isEmpty();
        assertThat(o.currentHealthy()).isEqualTo(3);
    }

    @Test
    void anExpiredClaimIsForgotten() {
        Budget b = new Budget().max(IntOrPercent.of(1)).readyPods(3);
        b.disrupted.put("p-0", NOW.minus(DisruptionPlanner.DELETION_TIMEOUT).minus(Duration.ofSeconds(1)));
        Outcome o = b.plan();
        assertThat(o.disruptedPods()).isEmpty();
        assertThat(o.currentHealthy()).isEqualTo(3);
    }

    @Test
    void percentagesReadFromTheManifest() {
        assertThat(IntOrPercent.read(tools.jackson.databind.node.JsonNodeFactory.instance.stringNode("25%")))
                .isEqualTo(IntOrPercent.percent(25));
        assertThat(IntOrPercent.percent(25).scaled(5)).isEqualTo(2);
    }
}
