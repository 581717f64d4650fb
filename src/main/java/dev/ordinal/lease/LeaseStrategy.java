package dev.ordinal.lease;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.FieldError;
import dev.ordinal.api.KindStrategy;
import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.api.validation.Values;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code coordination.k8s.io/v1} Lease, as Kubernetes validates it: {@code leaseDurationSeconds} and
 * {@code leaseTransitions} are positive and non-negative when set. Kubelets hold one per node in
 * {@code kube-node-lease}; clients use them for leader election.
 */
@Component
public class LeaseStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.LEASE;
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        JsonNode duration = spec.path("leaseDurationSeconds");
        if (duration.isNumber() && duration.asLong() <= 0) {
            errs.add(FieldError.invalid("spec.leaseDurationSeconds", duration.asString(), "must be greater than 0"));
        }
        errs.addAll(Values.nonNegative(spec.path("leaseTransitions"), "spec.leaseTransitions"));
        return errs;
    }
}
