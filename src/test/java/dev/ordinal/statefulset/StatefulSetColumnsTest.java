package dev.ordinal.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The StatefulSet and ControllerRevision columns, as kubectl prints them. */
class StatefulSetColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void statefulSetReadyAndWideContainers() {
        List<Column> cols = StatefulSetColumns.statefulSet();
        assertThat(cols.stream().map(c -> c.name() + ":" + c.priority()))
                .containsExactly("Name:0", "Ready:0", "Age:0", "Containers:1", "Images:1");
        ObjectNode sts = Json.parse("""
                {"metadata":{"name":"nginx","creationTimestamp":"2026-01-01T11:59:30Z"},
                 "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx-slim:0.8"}]}}},
                 "status":{"readyReplicas":2}}""");
        assertThat(cols.stream().map(c -> c.cell().apply(sts, NOW)))
                .containsExactly("nginx", "2/3", "30s", "nginx", "nginx-slim:0.8");
    }

    @Test
    void controllerRevisionsNameTheirOwner() {
        ObjectNode rev = Json.parse("""
                {"metadata":{"name":"nginx-7b5b","ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet",
                 "name":"nginx","controller":true}]},"revision":1}""");
        assertThat(StatefulSetColumns.controllerRevision().get(1).cell().apply(rev, NOW))
                .isEqualTo("statefulset.apps/nginx");
    }
}
