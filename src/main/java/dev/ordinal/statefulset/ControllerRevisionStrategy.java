package dev.ordinal.statefulset;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** ValidateControllerRevision and ValidateControllerRevisionUpdate: data required and immutable, revision >= 0. */
@Component
public class ControllerRevisionStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.CONTROLLER_REVISION;
    }

    /** Data is mandatory and the revision number is non-negative. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode data = obj.path("data");
        if (data.isMissingNode() || data.isNull()) {
            errs.add(FieldError.required("data", "data is mandatory"));
        }
        errs.addAll(Values.nonNegative(obj.path("revision"), "revision"));
        return errs;
    }

    /** The create rules, and data may never change (the revision number may, on rollback). */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        errs.addAll(Values.immutable(obj.path("data"), old.path("data"), "data"));
        return errs;
    }
}
