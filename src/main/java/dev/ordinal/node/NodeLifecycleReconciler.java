package dev.ordinal.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.controller.PodStatus;
import dev.ordinal.controller.Pods;
import dev.ordinal.controller.Taints;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.node.NodeLifecycleAction.EvictPod;
import dev.ordinal.node.NodeLifecycleAction.ForceDeletePod;
import dev.ordinal.node.NodeLifecycleAction.MarkNodeUnreachable;
import dev.ordinal.node.NodeLifecycleAction.MarkPodNotReady;
import dev.ordinal.node.NodeLifecycleAction.SetTaints;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node lifecycle controller, with the taint-eviction controller and the pod GC steps that concern nodes: watches
 * each node's heartbeat (its Lease in {@code kube-node-lease} and its Ready condition), and applies what
 * {@link NodeLifecyclePlanner} decides. Pods bound to a Node object that no longer exists are removed.
 */
@Component
public class NodeLifecycleReconciler implements Reconciler {
    public static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String COMPONENT = "node-controller";
    static final String TAINT_COMPONENT = "taint-eviction-controller";

    private final ResourceStore store;
    private final EventRecorder events;
    private final Clock clock;
    private final NodeLifecycleProperties settings;
    /** The last heartbeat seen per node and when this controller saw it change (its own clock, as Kubernetes). */
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(String heartbeat, Instant at) {
    }

    public NodeLifecycleReconciler(ResourceStore store, EventRecorder events, Clock clock,
                                   NodeLifecycleProperties settings) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "nodelifecycle";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.NODE;
    }

    /** A node's change, its Lease's renewal, or a change of a pod on a node that is tainted NoExecute or gone. */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        if (type.equals(ResourceTypes.NODE)) {
            return List.of(Key.of(event.object()));
        }
        if (type.equals(ResourceTypes.LEASE) && LEASE_NAMESPACE.equals(Json.namespace(event.object()))) {
            return List.of(new Key("", Json.name(event.object())));
        }
        if (type.equals(ResourceTypes.POD) && !event.type().equals("DELETED")) {
            String node = Pods.nodeName(event.object());
            if (node != null) {
                // Read in place: this runs on the change feed's thread for every pod change.
                boolean watched = store.cache().read(ResourceTypes.NODE, "", node, n -> Taints.of(n).stream()
                        .anyMatch(t -> t.effect().equals(Taints.NO_EXECUTE))).orElse(true);
                if (watched) {
                    return List.of(new Key("", node));
                }
            }
        }
        return List.of();
    }

    @Override
    public Result reconcile(Key key) {
        Instant now = clock.instant();
        Optional<ObjectNode> found = store.find(ResourceTypes.NODE, null, key.name());
        if (found.isEmpty()) {
            seen.remove(key.name());
            removeOrphans(key.name());
            return Result.DONE;
        }
        ObjectNode node = found.get();
        String heartbeat = heartbeatOf(node);
        Seen last = seen.compute(key.name(), (k, v) -> v != null && v.heartbeat().equals(heartbeat) ? v
                : new Seen(heartbeat, now));
        // Read (and parsed) only if the planner looks at them: a healthy, untainted node's pass needs none, and it
        // runs on every heartbeat.
        List<NodeLifecyclePlanner.PodFacts> pods = new LazyList<>(() -> {
            List<NodeLifecyclePlanner.PodFacts> facts = new ArrayList<>();
            for (ObjectNode p : Pods.onNode(store.cache(), key.name())) {
                if (key.name().equals(Pods.nodeName(p))) {
                    facts.add(new NodeLifecyclePlanner.PodFacts(Json.namespace(p), Json.name(p), Json.uid(p),
                            Pods.conditionTrue(p, "Ready"), Json.isTerminating(p), Pods.isTerminated(p),
                            Taints.tolerationsOf(p)));
                }
            }
            return facts;
        });
        NodeLifecyclePlanner.Plan plan = NodeLifecyclePlanner.plan(new NodeLifecyclePlanner.Snapshot(
                readyStatus(node), Json.bool(node, "spec", "unschedulable"), Taints.of(node),
                settings.graceOf(node), last.at(), pods, now));
        ObjectNode current = node;
        for (NodeLifecycleAction action : plan.actions()) {
            current = apply(current, action, now);
            if (current == null) {
                // The node changed since it was read: decide again on the new state rather than overwrite it.
                return Result.REQUEUE;
            }
        }
        return plan.recheckAt() == null ? Result.DONE
                : Result.after(Duration.between(now, plan.recheckAt()).plusMillis(5));
    }

    /**
     * Applies one action. Node writes carry the resourceVersion of the node the plan was made from (or of this
     * pass's previous write), so a concurrent change (a user's taint, a kubelet's status) is never overwritten:
     * returns null on such a conflict, else the node as it now is.
     */
    private ObjectNode apply(ObjectNode node, NodeLifecycleAction action, Instant now) {
        String time = Json.time(now);
        if (action instanceof MarkNodeUnreachable) {
            ObjectNode edited = Json.copy(node);
            for (JsonNode c : Json.list(edited, "status", "conditions")) {
                ObjectNode oc = (ObjectNode) c;
                if (!"Unknown".equals(Json.str(oc, "status"))) {
                    oc.put("lastTransitionTime", time);
                }
                oc.put("status", "Unknown");
                oc.put("reason", "NodeStatusUnknown");
                oc.put("message", "Kubelet stopped posting node status.");
            }
            ObjectNode written = updateNode(edited, true);
            if (written != null) {
                events.record(node, EventRecorder.NORMAL, "NodeNotReady",
                        "Node " + Json.name(node) + " status is now: NodeNotReady", COMPONENT);
            }
            return written;
        } else if (action instanceof SetTaints t) {
            ObjectNode edited = Json.copy(node);
            if (t.taints().isEmpty()) {
                Json.with(edited, "spec").remove("taints");
            } else {
                Json.with(edited, "spec").set("taints", Taints.toJson(t.taints()));
            }
            return updateNode(edited, false);
        } else if (action instanceof MarkPodNotReady p) {
            Optional<ObjectNode> pod = store.modify(ResourceTypes.POD, p.namespace(), p.name(), true, edit -> {
                if (Json.uid(edit).equals(p.uid()) && Pods.conditionTrue(edit, "Ready")) {
                    PodStatus.setCondition(edit, "Ready", "False", null, null, time);
                }
            });
            pod.ifPresent(o -> events.record(o, EventRecorder.WARNING, "NodeNotReady", "Node is not ready",
                    COMPONENT));
        } else if (action instanceof EvictPod p) {
            Optional<ObjectNode> pod = store.modify(ResourceTypes.POD, p.namespace(), p.name(), true, edit -> {
                if (Json.uid(edit).equals(p.uid())) {
                    PodStatus.setCondition(edit, "DisruptionTarget", "True", "DeletionByTaintManager",
                            "Taint manager: deleting due to NoExecute taint", time);
                }
            });
            if (pod.isPresent() && Json.uid(pod.get()).equals(p.uid())) {
                events.record(pod.get(), EventRecorder.NORMAL, "TaintManagerEviction",
                        "Marking for deletion Pod " + p.namespace() + "/" + p.name(), TAINT_COMPONENT);
                delete(p.namespace(), p.name(), new DeleteOptions(null, null, p.uid(), null));
            }
        } else if (action instanceof ForceDeletePod p) {
            delete(p.namespace(), p.name(), new DeleteOptions(null, 0L, p.uid(), null));
        }
        return node;
    }

    /** Writes the node at the version it was read; null when it has changed meanwhile (409). */
    private ObjectNode updateNode(ObjectNode edited, boolean statusOnly) {
        try {
            return store.update(ResourceTypes.NODE, null, Json.name(edited), edited, statusOnly);
        } catch (ApiException e) {
            if (e.code() == 409 || e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Pod GC for a node that no longer exists: its pods are removed at once, no kubelet will stop them. */
    private void removeOrphans(String node) {
        for (ObjectNode p : Pods.onNode(store.cache(), node)) {
            if (node.equals(Pods.nodeName(p))) {
                delete(Json.namespace(p), Json.name(p), new DeleteOptions(null, 0L, Json.uid(p), null));
            }
        }
    }

    private void delete(String namespace, String name, DeleteOptions options) {
        try {
            store.delete(ResourceTypes.POD, namespace, name, options);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    /** What proves the kubelet alive: its Lease's renewTime and its Ready condition's heartbeat. */
    private String heartbeatOf(ObjectNode node) {
        String renew = store.cache().get(ResourceTypes.LEASE, LEASE_NAMESPACE, Json.name(node))
                .map(l -> Json.strOr(l, "", "spec", "renewTime")).orElse("");
        String posted = "";
        for (JsonNode c : Json.list(node, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                posted = Json.strOr(c, "", "lastHeartbeatTime");
            }
        }
        return renew + "|" + posted;
    }

    static String readyStatus(JsonNode node) {
        for (JsonNode c : Json.list(node, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                return Json.str(c, "status");
            }
        }
        return null;
    }

    /** A list computed on its first use. */
    private static final class LazyList<T> extends java.util.AbstractList<T> {
        private final java.util.function.Supplier<List<T>> compute;
        private List<T> list;

        LazyList(java.util.function.Supplier<List<T>> compute) {
            this.compute = compute;
        }

        private List<T> list() {
            if (list == null) {
                list = compute.get();
            }
            return list;
        }

        @Override
        public T get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return list().size();
        }
    }
}
