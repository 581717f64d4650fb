package dev.ordinal.endpoints;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Endpoints and EndpointSlice, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class EndpointsKinds {
    @Bean
    @Order(16)
    KindDefinition endpointsKind() {
        return KindDefinition.builder(ResourceTypes.ENDPOINTS)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.ENDPOINTS), KubernetesSchemas.of(ResourceTypes.ENDPOINTS))
                .columns(Columns.of(ResourceTypes.ENDPOINTS))
                .build();
    }

    @Bean
    @Order(18)
    KindDefinition endpointSliceKind() {
        return KindDefinition.builder(ResourceTypes.ENDPOINT_SLICE)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.ENDPOINT_SLICE), KubernetesSchemas.of(ResourceTypes.ENDPOINT_SLICE))
                .columns(Columns.of(ResourceTypes.ENDPOINT_SLICE))
                .build();
    }
}
