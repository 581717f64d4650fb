package dev.ordinal.crd;

import dev.ordinal.api.table.Columns;
import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
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
                // The apiextensions server's own columns: the creation time as a timestamp, not an age.
                .columns(java.util.List.of(Columns.name(), new Column("Created At", "date", "",
                        "CreationTimestamp is a timestamp representing the server time when this object was created.",
                        0, (o, now) -> Json.strOr(o, "", "metadata", "creationTimestamp"))))
                .build();
    }
}
