package dev.ordinal.serviceaccount;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ServiceAccount, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ServiceAccountKinds {
    @Bean
    @Order(15)
    KindDefinition serviceAccountKind() {
        return KubernetesSchemas.builtIn(ResourceTypes.SERVICE_ACCOUNT)
                .columns(ServiceAccountColumns.serviceAccount())
                .build();
    }
}
