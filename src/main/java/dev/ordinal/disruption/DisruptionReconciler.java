package dev.ordinal.disruption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.api.validation.LabelSelectors;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.core.LabelSelectorMatcher;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The disruption controller: keeps each PodDisruptionBudget's status ({@code expectedPods}, {@code desiredHealthy},
 * {@code currentHealthy}, {@code disruptionsAllowed}, {@code disruptedPods} and the {@code DisruptionAllowed}
 * condition) current as its pods and their controllers change. The eviction subresource reads that status.
 */
@Component
public class DisruptionReconciler implements Reconciler {
    static final String COMPONENT = "controllermanager";
    private static final List<ResourceType> CONTROLLERS = List.of(ResourceTypes.STATEFUL_SET,
            ResourceTypes.REPLICA_SET, ResourceTypes.REPLICATION_CONTROLLER);

    private final ResourceStore store;
    private final EventRecorder events;
    private final Clock clock;

    public DisruptionReconciler(ResourceStore store, EventRecorder events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "disruption";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.POD_DISRUPTION_BUDGET;
    }

    /** A budget's own change, a change of a pod it selects, or a scale change of a controller in its namespace. */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        if (type.equals(ResourceTypes.POD_DISRUPTION_BUDGET)) {
            return event.type().equals("DELETED") ? List.of() : List.of(Key.of(event.object()));
        }
        if (!type.equals(ResourceTypes.POD) && !CONTROLLERS.contains(type)) {
            return List.of();
        }
        List<ObjectNode> budgets = store.cache().list(ResourceTypes.POD_DISRUPTION_BUDGET, Json.namespace(event.object()));
        if (type.equals(ResourceTypes.POD)) {
            Map<String, String> labels = Json.labels(event.object());
            budgets = budgets.stream().filter(b -> selects(b, labels)).toList();
        }
        return budgets.stream().map(Key::of).toList();
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.POD_DISRUPTION_BUDGET, key.namespace(), key.name());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        ObjectNode pdb = found.get();
        Instant now = clock.instant();
        DisruptionPlanner.Outcome out;
        try {
            out = DisruptionPlanner.plan(snapshot(pdb, now));
        } catch (IllegalArgumentException badSpec) {
            out = new DisruptionPlanner.Outcome(0, 0, 0, 0, Map.of(), badSpec.getMessage(), false, null);
        }
        if (out.noPods()) {
            events.record(pdb, EventRecorder.NORMAL, "NoPods", "No matching pods found", COMPONENT);
        }
        if (out.failure() != null) {
            events.record(pdb, EventRecorder.WARNING, "CalculateExpectedPodCountFailed",
                    "Failed to calculate the number of expected pods: " + out.failure(), COMPONENT);
        }
        DisruptionPlanner.Outcome result = out;
        long generation = Json.at(pdb, "metadata", "generation").asLong(1);
        store.modify(ResourceTypes.POD_DISRUPTION_BUDGET, key.namespace(), key.name(), true,
                b -> writeStatus(b, result, generation, now));
        return result.recheckAt() == null ? Result.DONE
                : Result.after(Duration.between(now, result.recheckAt()).plusMillis(10));
    }

    private DisruptionPlanner.Snapshot snapshot(ObjectNode pdb, Instant now) {
        List<DisruptionPlanner.PodFacts> pods = new ArrayList<>();
        Map<String, Integer> replicas = new HashMap<>();
        Map<String, String> noLabels = Map.of();
        for (ObjectNode pod : store.cache().list(ResourceTypes.POD, Json.namespace(pdb))) {
            Map<String, String> labels = Json.labels(pod);
            if (!selects(pdb, labels == null ? noLabels : labels)) {
                continue;
            }
            JsonNode ref = Json.controllerRef(pod);
            String uid = ref == null ? null : Json.str(ref, "uid");
            if (uid != null) {
                store.cache().byUid(uid).ifPresent(c -> replicas.put(uid, Json.integer(c, 1, "spec", "replicas")));
            }
            pods.add(new DisruptionPlanner.PodFacts(Json.name(pod), Pods.conditionTrue(pod, "Ready"),
                    Json.isTerminating(pod), uid, Json.parseTime(Json.str(pod, "metadata", "creationTimestamp"))));
        }
        Map<String, Instant> disrupted = new HashMap<>();
        JsonNode map = Json.at(pdb, "status", "disruptedPods");
        if (map.isObject()) {
            map.properties().forEach(e -> {
                Instant t = Json.parseTime(e.getValue().asString());
                if (t != null) {
                    disrupted.put(e.getKey(), t);
                }
            });
        }
        JsonNode spec = pdb.path("spec");
        return new DisruptionPlanner.Snapshot(IntOrPercent.read(spec.path("minAvailable")),
                IntOrPercent.read(spec.path("maxUnavailable")), pods, replicas, disrupted, now);
    }

    /** Sets the computed status and the DisruptionAllowed condition (SufficientPods, InsufficientPods, SyncFailed). */
    static void writeStatus(ObjectNode pdb, DisruptionPlanner.Outcome out, long generation, Instant now) {
        ObjectNode status = Json.with(pdb, "status");
        status.put("observedGeneration", generation);
        status.put("disruptionsAllowed", out.disruptionsAllowed());
        status.put("currentHealthy", out.currentHealthy());
        status.put("desiredHealthy", out.desiredHealthy());
        status.put("expectedPods", out.expectedPods());
        if (out.disruptedPods().isEmpty()) {
            status.remove("disruptedPods");
        } else {
            ObjectNode map = status.putObject("disruptedPods");
            out.disruptedPods().forEach((name, t) -> map.put(name, Json.time(t)));
        }
        String reason;
        String cond;
        String message = "";
        if (out.failure() != null) {
            reason = "SyncFailed";
            cond = "False";
            message = out.failure();
        } else if (out.disruptionsAllowed() > 0) {
            reason = "SufficientPods";
            cond = "True";
        } else {
            reason = "InsufficientPods";
            cond = "False";
        }
        setCondition(pdb, cond, reason, message, generation, now);
    }

    /** The {@code DisruptionAllowed} condition, its transition time kept while its status does not change. */
    static void setCondition(ObjectNode pdb, String cond, String reason, String message, long generation, Instant now) {
        ObjectNode status = Json.with(pdb, "status");
        ObjectNode c = Json.object();
        c.put("type", "DisruptionAllowed");
        c.put("status", cond);
        c.put("observedGeneration", generation);
        c.put("lastTransitionTime", Json.time(now));
        c.put("reason", reason);
        c.put("message", message);
        for (JsonNode old : Json.list(pdb, "status", "conditions")) {
            if ("DisruptionAllowed".equals(Json.str(old, "type")) && cond.equals(Json.str(old, "status"))) {
                c.put("lastTransitionTime", Json.str(old, "lastTransitionTime"));
            }
        }
        status.putArray("conditions").add(c);
    }

    /** Whether the budget selects pods with these labels; an empty or missing selector selects none. */
    static boolean selects(JsonNode pdb, Map<String, String> labels) {
        JsonNode selector = Json.at(pdb, "spec", "selector");
        return LabelSelectorMatcher.matchesNonEmpty(selector, labels);
    }

}
