package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;

/**
 * The attach/detach controller's Multi-Attach messages, one per variant of {@code reportMultiAttachError}
 * (kubernetes reconciler.go, {@code Test_ReportMultiAttachError}), and which volumes attach to one node only.
 */
class MultiAttachMessageTest {
    private static final String VOLUME = "pvc-0d8f3a51-2b0e-4c1f-9b7e-3f8a6c2d1e47";
    private static final String PREFIX = "Multi-Attach error for volume \"" + VOLUME + "\" ";

    @Test
    void namesTheOnePodUsingTheVolumeInTheSameNamespace() {
        assertThat(VolumeManager.multiAttachMessage(VOLUME, List.of("nginx-2784n"), 0))
                .isEqualTo(PREFIX + "Volume is already used by pod(s) nginx-2784n");
    }

    @Test
    void namesSeveralPodsJoinedByCommas() {
        assertThat(VolumeManager.multiAttachMessage(VOLUME, List.of("b", "a"), 0))
                .isEqualTo(PREFIX + "Volume is already used by pod(s) a, b");
    }

    @Test
    void countsPodsInOtherNamespacesAfterTheNamedOnes() {
        assertThat(VolumeManager.multiAttachMessage(VOLUME, List.of("a", "b"), 2))
                .isEqualTo(PREFIX + "Volume is already used by pod(s) a, b and 2 pod(s) in different namespaces");
    }

    @Test
    void onlyCountsWhenEveryUserIsInAnotherNamespace() {
        assertThat(VolumeManager.multiAttachMessage(VOLUME, List.of(), 3))
                .isEqualTo(PREFIX + "Volume is already used by 3 pod(s) in different namespaces");
    }

    @Test
    void saysExclusivelyAttachedWhenNoPodUsesTheVolumeAnyMore() {
        assertThat(VolumeManager.multiAttachMessage(VOLUME, List.of(), 0))
                .isEqualTo(PREFIX + "Volume is already exclusively attached to one node and can't be attached to another");
    }

    @Test
    void readWriteOnceAndReadWriteOncePodVolumesAttachToOneNodeOnly() {
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadWriteOnce\""))).isTrue();
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadWriteOncePod\""))).isTrue();
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadWriteOnce\",\"ReadWriteOncePod\""))).isTrue();
    }

    @Test
    void volumesWithAManyModeOrNoModesAttachAnywhere() {
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadWriteMany\""))).isFalse();
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadOnlyMany\""))).isFalse();
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv("\"ReadWriteOnce\",\"ReadOnlyMany\""))).isFalse();
        assertThat(dev.ordinal.controller.VolumeAttachments.isMultiAttachForbidden(pv(""))).isFalse();
    }

    private static tools.jackson.databind.node.ObjectNode pv(String modes) {
        return Json.parse("{\"spec\":{\"accessModes\":[" + modes + "]}}");
    }
}
