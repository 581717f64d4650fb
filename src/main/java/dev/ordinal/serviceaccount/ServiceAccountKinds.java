package dev.ordinal.serviceaccount;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ServiceAccount, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ServiceAccountKinds {
    @Bean
    @Order(15)
    KindDefinition serviceAccountKind() {
        return KindDefinition.builder(ResourceTypes.SERVICE_ACCOUNT)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.SERVICE_ACCOUNT), KubernetesSchemas.of(ResourceTypes.SERVICE_ACCOUNT))
                .columns(Columns.of(ResourceTypes.SERVICE_ACCOUNT))
                .build();
    }
}
