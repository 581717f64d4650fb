package dev.ordinal.event;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of core/v1 Event and its events.k8s.io/v1 view, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class EventKinds {
    @Bean
    @Order(5)
    KindDefinition eventKind(EventStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.EVENT)
                .strategy(strategy)
                .columns(EventColumns.event())
                .fieldSelectors("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                        "involvedObject.fieldPath", "reason", "type", "source", "reportingComponent")
                .build();
    }

    @Bean
    @Order(24)
    KindDefinition eventsV1Kind() {
        return KubernetesSchemas.builtIn(ResourceTypes.EVENT_V1)
                .columns(EventColumns.event())
                .storedAs(ResourceTypes.EVENT)
                .build();
    }
}
