package dev.ordinal.storage;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of PersistentVolume, PersistentVolumeClaim, StorageClass and VolumeAttachment, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class StorageKinds {
    @Bean
    @Order(2)
    KindDefinition persistentVolumeKind(PersistentVolumeStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.PERSISTENT_VOLUME)
                .strategy(strategy)
                .columns(StorageColumns.persistentVolume())
                .fieldSelectors("status.phase")
                .build();
    }

    @Bean
    @Order(3)
    KindDefinition persistentVolumeClaimKind(PersistentVolumeClaimStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.PERSISTENT_VOLUME_CLAIM)
                .strategy(strategy)
                .columns(StorageColumns.persistentVolumeClaim())
                .fieldSelectors("status.phase")
                .build();
    }

    @Bean
    @Order(12)
    KindDefinition storageClassKind(StorageClassStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.STORAGE_CLASS)
                .strategy(strategy)
                .columns(StorageColumns.storageClass())
                .build();
    }

    @Bean
    @Order(13)
    KindDefinition volumeAttachmentKind(VolumeAttachmentStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.VOLUME_ATTACHMENT)
                .strategy(strategy)
                .columns(StorageColumns.volumeAttachment())
                .build();
    }
}
