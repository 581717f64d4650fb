package dev.ordinal.configmap;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ProtobufFields;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ConfigMap and Secret, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ConfigMapKinds {
    /** ConfigMap's fields after metadata, as k8s.io/api/core/v1/generated.proto numbers them. */
    static final ProtobufFields CONFIG_MAP_PROTOBUF = ProtobufFields.builder()
            .stringMap(2, "data").bytesMap(3, "binaryData").bool(4, "immutable").build();

    /** Secret's fields after metadata, as k8s.io/api/core/v1/generated.proto numbers them. */
    static final ProtobufFields SECRET_PROTOBUF = ProtobufFields.builder()
            .bytesMap(2, "data").string(3, "type").stringMap(4, "stringData").bool(5, "immutable").build();

    @Bean
    @Order(13)
    KindDefinition configMapKind(ConfigMapStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.CONFIG_MAP)
                .strategy(strategy)
                .columns(ConfigMapColumns.configMap())
                .protobufFields(CONFIG_MAP_PROTOBUF)
                .build();
    }

    @Bean
    @Order(14)
    KindDefinition secretKind(SecretStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.SECRET)
                .strategy(strategy)
                .columns(ConfigMapColumns.secret())
                .fieldSelectors("type")
                .protobufFields(SECRET_PROTOBUF)
                .build();
    }
}
