package dev.ordinal.rbac;

import dev.ordinal.api.KindStrategy;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of Role, ClusterRole, RoleBinding and ClusterRoleBinding, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class RbacKinds {
    @Bean
    @Order(20)
    KindDefinition roleKind(@Qualifier("roleStrategy") KindStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.ROLE)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.ROLE), KubernetesSchemas.of(ResourceTypes.ROLE))
                .columns(Columns.of(ResourceTypes.ROLE))
                .build();
    }

    @Bean
    @Order(21)
    KindDefinition clusterRoleKind(@Qualifier("clusterRoleStrategy") KindStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.CLUSTER_ROLE)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.CLUSTER_ROLE), KubernetesSchemas.of(ResourceTypes.CLUSTER_ROLE))
                .columns(Columns.of(ResourceTypes.CLUSTER_ROLE))
                .build();
    }

    @Bean
    @Order(22)
    KindDefinition roleBindingKind(@Qualifier("roleBindingStrategy") KindStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.ROLE_BINDING)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.ROLE_BINDING), KubernetesSchemas.of(ResourceTypes.ROLE_BINDING))
                .columns(Columns.of(ResourceTypes.ROLE_BINDING))
                .build();
    }

    @Bean
    @Order(23)
    KindDefinition clusterRoleBindingKind(@Qualifier("clusterRoleBindingStrategy") KindStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.CLUSTER_ROLE_BINDING)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.CLUSTER_ROLE_BINDING), KubernetesSchemas.of(ResourceTypes.CLUSTER_ROLE_BINDING))
                .columns(Columns.of(ResourceTypes.CLUSTER_ROLE_BINDING))
                .build();
    }
}
