package dev.ordinal.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The ReplicationController columns, as kubectl prints them. */
class ReplicaSetColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void replicationControllerCountsAreIntegersAndSelectorIsSorted() {
        List<Column> cols = ReplicaSetColumns.replicas(true);
        ObjectNode rc = Json.parse("""
                {"metadata":{"name":"nginx"},"spec":{"replicas":3,"selector":{"tier":"web","app":"nginx"},
                 "template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}},
                 "status":{"replicas":3,"readyReplicas":1}}""");
        assertThat(cols.stream().map(Column::type).limit(4)).containsExactly("string", "integer", "integer", "integer");
        assertThat(cols.get(1).cell().apply(rc, NOW)).isEqualTo(3);
        assertThat(cols.get(3).cell().apply(rc, NOW)).isEqualTo(1);
        assertThat(cols.get(7).cell().apply(rc, NOW)).isEqualTo("app=nginx,tier=web");
    }
}
