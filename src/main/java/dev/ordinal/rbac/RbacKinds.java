package dev.ordinal.rbac;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceTypes;
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
        return KubernetesSchemas.builtIn(ResourceTypes.ROLE)
                .strategy(strategy)
                .columns(RbacColumns.role())
                .build();
    }

    @Bean
    @Order(21)
    KindDefinition clusterRoleKind(@Qualifier("clusterRoleStrategy") KindStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.CLUSTER_ROLE)
                .strategy(strategy)
                .columns(RbacColumns.role())
                .build();
    }

    @Bean
    @Order(22)
    KindDefinition roleBindingKind(@Qualifier("roleBindingStrategy") KindStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.ROLE_BINDING)
                .strategy(strategy)
                .columns(RbacColumns.binding())
                .build();
    }

    @Bean
    @Order(23)
    KindDefinition clusterRoleBindingKind(@Qualifier("clusterRoleBindingStrategy") KindStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.CLUSTER_ROLE_BINDING)
                .strategy(strategy)
                .columns(RbacColumns.binding())
                .build();
    }
}
