package dev.ordinal.disruption;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of PodDisruptionBudget, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class PodDisruptionBudgetKinds {
    @Bean
    @Order(19)
    KindDefinition podDisruptionBudgetKind(PodDisruptionBudgetStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.POD_DISRUPTION_BUDGET)
                .strategy(strategy)
                .columns(PodDisruptionBudgetColumns.podDisruptionBudget())
                .tracksGeneration(true)
                .build();
    }
}
