package dev.ordinal.replicaset;

import static dev.ordinal.replicaset.Fixtures.NOW;
import static dev.ordinal.replicaset.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Fixtures.PodBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Kubernetes' scale-down ranking, one rule per case: pod "a" differs from the baseline pod "b" in exactly one field,
 * and "a" must be the one deleted first, whichever order the two are given in.
 */
class ReplicaSetPodRankingTest {

    /** Running, Ready for 600 s, on its own node, no cost, no restarts, created an hour ago. */
    private static PodBuilder baseline(String name, String node) {
        return pod(name).runningReady(node, 600);
    }

    private static void assertDeletedFirst(JsonNode a, JsonNode b, JsonNode... others) {
        List<JsonNode> related = new java.util.ArrayList<>(List.of(a, b));
        related.addAll(List.of(others));
        var order = PodRanking.comparator(related, NOW);
        assertThat(order.compare(a, b)).as("a before b").isNegative();
        assertThat(order.compare(b, a)).as("b after a").isPositive();
        assertThat(PodRanking.podsToDelete(List.of(b, a), related, 1, NOW)).extracting(Json::name)
                .containsExactly(Json.name(a));
        assertThat(PodRanking.podsToDelete(List.of(a, b), related, 1, NOW)).extracting(Json::name)
                .containsExactly(Json.name(a));
    }

    @Test
    void identicalPodsAreNotOrdered() {
        JsonNode a = baseline("a", "node-1").build();
        JsonNode b = baseline("b", "node-2").build();

        assertThat(PodRanking.comparator(List.of(a, b), NOW).compare(a, b)).isZero();
    }

    @Test
    void unscheduledBeforeScheduled() {
        JsonNode a = pod("a").phase("Running").ready(600).build();
        assertDeletedFirst(a, baseline("b", "node-2").build());
    }

    @Test
    void pendingBeforeRunning() {
        assertDeletedFirst(baseline("a", "node-1").phase("Pending").build(), baseline("b", "node-2").build());
    }

    @Test
    void unknownBeforeRunning() {
        assertDeletedFirst(baseline("a", "node-1").phase("Unknown").build(), baseline("b", "node-2").build());
    }

    @Test
    void pendingBeforeUnknown() {
        assertDeletedFirst(baseline("a", "node-1").phase("Pending").build(),
                baseline("b", "node-2").phase("Unknown").build());
    }

    @Test
    void notReadyBeforeReady() {
        assertDeletedFirst(pod("a").node("node-1").phase("Running").notReady().build(),
                baseline("b", "node-2").build());
    }

    @Test
    void lowerDeletionCostFirst() {
        assertDeletedFirst(baseline("a", "node-1").deletionCost(-5).build(), baseline("b", "node-2").build());
        assertDeletedFirst(baseline("a", "node-1").build(), baseline("b", "node-2").deletionCost(100).build());
    }

    @Test
    void deletionCostOutweighsColocation() {
        JsonNode a = baseline("a", "node-2").deletionCost(-1).build();
        JsonNode b = baseline("b", "node-1").build();
        assertDeletedFirst(a, b, baseline("c", "node-1").build());
    }

    @Test
    void moreColocatedPodsOfTheSetFirst() {
        JsonNode a = baseline("a", "node-1").build();
        JsonNode b = baseline("b", "node-2").build();
        assertDeletedFirst(a, b, baseline("c", "node-1").build());
    }

    @Test
    void inactiveNeighboursDoNotCountForColocation() {
        JsonNode a = baseline("a", "node-1").build();
        JsonNode b = baseline("b", "node-2").build();
        JsonNode failedNeighbour = pod("c").node("node-1").phase("Failed").build();
        var order = PodRanking.comparator(List.of(a, b, failedNeighbour), NOW);

        assertThat(order.compare(a, b)).isZero();
    }

    @Test
    void moreRecentlyReadyFirst() {
        assertDeletedFirst(baseline("a", "node-1").ready(10).build(), baseline("b", "node-2").build());
    }

    @Test
    void readyTimesInTheSamePowerOfTwoBucketAreOrderedByUid() {
        // 600 s and 601 s ago fall in the same log2 bucket, so the uid decides, whichever is more recent.
        JsonNode a = baseline("a", "node-1").ready(601).uid("uid-1").build();
        JsonNode b = baseline("b", "node-2").ready(600).uid("uid-2").build();
        assertDeletedFirst(a, b);
    }

    @Test
    void moreRestartsFirst() {
        assertDeletedFirst(baseline("a", "node-1").restarts(3).build(), baseline("b", "node-2").restarts(1).build());
    }

    @Test
    void newerFirst() {
        assertDeletedFirst(baseline("a", "node-1").createdSecondsAgo(10).build(), baseline("b", "node-2").build());
    }

    @Test
    void earlierRulesWinOverLaterOnes() {
        // Older and Ready for longer, but not Ready now: readiness decides before age.
        JsonNode a = pod("a").node("node-1").phase("Running").notReady().createdSecondsAgo(99_999).build();
        JsonNode b = baseline("b", "node-2").createdSecondsAgo(1).restarts(9).build();
        assertDeletedFirst(a, b);
    }
}
