package dev.ordinal.lease;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Lease, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class LeaseKinds {
    @Bean
    @Order(17)
    KindDefinition leaseKind(LeaseStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.LEASE)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.LEASE), KubernetesSchemas.of(ResourceTypes.LEASE))
                .columns(Columns.of(ResourceTypes.LEASE))
                .build();
    }
}
