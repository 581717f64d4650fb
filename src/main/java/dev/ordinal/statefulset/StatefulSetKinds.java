package dev.ordinal.statefulset;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of StatefulSet and ControllerRevision, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class StatefulSetKinds {
    @Bean
    @Order(10)
    KindDefinition statefulSetKind(StatefulSetStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.STATEFUL_SET)
                .strategy(strategy)
                .columns(StatefulSetColumns.statefulSet())
                .tracksGeneration(true)
                // The controller deletes a gone set's pods highest ordinal first (Kubernetes' collector would not).
                .orderedDependents(ResourceTypes.POD)
                .build();
    }

    @Bean
    @Order(11)
    KindDefinition controllerRevisionKind(ControllerRevisionStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.CONTROLLER_REVISION)
                .strategy(strategy)
                .columns(StatefulSetColumns.controllerRevision())
                .build();
    }
}
