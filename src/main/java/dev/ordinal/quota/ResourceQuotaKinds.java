package dev.ordinal.quota;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ResourceQuota, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ResourceQuotaKinds {
    @Bean
    @Order(7)
    KindDefinition resourceQuotaKind(ResourceQuotaStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.RESOURCE_QUOTA)
                .strategy(strategy)
                .columns(ResourceQuotaColumns.resourceQuota())
                .build();
    }
}
