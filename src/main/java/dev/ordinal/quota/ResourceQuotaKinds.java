package dev.ordinal.quota;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ResourceQuota, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ResourceQuotaKinds {
    @Bean
    @Order(7)
    KindDefinition resourceQuotaKind(ResourceQuotaStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.RESOURCE_QUOTA)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.RESOURCE_QUOTA), KubernetesSchemas.of(ResourceTypes.RESOURCE_QUOTA))
                .columns(Columns.of(ResourceTypes.RESOURCE_QUOTA))
                .build();
    }
}
