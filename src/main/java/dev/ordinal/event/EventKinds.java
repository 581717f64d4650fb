package dev.ordinal.event;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of core/v1 Event and its events.k8s.io/v1 view, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class EventKinds {
    @Bean
    @Order(5)
    KindDefinition eventKind(EventStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.EVENT)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.EVENT), KubernetesSchemas.of(ResourceTypes.EVENT))
                .columns(Columns.of(ResourceTypes.EVENT))
                .fieldSelectors("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                        "involvedObject.fieldPath", "reason", "type", "source", "reportingComponent")
                .build();
    }

    @Bean
    @Order(24)
    KindDefinition eventsV1Kind() {
        return KindDefinition.builder(ResourceTypes.EVENT_V1)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.EVENT_V1), KubernetesSchemas.of(ResourceTypes.EVENT_V1))
                .columns(Columns.of(ResourceTypes.EVENT_V1))
                .storedAs(ResourceTypes.EVENT)
                .build();
    }
}
