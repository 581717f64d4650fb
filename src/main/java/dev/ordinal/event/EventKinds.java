package dev.ordinal.event;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of core/v1 Event and its events.k8s.io/v1 view, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class EventKinds {
    /** The Event definition's cache index of events by the uid of the object they are about. */
    static final ObjectIndex BY_INVOLVED_UID = ObjectIndex.single("involvedObject.uid",
            e -> Json.str(e, "involvedObject", "uid"));

    @Bean
    @Order(5)
    KindDefinition eventKind(EventStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.EVENT)
                .strategy(strategy)
                .columns(EventColumns.event())
                .fieldSelectors("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                        "involvedObject.fieldPath", "reason", "type")
                // Kubernetes' event ToSelectableFields: "source" is the reporting component.
                .fieldSelector("source", e -> Json.str(e, "source", "component"))
                .fieldSelectors("reportingComponent")
                .index(BY_INVOLVED_UID)
                .ignoredByGarbageCollector(true)
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
