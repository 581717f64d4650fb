package dev.ordinal.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.api.validation.Quantity;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** ResourceQuota (v1): {@code spec.hard} holds non-negative quantities; the status is the quota controller's. */
@Component
public class ResourceQuotaStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.RESOURCE_QUOTA;
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode hard = Json.at(obj, "spec", "hard");
        if (hard.isObject()) {
            for (Map.Entry<String, JsonNode> e : hard.properties()) {
                String field = "spec.hard[" + e.getKey() + "]";
                Quantity.requireValid(e.getValue(), "ResourceQuota");
                if (Quantity.parse(e.getValue()).signum() < 0) {
                    errors.add(FieldError.invalidString(field, e.getValue().asString(),
                            "must be greater than or equal to 0"));
                }
            }
        }
        return errors;
    }
}
