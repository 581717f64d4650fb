package dev.ordinal.replicaset;

import java.time.Clock;

import dev.ordinal.store.ResourceStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One replica controller implementation, two control loops: ReplicaSet and ReplicationController share the planner
 * and the executor and differ only in their {@link ReplicaSetKind}, as in Kubernetes' replica_set.go.
 */
@Configuration
public class ReplicaSetReconcilers {

    @Bean
    public ReplicaSetReconciler replicaSetReconciler(ResourceStore store, ReplicaSetExecutor executor, Clock clock) {
        return new ReplicaSetReconciler(ReplicaSetKind.REPLICA_SET, store, executor, clock);
    }

    @Bean
    public ReplicaSetReconciler replicationControllerReconciler(ResourceStore store, ReplicaSetExecutor executor,
                                                                Clock clock) {
        return new ReplicaSetReconciler(ReplicaSetKind.REPLICATION_CONTROLLER, store, executor, clock);
    }
}
