package dev.ordinal.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The ResourceQuota columns, as kubectl prints them. */
class ResourceQuotaColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void resourceQuotaShowsUsedOverHardAsKubectlGetQuotaDoes() {
        List<Column> cols = ResourceQuotaColumns.resourceQuota();
        ObjectNode quota = Json.parse("""
                {"metadata":{"name":"storage","creationTimestamp":"2026-01-01T11:59:00Z"},
                 "spec":{"hard":{"requests.storage":"2Gi","pods":"3","limits.memory":"1Gi"}},
                 "status":{"hard":{"requests.storage":"2Gi","pods":"3","limits.memory":"1Gi"},
                           "used":{"requests.storage":"1Gi","pods":"1"}}}""");
        assertThat(cols.stream().map(Column::name)).containsExactly("Name", "Age", "Request", "Limit");
        assertThat(cols.stream().map(c -> c.cell().apply(quota, NOW))).containsExactly(
                "storage", "60s", "pods: 1/3, requests.storage: 1Gi/2Gi", "limits.memory: 0/1Gi");
    }
}
