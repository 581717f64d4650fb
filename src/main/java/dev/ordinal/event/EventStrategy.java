package dev.ordinal.event;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** core/v1 Events: ValidateEventCreate's namespace rule and a known type. */
@Component
public class EventStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.EVENT;
    }

    /** Events without a count start at 1, as the event recorder writes them. */
    @Override
    public void defaults(ObjectNode obj) {
        if (!obj.has("count") || obj.get("count").isNull()) {
            obj.put("count", 1);
        }
    }

    /**
     * The involved object's namespace must equal the event's; an event about a cluster-scoped object may live in
     * {@code default} (or no namespace), as ValidateEventCreate allows.
     */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        String ns = Json.namespace(obj);
        JsonNode involvedNs = Json.at(obj, "involvedObject", "namespace");
        String ins = Values.text(involvedNs);
        if (ins.isEmpty()) {
            if (!ns.isEmpty() && !ns.equals("default")) {
                errs.add(FieldError.invalidString("involvedObject.namespace", ins, "does not match event.namespace"));
            }
        } else if (!ins.equals(ns)) {
            errs.add(FieldError.invalidString("involvedObject.namespace", ins, "does not match event.namespace"));
        }
        errs.addAll(Values.oneOf(obj.path("type"), "type", "Normal", "Warning"));
        return errs;
    }
}
