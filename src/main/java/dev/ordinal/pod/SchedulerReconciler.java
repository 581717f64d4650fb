package dev.ordinal.pod;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.controller.Claims;
import dev.ordinal.controller.Nodes;
import dev.ordinal.controller.PodStatus;
import dev.ordinal.controller.Pods;
import dev.ordinal.controller.WriteOutcome;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler: gives each unscheduled pod a node, spreading the pods of one owner across nodes (then balancing all
 * pods), and records {@code Scheduled}. A pod waits unscheduled while a claim it mounts is missing, being deleted, or
 * unbound with Immediate binding; a ReadWriteOncePod claim already used by another pod keeps it Pending with
 * {@code FailedScheduling}. For a WaitForFirstConsumer claim it picks the node first and marks the claim with
 * {@code volume.kubernetes.io/selected-node}, so the volume is provisioned for that node before the pod is bound.
 */
@Component
public class SchedulerReconciler implements Reconciler {
    public static final String COMPONENT = "default-scheduler";
    private static final Duration RETRY = Duration.ofSeconds(2);
    /** The first retry of an unschedulable pod; each further attempt waits twice as long, up to the maximum. */
    private static final Duration UNSCHEDULABLE_RETRY = Duration.ofSeconds(2);
    /** Kubernetes' podMaxBackoffDuration. */
    private static final Duration UNSCHEDULABLE_RETRY_MAX = Duration.ofSeconds(10);

    private final ResourceStore store;
    private final PodBinding binding;
    private final EventRecorder events;
    private final Clock clock;
    private final ClaimWaiters claimWaiters = new ClaimWaiters();
    /**
     * Pods this scheduler bound whose binding the informer cache does not show yet (the scheduler cache's "assumed"
     * pods), counted on their node so the next pod is spread as if the cache were current.
     */
    private final Map<String, Assumed> assumed = new java.util.concurrent.ConcurrentHashMap<>();

    private record Assumed(String node, String ownerUid) {
    }

    /**
     * Failed scheduling attempts per pod uid, for the scheduling queue's backoff: a pod that stays unschedulable is
     * retried after 2, 4, 8, then every 10 seconds (a claim it waits for wakes it at once), so a loaded cluster whose
     * claims bind late is not also flooded with FailedScheduling updates. Forgotten once the pod is bound or gone.
     */
    private final Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    /** The binding cycles: bindings are written here, off the one scheduling loop (Kubernetes binds in goroutines). */
    private final java.util.concurrent.ExecutorService binders = java.util.concurrent.Executors.newFixedThreadPool(4,
            r -> {
                Thread t = new Thread(r, "scheduler-binder");
                t.setDaemon(true);
                return t;
            });
    private final org.springframework.beans.factory.ObjectProvider<dev.ordinal.reconcile.ControllerRuntime> runtime;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SchedulerReconciler.class);

    public SchedulerReconciler(ResourceStore store, PodBinding binding, EventRecorder events, Clock clock,
                               org.springframework.beans.factory.ObjectProvider<dev.ordinal.reconcile.ControllerRuntime>
                                       runtime) {
        this.store = store;
        this.binding = binding;
        this.events = events;
        this.clock = clock;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.POD;
    }

    /** A pod change wakes the pod; a claim change wakes the pods waiting for that claim to bind. */
    @Override
    public java.util.Collection<Key> keysFor(dev.ordinal.store.WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.POD)
                && ("DELETED".equals(event.type()) || Pods.nodeName(event.object()) != null)) {
            assumed.remove(Json.uid(event.object()));
            attempts.remove(Json.uid(event.object()));
        }
        return claimWaiters.wake(event);
    }

    /** One pod at a time, as the Kubernetes scheduler's single scheduling loop, so spreading sees every placement. */
    @Override
    public int workers() {
        return 1;
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.POD, key.namespace(), key.name());
        if (found.isEmpty() || SchedulerPlanner.settled(found.get()) || assumed.containsKey(Json.uid(found.get()))) {
            return Result.DONE; // Assumed: its binding is being written, or written and not yet seen.
        }
        SchedulerPlanner.Plan plan = SchedulerPlanner.plan(snapshot(found.get()));
        plan.waitForClaims().forEach(claim -> claimWaiters.waitFor(key.namespace(), claim, key));
        return plan.action() == null ? Result.DONE : execute(found.get(), plan.action());
    }

    /** What the planner needs, from the informer cache, with this scheduler's assumed placements counted. */
    private SchedulerPlanner.Snapshot snapshot(ObjectNode pod) {
        String ns = Json.namespace(pod);
        List<ObjectNode> nodes = store.cache().readAll(ResourceTypes.NODE, null,
                n -> Json.isTerminating(n) ? null : Nodes.withoutVolumeLists(n));
        Map<String, SchedulerPlanner.ClaimFacts> claims = new java.util.LinkedHashMap<>();
        if (Pods.nodeName(pod) == null) {
            for (String claimName : Pods.claimNames(pod)) {
                ObjectNode claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, ns, claimName).orElse(null);
                String volume = claim == null ? null : Claims.volumeName(claim);
                claims.put(claimName, new SchedulerPlanner.ClaimFacts(claim, claim != null && waitsForFirstConsumer(claim),
                        claim == null ? List.of() : Pods.usingClaim(store.cache(), ns, claimName),
                        volume == null || volume.isEmpty() ? null
                                : store.find(ResourceTypes.PERSISTENT_VOLUME, null, volume).orElse(null)));
            }
        }
        JsonNode owner = Json.controllerRef(pod);
        String ownerUid = owner == null ? null : Json.str(owner, "uid");
        Map<String, Integer> sameOwner = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        // From the informer cache's indexes: the owner's pods, and a count per candidate node.
        if (ownerUid != null) {
            for (ObjectNode p : store.cache().controlledBy(ResourceTypes.POD, ownerUid)) {
                String n = Pods.nodeName(p);
                if (n != null && !Pods.isTerminated(p)) {
                    sameOwner.merge(n, 1, Integer::sum);
                }
            }
        }
        for (ObjectNode node : nodes) {
            total.put(Json.name(node), Pods.countActiveOnNode(store.cache(), Json.name(node)));
        }
        assumed.forEach((uid, a) -> {
            if (store.cache().readUid(uid, p -> Pods.nodeName(p) == null).orElse(false)) {
                total.merge(a.node(), 1, Integer::sum);
                if (ownerUid != null && ownerUid.equals(a.ownerUid())) {
                    sameOwner.merge(a.node(), 1, Integer::sum);
                }
            }
        });
        return new SchedulerPlanner.Snapshot(pod, nodes, claims, sameOwner, total, clock.instant());
    }

    /** Carries out the planner's action under the {@link WriteOutcome} contract. */
    private Result execute(ObjectNode pod, SchedulerAction action) {
        String ns = Json.namespace(pod);
        if (action instanceof SchedulerAction.MarkUnschedulable u) {
            String now = Json.time(clock.instant());
            store.modify(ResourceTypes.POD, ns, Json.name(pod), true,
                    p -> PodStatus.setCondition(p, "PodScheduled", "False", "Unschedulable", u.message(), now));
            events.record(pod, EventRecorder.WARNING, "FailedScheduling", u.message(), COMPONENT);
            return Result.after(backoff(attempts.merge(Json.uid(pod), 1, Integer::sum)));
        }
        if (action instanceof SchedulerAction.SelectNodeForClaims c) {
            for (String claim : c.claims()) {
                store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, ns, claim, false, edit -> {
                    if (Claims.selectedNode(edit) == null) {
                        Json.setAnnotation(edit, Claims.SELECTED_NODE, c.node());
                    }
                });
            }
            return Result.after(RETRY);
        }
        String node = ((SchedulerAction.Bind) action).node();
        String uid = Json.uid(pod);
        JsonNode owner = Json.controllerRef(pod);
        // Kubernetes' scheduling cycle assumes the pod on its node and hands the binding to a binding cycle of its
        // own, so the next pod is placed while this one's binding is written.
        assumed.put(uid, new Assumed(node, owner == null ? null : Json.str(owner, "uid")));
        binders.execute(() -> bind(pod, node));
        return Result.DONE;
    }

    /** The binding cycle: writes the binding; a pod gone or bound meanwhile says so by its own change. */
    private void bind(ObjectNode pod, String node) {
        String ns = Json.namespace(pod);
        WriteOutcome outcome;
        try {
            outcome = WriteOutcome.of(() -> binding.bind(ns, Json.name(pod), PodBinding.of(pod, node)));
        } catch (RuntimeException e) {
            // Not bound: forget the assumption and schedule the pod again, as the scheduler's unreserve does.
            log.warn("binding {}/{} to {} failed: {}", ns, Json.name(pod), node, e.toString());
            assumed.remove(Json.uid(pod));
            runtime.getObject().enqueue(name(), Key.of(pod));
            return;
        }
        if (outcome != WriteOutcome.DONE) {
            // Gone, or bound meanwhile by someone else: the pod's own change says what happened.
            assumed.remove(Json.uid(pod));
            return;
        }
        events.record(pod, EventRecorder.NORMAL, "Scheduled",
                "Successfully assigned " + ns + "/" + Json.name(pod) + " to " + node, COMPONENT);
    }

    @jakarta.annotation.PreDestroy
    void stopBinding() {
        binders.shutdown();
    }

    /** The wait before the next attempt after {@code failures} failed ones: 2 s, doubling, at most 10 s. */
    static Duration backoff(int failures) {
        Duration d = UNSCHEDULABLE_RETRY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 10));
        return d.compareTo(UNSCHEDULABLE_RETRY_MAX) > 0 ? UNSCHEDULABLE_RETRY_MAX : d;
    }

    private boolean waitsForFirstConsumer(JsonNode claim) {
        String cls = Json.str(claim, "spec", "storageClassName");
        if (cls == null || cls.isEmpty()) {
            return false;
        }
        return store.find(ResourceTypes.STORAGE_CLASS, null, cls)
                .map(sc -> "WaitForFirstConsumer".equals(Json.str(sc, "volumeBindingMode"))).orElse(false);
    }
}
