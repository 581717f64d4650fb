package dev.ordinal.replicaset;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.LabelSelectorStrings;
import dev.ordinal.core.ResourceTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;

/** The definitions of ReplicationController and ReplicaSet, registered in the {@link dev.ordinal.core.KindRegistry}. */
@Configuration(proxyBeanMethods = false)
class ReplicaSetKinds {
    @Bean
    @Order(8)
    KindDefinition replicationControllerKind(ReplicationControllerStrategy strategy) {
        return KubernetesSchemas.builtIn(ResourceTypes.REPLICATION_CONTROLLER)
                .strategy(strategy)
                .columns(ReplicaSetColumns.replicas(true))
                .scaleSelector(ReplicaSetKinds::rcSelector)
                .fieldSelectors("status.replicas")
                .tracksGeneration(true)
                .build();
    }

    /**
     * A ReplicationController's selector as its Scale shows it: {@code spec.selector} is a plain label map, not a
     * LabelSelector ({@code labels.SelectorFromSet} in Kubernetes' {@code scaleFromRC}).
     */
    static String rcSelector(JsonNode rc) {
        return LabelSelectorStrings.ofMap(Json.at(rc, "spec", "selector"));
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
