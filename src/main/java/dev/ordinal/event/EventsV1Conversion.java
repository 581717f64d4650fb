package dev.ordinal.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversion Kubernetes makes between core/v1 Event and events.k8s.io/v1 Event (pkg/apis/events/v1
 * conversion.go), both views of the same stored events: {@code note} is {@code message}, {@code regarding} is
 * {@code involvedObject}, {@code reportingController} is {@code reportingComponent}, and the core-only fields are
 * kept as {@code deprecatedSource}, {@code deprecatedFirstTimestamp}, {@code deprecatedLastTimestamp} and
 * {@code deprecatedCount}. Fields with the same name ({@code reason}, {@code type}, {@code action}, {@code related},
 * {@code eventTime}, {@code series}, {@code reportingInstance}) are copied.
 */
public final class EventsV1Conversion {
    /** events.k8s.io name → core name. */
    private static final Map<String, String> RENAMED = Map.of("note", "message", "regarding", "involvedObject",
            "reportingController", "reportingComponent", "deprecatedSource", "source",
            "deprecatedFirstTimestamp", "firstTimestamp", "deprecatedLastTimestamp", "lastTimestamp",
            "deprecatedCount", "count");
    private static final List<String> SAME = List.of("reason", "type", "action", "related", "eventTime", "series",
            "reportingInstance");

    private EventsV1Conversion() {
    }

    /** The events.k8s.io/v1 view of a stored core/v1 Event. */
    public static ObjectNode toV1(ObjectNode core) {
        ObjectNode out = Json.object();
        out.put("apiVersion", ResourceTypes.EVENT_V1.apiVersion());
        out.put("kind", "Event");
        out.set("metadata", core.path("metadata").deepCopy());
        // eventTime is required in events.k8s.io; legacy events have none and show null, as Kubernetes does.
        out.set("eventTime", core.has("eventTime") ? core.get("eventTime").deepCopy() : Json.F.nullNode());
        for (String f : SAME) {
            if (!f.equals("eventTime") && core.has(f)) {
                out.set(f, core.get(f).deepCopy());
            }
        }
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            JsonNode v = core.get(e.getValue());
            if (v != null && !v.isNull() && !(v.isObject() && v.isEmpty()) && !(v.isString() && v.asString().isEmpty())) {
                out.set(e.getKey(), v.deepCopy());
            }
        }
        return out;
    }

    /** The core/v1 Event stored for an events.k8s.io/v1 Event. */
    public static ObjectNode toCore(ObjectNode v1) {
        ObjectNode out = Json.object();
        out.put("apiVersion", "v1");
        out.put("kind", "Event");
        if (v1.has("metadata")) {
            out.set("metadata", v1.get("metadata").deepCopy());
        }
        for (String f : SAME) {
            if (v1.has(f) && !v1.get(f).isNull()) {
                out.set(f, v1.get(f).deepCopy());
            }
        }
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            if (v1.has(e.getKey()) && !v1.get(e.getKey()).isNull()) {
                out.set(e.getValue(), v1.get(e.getKey()).deepCopy());
            }
        }
        return out;
    }

    /**
     * ValidateEventCreate for events.k8s.io/v1: eventTime, reportingController, reportingInstance, action and reason
     * are required; type is Normal or Warning; note at most 1 kB.
     */
    public static List<FieldError> validateCreate(ObjectNode v1) {
        List<FieldError> errs = new ArrayList<>();
        if (Json.str(v1, "eventTime") == null || Json.str(v1, "eventTime").isEmpty()) {
            errs.add(FieldError.required("eventTime"));
        }
        String type = Json.strOr(v1, "", "type");
        if (!type.equals("Normal") && !type.equals("Warning")) {
            errs.add(FieldError.notSupported("type", type, "Normal", "Warning"));
        }
        for (String f : List.of("reportingController", "reportingInstance", "action", "reason")) {
            if (Json.strOr(v1, "", f).isEmpty()) {
                errs.add(FieldError.required(f));
            }
        }
        if (Json.strOr(v1, "", "note").length() > 1024) {
            errs.add(new FieldError("FieldValueTooLong", "note", "Too long: may not be more than 1024 bytes"));
        }
        return errs;
    }

    /** A field selector on events.k8s.io names ({@code regarding.name=web-0}) in the core names the store knows. */
    public static String coreFieldSelector(String selector) {
        if (selector == null || selector.isBlank()) {
            return selector;
        }
        List<String> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            String t = term;
            for (Map.Entry<String, String> e : RENAMED.entrySet()) {
                if (t.startsWith(e.getKey() + ".") || t.startsWith(e.getKey() + "=") || t.startsWith(e.getKey() + "!")) {
                    t = e.getValue() + t.substring(e.getKey().length());
                    break;
                }
            }
            terms.add(t);
        }
        return String.join(",", terms);
    }
}
