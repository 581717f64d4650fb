package dev.ordinal.pod;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.controller.PodStatus;
import dev.ordinal.controller.Pods;
import dev.ordinal.api.ApiException;
import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.controller.Claims;
import dev.ordinal.core.LabelSelectorMatcher;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.controller.Taints;
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
    private static final Duration UNSCHEDULABLE_RETRY = Duration.ofSeconds(2);

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

    public SchedulerReconciler(ResourceStore store, PodBinding binding, EventRecorder events, Clock clock) {
        this.store = store;
        this.binding = binding;
        this.events = events;
        this.clock = clock;
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
        if (found.isEmpty()) {
            return Result.DONE;
        }
        ObjectNode pod = found.get();
        if (Pods.nodeName(pod) != null || Json.isTerminating(pod) || Pods.isTerminated(pod)) {
            return Result.DONE;
        }
        List<ObjectNode> nodes = store.list(ResourceTypes.NODE, null).stream()
                .filter(n -> !Json.isTerminating(n)).toList();
        if (nodes.isEmpty()) {
            return unschedulable(pod, "0/0 nodes are available: no nodes available to schedule pods.");
        }
        String selectedForClaims = null;
        boolean waitForClaims = false;
        for (String claimName : Pods.claimNames(pod)) {
            Optional<ObjectNode> claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), claimName);
            if (claim.isEmpty()) {
                claimWaiters.waitFor(key.namespace(), claimName, key);
                return unschedulable(pod, "0/" + nodes.size() + " nodes are available: persistentvolumeclaim \""
                        + claimName + "\" not found. preemption: 0/" + nodes.size()
                        + " nodes are available: " + nodes.size() + " Preemption is not helpful for scheduling.");
            }
            if (Json.isTerminating(claim.get())) {
                return unschedulable(pod, "0/" + nodes.size() + " nodes are available: persistentvolumeclaim \""
                        + claimName + "\" is being deleted. preemption: 0/" + nodes.size()
                        + " nodes are available: " + nodes.size() + " Preemption is not helpful for scheduling.");
            }
            if (Json.strings(claim.get(), "spec", "accessModes").contains("ReadWriteOncePod")
                    && usedByAnotherPod(pod, claimName)) {
                return unschedulable(pod, "0/" + nodes.size() + " nodes are available: " + nodes.size()
                        + " node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode."
                        + " preemption: 0/" + nodes.size() + " nodes are available: " + nodes.size()
                        + " No preemption victims found for incoming pod.");
            }
            if (!"Bound".equals(Json.str(claim.get(), "status", "phase"))) {
                claimWaiters.waitFor(key.namespace(), claimName, key);
                if (waitsForFirstConsumer(claim.get())) {
                    String selected = Json.annotation(claim.get(), Claims.SELECTED_NODE);
                    if (selected != null) {
                        selectedForClaims = selected;
                    }
                } else if (unboundForLong(claim.get())) {
                    // A claim that binding or provisioning does not satisfy keeps the pod out, as in Kubernetes.
                    return unschedulable(pod, "0/" + nodes.size() + " nodes are available: pod has unbound immediate "
                            + "PersistentVolumeClaims. preemption: 0/" + nodes.size() + " nodes are available: "
                            + nodes.size() + " Preemption is not helpful for scheduling.");
                }
                waitForClaims = true;
            }
        }
        List<ObjectNode> feasible = feasibleNodes(pod, nodes);
        if (feasible.isEmpty()) {
            return unschedulable(pod, infeasibleMessage(pod, nodes));
        }
        String node = selectedForClaims != null ? selectedForClaims : pickNode(pod, feasible);
        if (waitForClaims) {
            // Immediate claims bind on their own; WaitForFirstConsumer claims need this pod's node first.
            for (String claimName : Pods.claimNames(pod)) {
                store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), claimName)
                        .filter(c -> !"Bound".equals(Json.str(c, "status", "phase")) && waitsForFirstConsumer(c)
                                && Json.annotation(c, Claims.SELECTED_NODE) == null)
                        .ifPresent(c -> store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), claimName,
                                false, edit -> Json.setAnnotation(edit, Claims.SELECTED_NODE, node)));
            }
            return Result.after(RETRY);
        }
        try {
            binding.bind(key.namespace(), key.name(), PodBinding.of(pod, node));
            JsonNode owner = Json.controllerRef(pod);
            assumed.put(Json.uid(pod), new Assumed(node, owner == null ? null : Json.str(owner, "uid")));
        } catch (ApiException e) {
            if (e.code() == 404 || e.code() == 409) {
                return Result.DONE;
            }
            throw e;
        }
        events.record(pod, EventRecorder.NORMAL, "Scheduled",
                "Successfully assigned " + key.namespace() + "/" + key.name() + " to " + node, COMPONENT);
        return Result.DONE;
    }

    /**
     * The nodes the pod may go to: schedulable (or the pod tolerates {@code node.kubernetes.io/unschedulable}),
     * every NoSchedule and NoExecute taint tolerated, the pod's nodeSelector matched, and the node affinity of the
     * volumes its bound claims use satisfied.
     */
    private List<ObjectNode> feasibleNodes(ObjectNode pod, List<ObjectNode> nodes) {
        return nodes.stream().filter(n -> unfitReason(pod, n) == null).toList();
    }

    /** Why the node does not fit the pod, in the scheduler's words (the first filter that fails), or null. */
    private String unfitReason(ObjectNode pod, ObjectNode node) {
        List<Taints.Toleration> tolerations = Taints.tolerationsOf(pod);
        if (Json.bool(node, "spec", "unschedulable") && !Taints.tolerated(tolerations,
                new Taints.Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null))) {
            return "node(s) were unschedulable";
        }
        for (Taints.Taint t : Taints.of(node)) {
            if (!t.effect().equals(Taints.PREFER_NO_SCHEDULE) && !Taints.tolerated(tolerations, t)) {
                return "node(s) had untolerated taint {" + t.key() + ": " + (t.value() == null ? "" : t.value()) + "}";
            }
        }
        if (!matchesSelector(pod, node)) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        if (!matchesVolumes(pod, node)) {
            return "node(s) had volume node affinity conflict";
        }
        return null;
    }

    /** The scheduler's message when no node fits: each reason with its node count, sorted, as Kubernetes writes it. */
    private String infeasibleMessage(ObjectNode pod, List<ObjectNode> nodes) {
        Map<String, Integer> reasons = new HashMap<>();
        for (ObjectNode n : nodes) {
            String reason = unfitReason(pod, n);
            reasons.merge(reason == null ? "node(s) had volume node affinity conflict" : reason, 1, Integer::sum);
        }
        String summary = reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted()
                .collect(java.util.stream.Collectors.joining(", "));
        return "0/" + nodes.size() + " nodes are available: " + summary + ". preemption: 0/" + nodes.size()
                + " nodes are available: " + nodes.size() + " Preemption is not helpful for scheduling.";
    }

    private static boolean matchesSelector(JsonNode pod, JsonNode node) {
        return LabelSelectorMatcher.matchesMap(Json.stringMap(pod, "spec", "nodeSelector"), Json.labels(node));
    }

    /**
     * Whether every volume bound to the pod's claims may be used on the node: a volume with node affinity (one
     * provisioned for a WaitForFirstConsumer claim) lists the hostnames it is reachable from.
     */
    private boolean matchesVolumes(JsonNode pod, JsonNode node) {
        for (String claimName : Pods.claimNames(pod)) {
            String volume = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(pod), claimName)
                    .map(c -> Json.str(c, "spec", "volumeName")).orElse(null);
            if (volume == null || volume.isEmpty()) {
                continue;
            }
            Optional<ObjectNode> pv = store.find(ResourceTypes.PERSISTENT_VOLUME, null, volume);
            if (pv.isPresent() && !volumeReachableFrom(pv.get(), node)) {
                return false;
            }
        }
        return true;
    }

    /** A volume's required node affinity: any term whose In/NotIn label expressions all hold for the node. */
    static boolean volumeReachableFrom(JsonNode pv, JsonNode node) {
        List<JsonNode> terms = Json.list(pv, "spec", "nodeAffinity", "required", "nodeSelectorTerms");
        if (terms.isEmpty()) {
            return true;
        }
        Map<String, String> labels = Json.labels(node);
        return terms.stream().anyMatch(term -> Json.list(term, "matchExpressions").stream()
                .allMatch(expr -> LabelSelectorMatcher.expressionHolds(expr, labels)));
    }

    private Result unschedulable(ObjectNode pod, String message) {
        String now = Json.time(clock.instant());
        store.modify(ResourceTypes.POD, Json.namespace(pod), Json.name(pod), true,
                p -> PodStatus.setCondition(p, "PodScheduled", "False", "Unschedulable", message, now));
        events.record(pod, EventRecorder.WARNING, "FailedScheduling", message, COMPONENT);
        return Result.after(UNSCHEDULABLE_RETRY);
    }

    /**
     * Whether another pod holds the ReadWriteOncePod claim: one already placed, or an older one still waiting its
     * turn (the scheduling queue takes pods oldest first), unless that one is itself unschedulable.
     */
    private boolean usedByAnotherPod(ObjectNode pod, String claimName) {
        return store.cache().podsUsingClaim(Json.namespace(pod), claimName).stream()
                .filter(p -> !Json.uid(p).equals(Json.uid(pod)) && Pods.usesVolumes(p))
                .filter(p -> Pods.claimNames(p).contains(claimName))
                .anyMatch(p -> Pods.nodeName(p) != null || (!Json.isTerminating(p) && olderThan(p, pod)
                        && !"False".equals(Pods.conditionStatus(p, "PodScheduled"))));
    }

    private static boolean olderThan(ObjectNode a, ObjectNode b) {
        int byTime = Json.strOr(a, "", "metadata", "creationTimestamp")
                .compareTo(Json.strOr(b, "", "metadata", "creationTimestamp"));
        return byTime != 0 ? byTime < 0 : Json.name(a).compareTo(Json.name(b)) < 0;
    }

    /**
     * Whether an Immediate claim has stayed unbound for more than two seconds: the binder normally binds within
     * milliseconds, so only a claim nothing can satisfy gets the pod a FailedScheduling event.
     */
    private boolean unboundForLong(JsonNode claim) {
        java.time.Instant created = Json.parseTime(Json.str(claim, "metadata", "creationTimestamp"));
        return created != null && created.plusSeconds(2).isBefore(clock.instant());
    }

    private boolean waitsForFirstConsumer(JsonNode claim) {
        String cls = Json.str(claim, "spec", "storageClassName");
        if (cls == null || cls.isEmpty()) {
            return false;
        }
        return store.find(ResourceTypes.STORAGE_CLASS, null, cls)
                .map(sc -> "WaitForFirstConsumer".equals(Json.str(sc, "volumeBindingMode"))).orElse(false);
    }

    /**
     * Among feasible nodes: fewest pods of the same owner, then fewest pods overall, then name: spreading like the
     * default scheduler.
     */
    private String pickNode(ObjectNode pod, List<ObjectNode> nodes) {
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
            total.put(Json.name(node), store.cache().countActivePodsOnNode(Json.name(node)));
        }
        assumed.forEach((uid, a) -> {
            if (store.cache().byUid(uid).map(p -> Pods.nodeName(p) == null).orElse(false)) {
                total.merge(a.node(), 1, Integer::sum);
                if (ownerUid != null && ownerUid.equals(a.ownerUid())) {
                    sameOwner.merge(a.node(), 1, Integer::sum);
                }
            }
        });
        return nodes.stream()
                .map(Json::name)
                .min(Comparator.<String>comparingInt(n -> sameOwner.getOrDefault(n, 0))
                        .thenComparingInt(n -> total.getOrDefault(n, 0))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(Json.name(nodes.get(0)));
    }
}
