package dev.ordinal.node;

import java.util.List;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ProtobufFields;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.core.Subresource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Namespace and Node, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class NodeKinds {
    @Bean
    @Order(0)
    KindDefinition namespaceKind(NamespaceStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.NAMESPACE)
                .strategy(strategy)
                .columns(NodeColumns.namespace())
                // PUT .../finalize is served as an update of the namespace, not listed in discovery.
                .subresource(new Subresource("finalize", null, null, null, List.of("update"), false, null))
                .fieldSelectors("status.phase")
                // kubectl create namespace sends protobuf; its spec holds only the finalizers defaults give anyway.
                .protobufFields(ProtobufFields.builder().ignored(2).build())
                .build();
    }

    @Bean
    @Order(1)
    KindDefinition nodeKind(NodeStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.NODE)
                .strategy(strategy)
                .columns(NodeColumns.node())
                .fieldSelectors("spec.unschedulable")
                .build();
    }
}
