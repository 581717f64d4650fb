package dev.ordinal.crd;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definition of apiextensions.k8s.io/v1 CustomResourceDefinition, registered in the kind registry. */
@Configuration(proxyBeanMethods = false)
class CrdKinds {
    @Bean
    @Order(90)
    KindDefinition customResourceDefinitionKind(CrdStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.CUSTOM_RESOURCE_DEFINITION)
                .strategy(strategy)
                .schema(CrdOpenApi.nameOf(ResourceTypes.CUSTOM_RESOURCE_DEFINITION), CrdOpenApi.crdSchema())
                .schemas(java.util.Map.of(CrdOpenApi.nameOf(ResourceTypes.CUSTOM_RESOURCE_DEFINITION) + "List",
                        CrdOpenApi.list(ResourceTypes.CUSTOM_RESOURCE_DEFINITION)))
                .columns(Columns.of(ResourceTypes.CUSTOM_RESOURCE_DEFINITION))
                .build();
    }
}
