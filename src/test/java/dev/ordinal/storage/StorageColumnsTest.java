package dev.ordinal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The claim, volume and storage class columns, as kubectl prints them. */
class StorageColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void claimColumnsAbbreviateAccessModesAndHideCapacityUntilBound() {
        List<Column> cols = StorageColumns.persistentVolumeClaim();
        assertThat(cols.stream().filter(c -> c.priority() == 0).map(Column::name)).containsExactly(
                "Name", "Status", "Volume", "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age");
        ObjectNode bound = Json.parse("""
                {"metadata":{"name":"www-nginx-0","creationTimestamp":"2026-01-01T11:00:00Z"},
                 "spec":{"storageClassName":"standard","volumeName":"pvc-1","resources":{"requests":{"storage":"1Gi"}}},
                 "status":{"phase":"Bound","capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce","ReadWriteOncePod"]}}""");
        assertThat(cols.stream().map(c -> c.cell().apply(bound, NOW))).containsExactly(
                "www-nginx-0", "Bound", "pvc-1", "1Gi", "RWO,RWOP", "standard", "<unset>", "60m", "<unset>");
        ObjectNode pending = Json.parse("""
                {"metadata":{"name":"c"},"spec":{"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}""");
        assertThat(cols.get(3).cell().apply(pending, NOW)).isEqualTo("");
        assertThat(cols.get(4).cell().apply(pending, NOW)).isEqualTo("");
    }

    @Test
    void accessModesFollowKubernetesOrder() {
        assertThat(StorageColumns.accessModes(List.of("ReadWriteMany", "ReadOnlyMany", "ReadWriteOnce")))
                .isEqualTo("RWO,ROX,RWX");
    }

    @Test
    void defaultStorageClassIsMarkedInItsName() {
        List<Column> cols = StorageColumns.storageClass();
        ObjectNode sc = Json.parse("""
                {"metadata":{"name":"standard","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
                 "provisioner":"ordinal.dev/simulated"}""");
        assertThat(cols.stream().limit(5).map(c -> c.cell().apply(sc, NOW)))
                .containsExactly("standard (default)", "ordinal.dev/simulated", "Delete", "Immediate", "false");
    }
}
