package dev.ordinal.replicaset;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ReplicationController and ReplicaSet, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ReplicaSetKinds {
    @Bean
    @Order(8)
    KindDefinition replicationControllerKind(ReplicationControllerStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.REPLICATION_CONTROLLER)
                .strategy(strategy)
                .columns(ReplicaSetColumns.replicas(true))
                .fieldSelectors("status.replicas")
                .tracksGeneration(true)
                .build();
    }

    @Bean
    @Order(9)
    KindDefinition replicaSetKind(ReplicaSetStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.REPLICA_SET)
                .strategy(strategy)
                .columns(ReplicaSetColumns.replicas(false))
                .fieldSelectors("status.replicas")
                .tracksGeneration(true)
                .build();
    }
}
