package dev.ordinal.storage;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/** The definitions of PersistentVolume, PersistentVolumeClaim, StorageClass and VolumeAttachment, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class StorageKinds {
    /** The index value of PersistentVolumes without a claimRef, which any claim may bind to. */
    static final String UNCLAIMED = "\u0000unclaimed";

    /**
     * The PersistentVolume definition's cache index of volumes by the claim their {@code spec.claimRef} names, as
     * {@code namespace/name}, or {@link #UNCLAIMED}: every volume a claim may bind to is under one of two values.
     */
    static final ObjectIndex BY_CLAIM_REF = ObjectIndex.single("spec.claimRef", pv -> {
        JsonNode ref = Json.at(pv, "spec", "claimRef");
        return ref.isObject() ? claimKey(Json.str(ref, "namespace"), Json.str(ref, "name")) : UNCLAIMED;
    });

    static String claimKey(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    @Bean
    @Order(2)
    KindDefinition persistentVolumeKind(PersistentVolumeStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.PERSISTENT_VOLUME)
                .strategy(strategy)
                .columns(StorageColumns.persistentVolume())
                .fieldSelectors("status.phase")
                .index(BY_CLAIM_REF)
                .index(VolumeAttachments.UNIQUE_NAME)
                .build();
    }

    @Bean
    @Order(3)
    KindDefinition persistentVolumeClaimKind(PersistentVolumeClaimStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.PERSISTENT_VOLUME_CLAIM)
                .strategy(strategy)
                .columns(StorageColumns.persistentVolumeClaim())
                .fieldSelectors("status.phase")
                .index(dev.ordinal.controller.Claims.VOLUME_NAME)
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
                .index(VolumeAttachments.BY_NODE)
                .index(VolumeAttachments.BY_VOLUME)
                .build();
    }
}
