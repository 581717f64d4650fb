package dev.ordinal.configmap;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ConfigMap and Secret, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ConfigMapKinds {
    @Bean
    @Order(13)
    KindDefinition configMapKind(ConfigMapStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.CONFIG_MAP)
                .strategy(strategy)
                .columns(ConfigMapColumns.configMap())
                .build();
    }

    @Bean
    @Order(14)
    KindDefinition secretKind(SecretStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.SECRET)
                .strategy(strategy)
                .columns(ConfigMapColumns.secret())
                .fieldSelectors("type")
                .build();
    }
}
