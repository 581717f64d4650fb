package dev.ordinal.disruption;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of PodDisruptionBudget, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class PodDisruptionBudgetKinds {
    @Bean
    @Order(19)
    KindDefinition podDisruptionBudgetKind(PodDisruptionBudgetStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.POD_DISRUPTION_BUDGET)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.POD_DISRUPTION_BUDGET), KubernetesSchemas.of(ResourceTypes.POD_DISRUPTION_BUDGET))
                .columns(Columns.of(ResourceTypes.POD_DISRUPTION_BUDGET))
                .tracksGeneration(true)
                .build();
    }
}
