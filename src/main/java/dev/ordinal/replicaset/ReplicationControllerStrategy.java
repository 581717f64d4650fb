package dev.ordinal.replicaset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.api.validation.LabelSelectors;
import dev.ordinal.api.validation.PodSpecs;
import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.MetadataValidation;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ReplicationController defaults (replicas 1; selector and object labels taken from the template labels when
 * absent) and Kubernetes' ValidateReplicationController rules.
 */
@Component
public class ReplicationControllerStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.REPLICATION_CONTROLLER;
    }

    /** SetDefaults_ReplicationController plus the pod template's defaults. */
    /**
     * Kubernetes' {@code rcStrategy.DefaultGarbageCollectionPolicy}: a core/v1 ReplicationController deleted with no
     * propagation policy orphans its pods (kubectl sends Background explicitly, so {@code kubectl delete} cascades).
     */
    @Override
    public String defaultGarbageCollectionPolicy() {
        return "Orphan";
    }

    @Override
    public void defaults(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        JsonNode templateLabels = Json.at(spec, "template", "metadata", "labels");
        if (templateLabels.isObject()) {
            if (Values.isEmpty(spec.path("selector"))) {
                spec.set("selector", templateLabels.deepCopy());
            }
            if (Values.isEmpty(Json.at(obj, "metadata", "labels"))) {
                Json.meta(obj).set("labels", templateLabels.deepCopy());
            }
        }
        PodSpecs.workloadDefaults(spec);
    }

    /** ValidateReplicationControllerSpec: counts, a non-empty selector that matches the template, the template. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(Values.nonNegative(spec.path("minReadySeconds"), "spec.minReadySeconds"));
        Map<String, String> selector = Json.stringMap(spec, "selector");
        if (selector.isEmpty()) {
            errs.add(FieldError.required("spec.selector"));
        } else {
            errs.addAll(MetadataValidation.labels("spec.selector", spec.path("selector")));
        }
        errs.addAll(Values.nonNegative(spec.path("replicas"), "spec.replicas"));
        JsonNode template = spec.path("template");
        if (!template.isObject()) {
            errs.add(FieldError.required("spec.template"));
            return errs;
        }
        if (!selector.isEmpty()
                && !dev.ordinal.core.LabelSelectorMatcher.matchesMap(selector, Json.stringMap(template, "metadata", "labels"))) {
            errs.add(LabelSelectors.templateMismatch(template));
        }
        errs.addAll(PodSpecs.validateTemplate(template, "spec.template", "ReplicationController", List.of()));
        errs.addAll(PodSpecs.restartAlways(template, "spec.template"));
        JsonNode ads = Json.at(template, "spec", "activeDeadlineSeconds");
        if (!ads.isMissingNode() && !ads.isNull()) {
            errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in ReplicationController is not Supported"));
        }
        return errs;
    }

    /** ValidateReplicationControllerStatus: the same count rules as ReplicaSets. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return ReplicaSetStrategy.replicaStatusErrors(obj.path("status"));
    }
}
