package dev.ordinal.replicaset;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.LabelSelectors;
import dev.ordinal.api.validation.PodSpecs;
import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** ReplicaSet defaults (replicas 1, pod template defaults) and Kubernetes' ValidateReplicaSet rules. */
@Component
public class ReplicaSetStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.REPLICA_SET;
    }

    /** Sets replicas 1 and the pod template's defaults. */
    @Override
    public void defaults(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        PodSpecs.workloadDefaults(spec);
    }

    /** ValidateReplicaSetSpec: counts, a non-empty selector matching the template labels, and the pod template. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(Values.nonNegative(spec.path("replicas"), "spec.replicas"));
        errs.addAll(Values.nonNegative(spec.path("minReadySeconds"), "spec.minReadySeconds"));
        JsonNode selector = spec.path("selector");
        // "deployment": Kubernetes' own wording for ReplicaSets (shared with Deployments).
        LabelSelectors.Checked checked = LabelSelectors.validateRequired(selector, "spec.selector", "deployment");
        errs.addAll(checked.errors());
        boolean selectorOk = checked.usable();
        JsonNode template = spec.path("template");
        if (template.isObject() || spec.path("replicas").asLong(1) > 0) {
            if (selectorOk && !LabelSelectors.isEmpty(selector)
                    && !dev.ordinal.core.LabelSelectorMatcher.matches(selector, Json.stringMap(template, "metadata", "labels"))) {
                errs.add(LabelSelectors.templateMismatch(template));
            }
            errs.addAll(PodSpecs.validateTemplate(template, "spec.template", "ReplicaSet", List.of()));
            errs.addAll(PodSpecs.restartAlways(template, "spec.template"));
            JsonNode ads = Json.at(template, "spec", "activeDeadlineSeconds");
            if (!ads.isMissingNode() && !ads.isNull()) {
                errs.add(FieldError.invalid("spec.template.spec.activeDeadlineSeconds", Values.render(ads),
                        "activeDeadlineSeconds in ReplicaSet is not Supported"));
            }
        }
        return errs;
    }

    /** The create rules, plus the immutable selector of apps/v1 ReplicaSets. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        errs.addAll(Values.immutable(obj.path("spec").path("selector"), old.path("spec").path("selector"),
                "spec.selector"));
        return errs;
    }

    /** ValidateReplicaSetStatus: non-negative counts, none above status.replicas, available not above ready. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return replicaStatusErrors(obj.path("status"));
    }

    /** The status rules shared by ReplicaSets and ReplicationControllers. */
    public static List<FieldError> replicaStatusErrors(JsonNode status) {
        List<FieldError> errs = new ArrayList<>();
        for (String f : List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas",
                "observedGeneration")) {
            errs.addAll(Values.nonNegative(status.path(f), "status." + f));
        }
        long replicas = status.path("replicas").asLong(0);
        for (String f : List.of("fullyLabeledReplicas", "readyReplicas", "availableReplicas")) {
            JsonNode v = status.path(f);
            if (v.isNumber() && v.asLong() > replicas) {
                errs.add(FieldError.invalid("status." + f, v.asString(), "cannot be greater than status.replicas"));
            }
        }
        JsonNode available = status.path("availableReplicas");
        if (available.isNumber() && available.asLong() > status.path("readyReplicas").asLong(0)) {
            errs.add(FieldError.invalid("status.availableReplicas", available.asString(),
                    "cannot be greater than readyReplicas"));
        }
        return errs;
    }
}
