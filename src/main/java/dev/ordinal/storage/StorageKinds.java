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
        return KindDefinition.builder(ResourceTypes.PERSISTENT_VOLUME)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.PERSISTENT_VOLUME), KubernetesSchemas.of(ResourceTypes.PERSISTENT_VOLUME))
                .columns(StorageColumns.persistentVolume())
                .fieldSelectors("status.phase")
                .build();
    }

    @Bean
    @Order(3)
    KindDefinition persistentVolumeClaimKind(PersistentVolumeClaimStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.PERSISTENT_VOLUME_CLAIM)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.PERSISTENT_VOLUME_CLAIM), KubernetesSchemas.of(ResourceTypes.PERSISTENT_VOLUME_CLAIM))
                .columns(StorageColumns.persistentVolumeClaim())
                .fieldSelectors("status.phase")
                .build();
    }

    @Bean
    @Order(12)
    KindDefinition storageClassKind(StorageClassStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.STORAGE_CLASS)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.STORAGE_CLASS), KubernetesSchemas.of(ResourceTypes.STORAGE_CLASS))
                .columns(StorageColumns.storageClass())
                .build();
    }

    @Bean
    @Order(13)
    KindDefinition volumeAttachmentKind(VolumeAttachmentStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.VOLUME_ATTACHMENT)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.VOLUME_ATTACHMENT), KubernetesSchemas.of(ResourceTypes.VOLUME_ATTACHMENT))
                .columns(StorageColumns.volumeAttachment())
                .build();
    }
}
