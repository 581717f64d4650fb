package dev.ordinal.lease;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * coordination.k8s.io/v1 Lease, the object client-side leader election (client-go's and fabric8's LeaseLock) and
 * node heartbeats write. ValidateLeaseSpec: {@code leaseDurationSeconds} greater than 0 and
 * {@code leaseTransitions} not negative when set. Holders take a Lease by replacing it with its resourceVersion, so
 * optimistic concurrency (409) is what makes the election safe.
 */
@Component
public class LeaseStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.LEASE;
    }

    @Override
    public boolean resetStatusOnCreate() {
        return false;
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        JsonNode duration = spec.get("leaseDurationSeconds");
        if (duration != null && !duration.isNull() && duration.asLong() <= 0) {
            errs.add(FieldError.invalid("spec.leaseDurationSeconds", duration.asString(), "must be greater than 0"));
        }
        JsonNode transitions = spec.get("leaseTransitions");
        if (transitions != null && !transitions.isNull() && transitions.asLong() < 0) {
            errs.add(FieldError.invalid("spec.leaseTransitions", transitions.asString(),
                    "must be greater than or equal to 0"));
        }
        return errs;
    }
}
