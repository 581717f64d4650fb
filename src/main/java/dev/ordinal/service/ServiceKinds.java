package dev.ordinal.service;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Service, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ServiceKinds {
    @Bean
    @Order(6)
    KindDefinition serviceKind(ServiceStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.SERVICE)
                .strategy(strategy)
                .columns(ServiceColumns.service())
                .build();
    }
}
