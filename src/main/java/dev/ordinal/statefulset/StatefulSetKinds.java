package dev.ordinal.statefulset;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of StatefulSet and ControllerRevision, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class StatefulSetKinds {
    @Bean
    @Order(10)
    KindDefinition statefulSetKind(StatefulSetStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.STATEFUL_SET)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.STATEFUL_SET), KubernetesSchemas.of(ResourceTypes.STATEFUL_SET))
                .columns(Columns.of(ResourceTypes.STATEFUL_SET))
                .tracksGeneration(true)
                .build();
    }

    @Bean
    @Order(11)
    KindDefinition controllerRevisionKind(ControllerRevisionStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.CONTROLLER_REVISION)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.CONTROLLER_REVISION), KubernetesSchemas.of(ResourceTypes.CONTROLLER_REVISION))
                .columns(Columns.of(ResourceTypes.CONTROLLER_REVISION))
                .build();
    }
}
