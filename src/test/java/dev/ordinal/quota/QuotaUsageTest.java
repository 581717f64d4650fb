package dev.ordinal.quota;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts against a quota, and quantities written back as Kubernetes writes them. */
class QuotaUsageTest {
    private static final KindRegistry KINDS = KindRegistry.of(KindDefinition.builder(ResourceTypes.POD).build(),
            KindDefinition.builder(ResourceTypes.PERSISTENT_VOLUME_CLAIM).build(),
            KindDefinition.builder(ResourceTypes.STATEFUL_SET).build());

    private static ObjectNode claim(String size, String cls) {
        return Json.parse("{\"spec\":{\"storageClassName\":\"" + cls + "\",\"resources\":{\"requests\":{\"storage\":\""
                + size + "\"}}}}");
    }

    private static ObjectNode pod(String phase) {
        return Json.parse("{\"status\":{\"phase\":\"" + phase + "\"}}");
    }

    @Test
    void resourceNamesMapToTheKindsTheyCount() {
        assertThat(QuotaUsage.typeOf("pods", KINDS)).contains(ResourceTypes.POD);
        assertThat(QuotaUsage.typeOf("count/pods", KINDS)).contains(ResourceTypes.POD);
        assertThat(QuotaUsage.typeOf("count/statefulsets.apps", KINDS)).contains(ResourceTypes.STATEFUL_SET);
        assertThat(QuotaUsage.typeOf("requests.storage", KINDS)).contains(ResourceTypes.PERSISTENT_VOLUME_CLAIM);
        assertThat(QuotaUsage.typeOf("fast.storageclass.storage.k8s.io/requests.storage", KINDS))
                .contains(ResourceTypes.PERSISTENT_VOLUME_CLAIM);
        assertThat(QuotaUsage.typeOf("requests.cpu", KINDS)).isEmpty();
        assertThat(QuotaUsage.typeOf("count/widgets.example.com", KINDS)).isEmpty();
    }

    @Test
    void finishedPodsDoNotCountAsPodsButDoAsObjects() {
        List<String> resources = List.of("pods", "count/pods");
        Map<String, BigDecimal> used = QuotaUsage.total(resources, Map.of(ResourceTypes.POD,
                List.of(pod("Running"), pod("Pending"), pod("Succeeded"), pod("Failed"))), KINDS);
        assertThat(used).containsEntry("pods", BigDecimal.valueOf(2)).containsEntry("count/pods", BigDecimal.valueOf(4));
        assertThat(QuotaUsage.of(ResourceTypes.POD, pod("Failed"), resources)).containsOnlyKeys("count/pods");
    }

    @Test
    void storageIsSummedOverallAndPerClass() {
        List<String> resources = List.of("requests.storage", "persistentvolumeclaims",
                "fast.storageclass.storage.k8s.io/requests.storage", "fast.storageclass.storage.k8s.io/persistentvolumeclaims");
        Map<String, BigDecimal> used = QuotaUsage.total(resources, Map.of(ResourceTypes.PERSISTENT_VOLUME_CLAIM,
                List.of(claim("1Gi", "fast"), claim("512Mi", "standard"))), KINDS);
        assertThat(Quantities.format(used.get("requests.storage"), true)).isEqualTo("1536Mi");
        assertThat(used.get("persistentvolumeclaims")).isEqualByComparingTo("2");
        assertThat(Quantities.format(used.get("fast.storageclass.storage.k8s.io/requests.storage"), true))
                .isEqualTo("1Gi");
        assertThat(used.get("fast.storageclass.storage.k8s.io/persistentvolumeclaims")).isEqualByComparingTo("1");
    }

    @Test
    void quantitiesPrintInTheFormatOfTheLimit() {
        assertThat(Quantities.format(BigDecimal.ZERO, true)).isEqualTo("0");
        assertThat(Quantities.format(new BigDecimal(2L << 30), true)).isEqualTo("2Gi");
        assertThat(Quantities.format(new BigDecimal(1024), false)).isEqualTo("1024");
        assertThat(Quantities.format(new BigDecimal(2000), false)).isEqualTo("2k");
        assertThat(Quantities.format(new BigDecimal("0.5"), false)).isEqualTo("500m");
        assertThat(Quantities.pretty(Map.of("pods", BigDecimal.ONE, "count/pods", BigDecimal.TEN), Map.of()))
                .isEqualTo("count/pods=10,pods=1");
        assertThat(Quantities.isBinary("10Gi")).isTrue();
        assertThat(Quantities.isBinary("10G")).isFalse();
    }
}
