package dev.ordinal.replicaset;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.ordinal.controller.Watches;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The control loop of one replica kind (ReplicaSet or ReplicationController; {@link ReplicaSetReconcilers} makes one
 * bean of each). A pass reads the set and the pods of its namespace, asks {@link ReplicaSetPlanner} for a plan and
 * lets {@link ReplicaSetExecutor} apply it. A set that no longer exists needs nothing: the garbage collector removes
 * its pods.
 *
 * <p>Wake-ups: a change to the set itself; a change to a pod whose controller reference names a set of this kind (so
 * a deleted or failed pod is replaced and status follows readiness at once); a change to an orphan pod, for every set
 * of this kind in the pod's namespace whose selector matches it (so it is adopted).
 */
public class ReplicaSetReconciler implements Reconciler {
    private final ReplicaSetKind kind;
    private final ResourceStore store;
    private final ReplicaSetExecutor executor;
    private final Clock clock;
    private final Watches watches;

    public ReplicaSetReconciler(ReplicaSetKind kind, ResourceStore store, ReplicaSetExecutor executor, Clock clock) {
        this.kind = kind;
        this.store = store;
        this.executor = executor;
        this.clock = clock;
        this.watches = Watches.forPrimary(kind.type())
                .owns(ResourceTypes.POD)
                .adoptsOrphans(ResourceTypes.POD, this::setsSelecting);
    }

    public ReplicaSetKind kind() {
        return kind;
    }

    @Override
    public String name() {
        return kind.reconcilerName();
    }

    @Override
    public ResourceType primaryType() {
        return kind.type();
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> set = store.find(kind.type(), key.namespace(), key.name());
        if (set.isEmpty()) {
            return Result.DONE;
        }
        // Its own pods and the namespace's uncontrolled ones (candidates for adoption), from the informer cache.
        List<JsonNode> pods = new ArrayList<>(store.cache().controlledByOrUncontrolled(ResourceTypes.POD,
                Json.uid(set.get()), key.namespace()));
        pods.sort(java.util.Comparator.comparing(Json::name));
        ReplicaSetPlanner.Plan plan = ReplicaSetPlanner.plan(
                new ReplicaSetPlanner.Snapshot(kind, set.get(), pods), clock.instant());
        return executor.execute(kind, set.get(), plan);
    }

    @Override
    public int workers() {
        return 5; // Kubernetes' --concurrent-replicaset-syncs default.
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        return watches.keysFor(event);
    }

    /** The sets whose selector would adopt this orphan pod (none for a pod that is going away). */
    private Collection<Key> setsSelecting(WatchEvent event) {
        JsonNode pod = event.object();
        if ("DELETED".equals(event.type()) || Json.isTerminating(pod)) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>();
        for (ObjectNode set : store.list(kind.type(), Json.namespace(pod))) {
            if (kind.selects(set, Json.labels(pod))) {
                keys.add(Key.of(set));
            }
        }
        return keys;
    }
}
