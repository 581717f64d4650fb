package dev.ordinal.service;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Service, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ServiceKinds {
    @Bean
    @Order(6)
    KindDefinition serviceKind(ServiceStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.SERVICE)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.SERVICE), KubernetesSchemas.of(ResourceTypes.SERVICE))
                .columns(Columns.of(ResourceTypes.SERVICE))
                .build();
    }
}
