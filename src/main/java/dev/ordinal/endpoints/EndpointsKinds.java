package dev.ordinal.endpoints;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Endpoints and EndpointSlice, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class EndpointsKinds {
    @Bean
    @Order(16)
    KindDefinition endpointsKind() {
        return KubernetesSchemas.builtIn(ResourceTypes.ENDPOINTS)
                .columns(EndpointsColumns.endpointsColumns())
                .build();
    }

    @Bean
    @Order(18)
    KindDefinition endpointSliceKind() {
        return KubernetesSchemas.builtIn(ResourceTypes.ENDPOINT_SLICE)
                .columns(EndpointsColumns.endpointSlice())
                .build();
    }
}
