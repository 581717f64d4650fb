package dev.ordinal.lease;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Lease, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class LeaseKinds {
    @Bean
    @Order(17)
    KindDefinition leaseKind(LeaseStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.LEASE)
                .strategy(strategy)
                .columns(LeaseColumns.lease())
                .build();
    }
}
