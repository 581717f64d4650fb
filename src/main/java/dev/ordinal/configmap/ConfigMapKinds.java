package dev.ordinal.configmap;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ConfigMap and Secret, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ConfigMapKinds {
    @Bean
    @Order(13)
    KindDefinition configMapKind(ConfigMapStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.CONFIG_MAP)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.CONFIG_MAP), KubernetesSchemas.of(ResourceTypes.CONFIG_MAP))
                .columns(Columns.of(ResourceTypes.CONFIG_MAP))
                .build();
    }

    @Bean
    @Order(14)
    KindDefinition secretKind(SecretStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.SECRET)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.SECRET), KubernetesSchemas.of(ResourceTypes.SECRET))
                .columns(Columns.of(ResourceTypes.SECRET))
                .fieldSelectors("type")
                .build();
    }
}
