package dev.ordinal.disruption;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.LabelSelectors;
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
 * {@code policy/v1} PodDisruptionBudget: {@code minAvailable} or {@code maxUnavailable} (never both; a count of at
 * least 0 or a percentage up to 100%), a label selector, and the unhealthy-pod eviction policy. A new budget starts
 * with a zero status, as the API server gives it, until the disruption controller computes one.
 */
@Component
public class PodDisruptionBudgetStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.POD_DISRUPTION_BUDGET;
    }

    @Override
    public void initialStatus(ObjectNode obj) {
        ObjectNode status = Json.with(obj, "status");
        status.put("observedGeneration", 0);
        status.put("disruptionsAllowed", 0);
        status.put("currentHealthy", 0);
        status.put("desiredHealthy", 0);
        status.put("expectedPods", 0);
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        JsonNode min = spec.path("minAvailable");
        JsonNode max = spec.path("maxUnavailable");
        if (!Values.isEmpty(min) && !Values.isEmpty(max)) {
            errs.add(FieldError.invalid("spec", Values.render(spec), "minAvailable and maxUnavailable cannot be both set"));
        }
        errs.addAll(intOrPercent(min, "spec.minAvailable"));
        errs.addAll(intOrPercent(max, "spec.maxUnavailable"));
        errs.addAll(LabelSelectors.validate(spec.path("selector"), "spec.selector"));
        errs.addAll(Values.oneOf(spec.path("unhealthyPodEvictionPolicy"), "spec.unhealthyPodEvictionPolicy",
                "AlwaysAllow", "IfHealthyBudget"));
        return errs;
    }

    /** Kubernetes' ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
    private static List<FieldError> intOrPercent(JsonNode n, String field) {
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        IntOrPercent v;
        try {
            v = IntOrPercent.read(n);
        } catch (IllegalArgumentException e) {
            return List.of(FieldError.invalid(field, Values.render(n), "must be an integer or percentage (e.g '5%')"));
        }
        if (v.value() < 0) {
            return List.of(FieldError.invalid(field, Values.render(n), "must be greater than or equal to 0"));
        }
        if (v.percent() && v.value() > 100) {
            return List.of(FieldError.invalid(field, Values.render(n), "must not be greater than 100%"));
        }
        return List.of();
    }
}
