package dev.ordinal.statefulset;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.ClaimSpecs;
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

/**
 * StatefulSet defaults and validation as pkg/apis/apps/v1/defaults.go and pkg/apis/apps/validation/validation.go
 * define them, including the rule that only replicas, ordinals, template, updateStrategy,
 * persistentVolumeClaimRetentionPolicy and minReadySeconds may change.
 */
@Component
public class StatefulSetStrategy implements KindStrategy {
    static final String FORBIDDEN_UPDATE = "updates to statefulset spec for fields other than 'replicas', "
            + "'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
            + "'minReadySeconds' are forbidden";
    private static final List<String> UPDATABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    @Override
    public ResourceType type() {
        return ResourceTypes.STATEFUL_SET;
    }

    @Override
    public boolean nameIsDnsLabel() {
        return true;
    }

    /**
     * Sets replicas 1, podManagementPolicy OrderedReady, updateStrategy RollingUpdate with partition 0,
     * revisionHistoryLimit 10, retention policy Retain/Retain, the pod template's defaults and the claim templates'
     * defaults (volumeMode Filesystem, status phase Pending).
     */
    @Override
    public void defaults(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        if (Values.text(spec.path("podManagementPolicy")).isEmpty()) {
            spec.put("podManagementPolicy", "OrderedReady");
        }
        ObjectNode strategy = Json.with(spec, "updateStrategy");
        if (Values.text(strategy.path("type")).isEmpty()) {
            strategy.put("type", "RollingUpdate");
            if (!strategy.path("rollingUpdate").isObject()) {
                strategy.putObject("rollingUpdate");
            }
        }
        if ("RollingUpdate".equals(Json.str(strategy, "type")) && strategy.path("rollingUpdate").isObject()) {
            ObjectNode ru = (ObjectNode) strategy.get("rollingUpdate");
            if (!ru.has("partition") || ru.get("partition").isNull()) {
                ru.put("partition", 0);
            }
        }
        ObjectNode retention = Json.with(spec, "persistentVolumeClaimRetentionPolicy");
        for (String f : List.of("whenDeleted", "whenScaled")) {
            if (Values.text(retention.path(f)).isEmpty()) {
                retention.put(f, "Retain");
            }
        }
        PodSpecs.workloadDefaults(spec);
        if (!spec.has("revisionHistoryLimit") || spec.get("revisionHistoryLimit").isNull()) {
            spec.put("revisionHistoryLimit", 10);
        }
        for (JsonNode t : Json.list(spec, "volumeClaimTemplates")) {
            if (t.isObject()) {
                ObjectNode claim = (ObjectNode) t;
                if (!claim.has("apiVersion")) {
                    claim.put("apiVersion", "v1");
                }
                if (!claim.has("kind")) {
                    claim.put("kind", "PersistentVolumeClaim");
                }
                ClaimSpecs.defaults(Json.with(claim, "spec"));
                ObjectNode status = Json.with(claim, "status");
                if (Values.text(status.path("phase")).isEmpty()) {
                    status.put("phase", "Pending");
                }
            }
        }
    }

    /** ValidateStatefulSetSpec: policies, counts, selector, template and claim templates. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return validateSpec(obj.path("spec"));
    }

    static List<FieldError> validateSpec(JsonNode spec) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode pmp = spec.path("podManagementPolicy");
        String policy = Values.text(pmp);
        if (policy.isEmpty()) {
            errs.add(FieldError.required("spec.podManagementPolicy"));
        } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errs.add(FieldError.invalid("spec.podManagementPolicy", Values.render(pmp),
                    "must be 'OrderedReady' or 'Parallel'"));
        }
        JsonNode strategy = spec.path("updateStrategy");
        String type = Values.text(strategy.path("type"));
        JsonNode ru = strategy.path("rollingUpdate");
        boolean hasRu = !ru.isMissingNode() && !ru.isNull();
        switch (type) {
            case "" -> errs.add(FieldError.required("spec.updateStrategy"));
            case "OnDelete" -> {
                if (hasRu) {
                    errs.add(FieldError.invalid("spec.updateStrategy.rollingUpdate", Values.render(ru),
                            "only allowed for updateStrategy 'RollingUpdate'"));
                }
            }
            case "RollingUpdate" -> {
                if (hasRu) {
                    errs.addAll(Values.nonNegative(ru.path("partition"), "spec.updateStrategy.rollingUpdate.partition"));
                    JsonNode mu = ru.path("maxUnavailable");
                    if (mu.isNumber() && mu.asLong() < 1) {
                        errs.add(FieldError.invalid("spec.updateStrategy.rollingUpdate.maxUnavailable", mu.asString(),
                                "must be greater than 0"));
                    }
                }
            }
            default -> errs.add(FieldError.invalid("spec.updateStrategy", Values.render(strategy),
                    "must be 'RollingUpdate' or 'OnDelete'"));
        }
        JsonNode retention = spec.path("persistentVolumeClaimRetentionPolicy");
        if (retention.isObject()) {
            for (String f : List.of("whenDeleted", "whenScaled")) {
                JsonNode v = retention.path(f);
                String p = "spec.persistentVolumeClaimRetentionPolicy." + f;
                if (Values.text(v).isEmpty()) {
                    errs.add(FieldError.notSupported(p, "", "Retain", "Delete"));
                } else {
                    errs.addAll(Values.oneOf(v, p, "Retain", "Delete"));
                }
            }
        }
        errs.addAll(Values.nonNegative(spec.path("replicas"), "spec.replicas"));
        errs.addAll(Values.nonNegative(spec.path("minReadySeconds"), "spec.minReadySeconds"));
        if (spec.path("ordinals").isObject()) {
            errs.addAll(Values.nonNegative(spec.path("ordinals").path("start"), "spec.ordinals.start"));
            errs.addAll(ordinalRange(spec));
        }
        JsonNode selector = spec.path("selector");
        LabelSelectors.Checked checked = LabelSelectors.validateRequired(selector, "spec.selector", "statefulset");
        errs.addAll(checked.errors());
        boolean selectorOk = checked.usable();
        JsonNode template = spec.path("template");
        if (selectorOk && !LabelSelectors.isEmpty(selector)
                && !dev.ordinal.core.LabelSelectorMatcher.matches(selector, Json.stringMap(template, "metadata", "labels"))) {
            errs.add(LabelSelectors.templateMismatch(template));
        }
        errs.addAll(PodSpecs.validateTemplate(template, "spec.template", "StatefulSet",
                PodSpecs.claimTemplateNames(spec)));
        errs.addAll(PodSpecs.restartAlways(template, "spec.template"));
        JsonNode ads = Json.at(template, "spec", "activeDeadlineSeconds");
        if (!ads.isMissingNode() && !ads.isNull()) {
            errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in StatefulSet is not Supported"));
        }
        JsonNode templates = spec.path("volumeClaimTemplates");
        if (templates.isArray()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < templates.size(); i++) {
                JsonNode t = templates.get(i);
                String p = "spec.volumeClaimTemplates[" + i + "]";
                String name = Json.strOr(t, "", "metadata", "name");
                if (name.isEmpty()) {
                    errs.add(FieldError.required(p + ".metadata.name", "name or generateName is required"));
                } else {
                    errs.addAll(dev.ordinal.core.MetadataValidation.dnsSubdomain(p + ".metadata.name", name));
                    if (!seen.add(name)) {
                        errs.add(FieldError.duplicate(p + ".metadata.name", FieldError.quote(name)));
                    }
                }
                errs.addAll(ClaimSpecs.validate(t.path("spec"), p + ".spec", "StatefulSet"));
            }
        }
        return errs;
    }

    /**
     * The highest ordinal, {@code ordinals.start + replicas - 1}, must be an int32 like every ordinal (the
     * {@code apps.kubernetes.io/pod-index} label and the controller's arithmetic). Kubernetes validates only that
     * the start is non-negative; this rule keeps {@code start: 2147483647, replicas: 2} from naming pods past the
     * int32 range.
     */
    static List<FieldError> ordinalRange(JsonNode spec) {
        JsonNode start = spec.path("ordinals").path("start");
        JsonNode replicas = spec.path("replicas");
        if (!start.isIntegralNumber() || !start.canConvertToLong() || start.asLong() < 0) {
            return List.of();
        }
        long n = replicas.isIntegralNumber() && replicas.canConvertToLong() ? replicas.asLong() : 1;
        long last = start.asLong() + Math.max(n, 1) - 1;
        if (last <= Integer.MAX_VALUE) {
            return List.of();
        }
        return List.of(FieldError.invalid("spec.ordinals.start", start.asString(), "must be no more than "
                + (Integer.MAX_VALUE - Math.max(n, 1) + 1) + " when spec.replicas is " + n
                + ": the highest ordinal (start + replicas - 1) must not exceed " + Integer.MAX_VALUE));
    }

    /** The create rules on the new spec, then the forbidden-update rule against the old spec. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validateSpec(obj.path("spec")));
        ObjectNode clone = obj.path("spec").isObject() ? (ObjectNode) obj.get("spec").deepCopy() : Json.object();
        JsonNode oldSpec = old.path("spec").isObject() ? old.get("spec") : Json.object();
        for (String f : UPDATABLE) {
            if (oldSpec.has(f)) {
                clone.set(f, oldSpec.get(f).deepCopy());
            } else {
                clone.remove(f);
            }
        }
        if (!clone.equals(oldSpec)) {
            errs.add(FieldError.forbidden("spec", FORBIDDEN_UPDATE));
        }
        return errs;
    }

    /** ValidateStatefulSetStatus and the collisionCount rule of ValidateStatefulSetStatusUpdate. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        JsonNode status = obj.path("status");
        List<FieldError> errs = new ArrayList<>();
        for (String f : List.of("replicas", "readyReplicas", "currentReplicas", "updatedReplicas",
                "availableReplicas", "observedGeneration", "collisionCount")) {
            errs.addAll(Values.nonNegative(status.path(f), "status." + f));
        }
        long replicas = status.path("replicas").asLong(0);
        for (String f : List.of("readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas")) {
            JsonNode v = status.path(f);
            if (v.isNumber() && v.asLong() > replicas) {
                errs.add(FieldError.invalid("status." + f, v.asString(), "cannot be greater than status.replicas"));
            }
        }
        JsonNode available = status.path("availableReplicas");
        if (available.isNumber() && available.asLong() > status.path("readyReplicas").asLong(0)) {
            errs.add(FieldError.invalid("status.availableReplicas", available.asString(),
                    "cannot be greater than status.readyReplicas"));
        }
        JsonNode oldCollisions = old.path("status").path("collisionCount");
        JsonNode collisions = status.path("collisionCount");
        if (oldCollisions.isNumber() && (!collisions.isNumber() || collisions.asLong() < oldCollisions.asLong())) {
            errs.add(FieldError.invalid("status.collisionCount", collisions.isNumber() ? collisions.asString() : "0",
                    "cannot be decremented"));
        }
        return errs;
    }
}
