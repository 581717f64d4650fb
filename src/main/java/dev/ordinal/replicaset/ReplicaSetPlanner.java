package dev.ordinal.replicaset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.replicaset.ReplicaSetAction.AdoptPod;
import dev.ordinal.replicaset.ReplicaSetAction.CreatePods;
import dev.ordinal.replicaset.ReplicaSetAction.DeletePod;
import dev.ordinal.replicaset.ReplicaSetAction.ReleasePod;
import dev.ordinal.replicaset.ReplicaSetAction.UpdateStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what a ReplicaSet or ReplicationController needs, as Kubernetes' {@code syncReplicaSet} does, from a
 * snapshot of the set and the pods of its namespace. Pure: no I/O, no clock; the same snapshot and time always give
 * the same plan.
 * <ul>
 * <li>Only active pods count (not Failed, not Succeeded, not being deleted), so failed pods are replaced and left in
 * place, and a pod being deleted is replaced at once.</li>
 * <li>Claiming: a pod controlled by another owner is ignored; an orphan that the selector matches is adopted unless
 * the set is being deleted; a controlled pod whose labels no longer match is released unless the set is being
 * deleted.</li>
 * <li>Too few pods: one {@link CreatePods} of the missing count (at most 500) in slow-start batches. Too many: the
 * surplus (at most 500) by {@link PodRanking}. A set being deleted neither creates nor deletes.</li>
 * <li>Always last: the status of the claimed pods.</li>
 * </ul>
 */
public final class ReplicaSetPlanner {

    private ReplicaSetPlanner() {
    }

    /** The set and every pod of its namespace, as read at one moment. */
    public record Snapshot(ReplicaSetKind kind, JsonNode set, List<JsonNode> pods) {
    }

    /**
     * The actions in order, the pods the set claims after them, and when to look again for time-based progress
     * (a pod becoming available after minReadySeconds), or null when only a change needs to wake the set.
     */
    public record Plan(List<ReplicaSetAction> actions, List<JsonNode> claimed, Duration requeueAfter) {
        public <T extends ReplicaSetAction> List<T> actionsOf(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    public static Plan plan(Snapshot snapshot, Instant now) {
        JsonNode set = snapshot.set();
        ReplicaSetKind kind = snapshot.kind();
        String setUid = Json.uid(set);
        boolean setDeleting = Json.isTerminating(set);
        List<ReplicaSetAction> actions = new ArrayList<>();
        List<JsonNode> claimed = new ArrayList<>();
        for (JsonNode pod : snapshot.pods()) {
            if (!Pods.isActive(pod)) {
                continue;
            }
            boolean matches = kind.selects(set, Json.labels(pod));
            JsonNode controller = Json.controllerRef(pod);
            if (controller != null) {
                if (!Objects.equals(Json.str(controller, "uid"), setUid)) {
                    continue;
                }
                if (matches) {
                    claimed.add(pod);
                } else if (!setDeleting) {
                    actions.add(new ReleasePod(Json.name(pod), Json.uid(pod), setUid));
                }
            } else if (matches && !setDeleting) {
                ObjectNode ref = controllerRef(kind, set);
                actions.add(new AdoptPod(Json.name(pod), Json.uid(pod), ref));
                ObjectNode adopted = Json.copy(pod);
                ArrayNode refs = Json.meta(adopted).withArray("ownerReferences");
                refs.add(ref);
                claimed.add(adopted);
            }
        }
        if (!setDeleting) {
            int want = Json.integer(set, 1, "spec", "replicas");
            int diff = claimed.size() - want;
            if (diff < 0) {
                int count = Math.min(-diff, SlowStart.BURST);
                actions.add(new CreatePods(podFromTemplate(kind, set), SlowStart.batches(count)));
            } else if (diff > 0) {
                int count = Math.min(diff, SlowStart.BURST);
                for (JsonNode pod : PodRanking.podsToDelete(claimed, claimed, count, now)) {
                    actions.add(new DeletePod(Json.name(pod), Json.uid(pod)));
                }
            }
        }
        actions.add(new UpdateStatus(ReplicaSetStatusCalculator.compute(set, claimed, now)));
        return new Plan(List.copyOf(actions), List.copyOf(claimed), nextAvailability(set, claimed, now));
    }

    /**
     * The pod a set creates ({@code GetPodFromTemplate}): {@code generateName} "{set name}-", the template's labels,
     * annotations, finalizers and spec, and the set's controller ownerReference. The template's own name is ignored.
     */
    public static ObjectNode podFromTemplate(ReplicaSetKind kind, JsonNode set) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", ResourceTypes.POD.apiVersion());
        pod.put("kind", ResourceTypes.POD.kind());
        ObjectNode meta = pod.putObject("metadata");
        meta.put("generateName", prefix(Json.name(set)));
        meta.put("namespace", Json.namespace(set));
        JsonNode template = Json.at(set, "spec", "template");
        for (String field : List.of("labels", "annotations", "finalizers")) {
            JsonNode v = Json.at(template, "metadata", field);
            if (!v.isMissingNode() && !v.isNull()) {
                meta.set(field, v.deepCopy());
            }
        }
        meta.putArray("ownerReferences").add(controllerRef(kind, set));
        JsonNode spec = Json.at(template, "spec");
        pod.set("spec", spec.isObject() ? spec.deepCopy() : Json.object());
        return pod;
    }

    /** The controller ownerReference a set puts on its pods ({@code NewControllerRef}). */
    public static ObjectNode controllerRef(ReplicaSetKind kind, JsonNode set) {
        return OwnerReferences.controllerRef(kind.type().apiVersion(), kind.type().kind(), set);
    }

    /** "{name}-", or the bare name when the dash would make the prefix too long for a pod name (getPodsPrefix). */
    static String prefix(String name) {
        String prefix = name + "-";
        return prefix.length() > 253 ? name : prefix;
    }

    /** How long until the first Ready pod that is not yet available becomes available, or null. */
    private static Duration nextAvailability(JsonNode set, List<JsonNode> pods, Instant now) {
        int minReady = Json.integer(set, 0, "spec", "minReadySeconds");
        if (minReady <= 0) {
            return null;
        }
        Duration next = null;
        for (JsonNode pod : pods) {
            Instant since = Pods.readySince(pod);
            if (since == null || Pods.isAvailable(pod, minReady, now)) {
                continue;
            }
            // Availability is strictly after readySince + minReadySeconds, hence the extra millisecond.
            Duration wait = Duration.between(now, since.plusSeconds(minReady)).plusMillis(1);
            if (wait.isNegative()) {
                wait = Duration.ofMillis(1);
            }
            if (next == null || wait.compareTo(next) < 0) {
                next = wait;
            }
        }
        return next;
    }
}
