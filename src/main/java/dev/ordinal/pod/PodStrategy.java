package dev.ordinal.pod;

import java.util.ArrayList;
import java.util.List;

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
 * Pod defaults (pod-spec defaults plus what admission adds), the Pending phase of a new pod, ValidatePodSpec and
 * the pod update rule that leaves only images, activeDeadlineSeconds, tolerations and the grace period mutable.
 */
@Component
public class PodStrategy implements KindStrategy {
    private final long defaultTolerationSeconds;

    public PodStrategy() {
        this(300);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public PodStrategy(dev.ordinal.node.NodeLifecycleProperties nodeLifecycle) {
        this(nodeLifecycle.defaultTolerationSeconds());
    }

    PodStrategy(long defaultTolerationSeconds) {
        this.defaultTolerationSeconds = defaultTolerationSeconds;
    }

    @Override
    public ResourceType type() {
        return ResourceTypes.POD;
    }

    /** Applies SetDefaults_PodSpec and SetDefaults_Pod, and the serviceAccount and priority admission defaults. */
    @Override
    public void defaults(ObjectNode obj) {
        PodSpecs.podDefaults(Json.with(obj, "spec"));
        // Mutating admission (DefaultTolerationSeconds) runs before validation, as in the API server.
        dev.ordinal.node.DefaultTolerations.apply(Json.with(obj, "spec"), defaultTolerationSeconds);
    }

    /** A new pod starts in phase Pending with QoS class computed from its resources. */
    @Override
    public void initialStatus(ObjectNode obj) {
        ObjectNode status = Json.with(obj, "status");
        if (Values.text(status.path("phase")).isEmpty()) {
            status.put("phase", "Pending");
        }
        if (!status.has("qosClass")) {
            status.put("qosClass", qosClass(obj.path("spec")));
        }
    }

    /** Kubernetes' QoS class of a pod spec: Guaranteed, Burstable or BestEffort. */
    static String qosClass(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : Json.list(spec, list)) {
                JsonNode requests = c.path("resources").path("requests");
                JsonNode limits = c.path("resources").path("limits");
                if (!Values.isEmpty(requests) || !Values.isEmpty(limits)) {
                    any = true;
                }
                for (String r : List.of("cpu", "memory")) {
                    JsonNode l = limits.path(r);
                    JsonNode q = requests.path(r);
                    if (l.isMissingNode() || (!q.isMissingNode() && !Values.text(q).equals(Values.text(l))
                            && dev.ordinal.api.validation.Quantity.compare(q, l) != 0)) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    /** ValidatePodSpec at {@code spec}. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return PodSpecs.validateSpec(obj.path("spec"), "spec", "Pod", List.of());
    }

    /** The spec rules on the new pod, then ValidatePodUpdate's immutability rule. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        errs.addAll(PodSpecs.validateUpdate(obj.path("spec"), old.path("spec")));
        return errs;
    }

    /** Pod status updates: the phase must be one Kubernetes knows. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return Values.oneOf(obj.path("status").path("phase"), "status.phase", "Pending", "Running", "Succeeded",
                "Failed", "Unknown");
    }

    /**
     * Pods bound to a node terminate gracefully ({@code CheckGracefulDelete}): the period the delete asks for, else
     * {@code spec.terminationGracePeriodSeconds}, else 30; an unscheduled or finished pod goes at once.
     */
    @Override
    public long gracePeriodSeconds(ObjectNode obj, Long requested) {
        if (Json.str(obj, "spec", "nodeName") == null) {
            return 0;
        }
        String phase = Json.str(obj, "status", "phase");
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            return 0;
        }
        if (requested != null) {
            return Math.max(0, requested);
        }
        JsonNode g = Json.at(obj, "spec", "terminationGracePeriodSeconds");
        return g.isNumber() ? g.asLong() : 30;
    }

    /** A terminating pod is removed once its grace period is zero: the node agent confirmed it stopped. */
    @Override
    public boolean readyToRemove(ObjectNode obj) {
        JsonNode g = Json.at(obj, "metadata", "deletionGracePeriodSeconds");
        return !g.isNumber() || g.asLong() == 0;
    }
}
