package dev.ordinal.replicaset;

import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.api.table.Columns;
import dev.ordinal.core.KindDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The definitions of ReplicationController and ReplicaSet, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ReplicaSetKinds {
    @Bean
    @Order(8)
    KindDefinition replicationControllerKind(ReplicationControllerStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.REPLICATION_CONTROLLER)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.REPLICATION_CONTROLLER), KubernetesSchemas.of(ResourceTypes.REPLICATION_CONTROLLER))
                .columns(Columns.of(ResourceTypes.REPLICATION_CONTROLLER))
                .fieldSelectors("status.replicas")
                .tracksGeneration(true)
                .build();
    }

    @Bean
    @Order(9)
    KindDefinition replicaSetKind(ReplicaSetStrategy strategy) {
        return KindDefinition.builder(ResourceTypes.REPLICA_SET)
                .strategy(strategy)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.REPLICA_SET), KubernetesSchemas.of(ResourceTypes.REPLICA_SET))
                .columns(Columns.of(ResourceTypes.REPLICA_SET))
                .fieldSelectors("status.replicas")
                .tracksGeneration(true)
                .build();
    }
}
