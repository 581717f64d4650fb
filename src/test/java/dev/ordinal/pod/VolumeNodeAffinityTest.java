package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Which nodes a volume with required node affinity can be used from, as the scheduler's VolumeBinding reads it. */
class VolumeNodeAffinityTest {
    private static final ObjectNode NODE_2 = Json.parse(
            "{\"metadata\":{\"name\":\"node-2\",\"labels\":{\"kubernetes.io/hostname\":\"node-2\",\"zone\":\"a\"}}}");

    private static ObjectNode pv(String terms) {
        return Json.parse("{\"spec\":{\"nodeAffinity\":{\"required\":{\"nodeSelectorTerms\":[" + terms + "]}}}}");
    }

    @Test
    void aVolumeWithoutNodeAffinityIsReachableEverywhere() {
        assertThat(SchedulerPlanner.volumeReachableFrom(Json.parse("{\"spec\":{}}"), NODE_2)).isTrue();
    }

    @Test
    void aHostnameInExpressionAllowsOnlyTheNamedNodes() {
        String onNode2 = "{\"matchExpressions\":[{\"key\":\"kubernetes.io/hostname\",\"operator\":\"In\",\"values\":[\"node-2\"]}]}";
        String onNode3 = onNode2.replace("node-2", "node-3");
        assertThat(SchedulerPlanner.volumeReachableFrom(pv(onNode2), NODE_2)).isTrue();
        assertThat(SchedulerPlanner.volumeReachableFrom(pv(onNode3), NODE_2)).isFalse();
        assertThat(SchedulerPlanner.volumeReachableFrom(pv(onNode3 + "," + onNode2), NODE_2)).as("terms are ORed").isTrue();
    }

    @Test
    void expressionsOfOneTermMustAllHold() {
        String term = "{\"matchExpressions\":[{\"key\":\"zone\",\"operator\":\"In\",\"values\":[\"a\"]},"
                + "{\"key\":\"kubernetes.io/hostname\",\"operator\":\"NotIn\",\"values\":[\"node-2\"]}]}";
        assertThat(SchedulerPlanner.volumeReachableFrom(pv(term), NODE_2)).isFalse();
        String exists = "{\"matchExpressions\":[{\"key\":\"zone\",\"operator\":\"Exists\"},"
                + "{\"key\":\"gpu\",\"operator\":\"DoesNotExist\"}]}";
        assertThat(SchedulerPlanner.volumeReachableFrom(pv(exists), NODE_2)).isTrue();
    }
}
