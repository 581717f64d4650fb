package dev.ordinal.event;

import static dev.ordinal.api.table.Columns.NAME_DOC;
import static dev.ordinal.api.table.Columns.col;
import static dev.ordinal.api.table.Columns.name;
import static dev.ordinal.api.table.Columns.wide;

import java.time.Instant;
import java.util.List;

import dev.ordinal.api.table.Ages;
import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The Table columns of Event, as Kubernetes' printers (pkg/printers/internalversion) print them; the kind's
 * definition carries them.
 */
final class EventColumns {
    private EventColumns() {
    }

    static List<Column> event() {
        return List.of(
                col("Last Seen", "The time at which the most recent occurrence of this event was recorded.",
                        (o, now) -> eventLastSeen(o, now)),
                col("Type", "Type of this event (Normal, Warning), new types could be added in the future",
                        (o, now) -> Json.strOr(o, "", "type")),
                col("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
                        (o, now) -> Json.strOr(o, "", "reason")),
                col("Object", "The object that this event is about.", (o, now) -> {
                    String kind = Json.strOr(o, "", "involvedObject", "kind").toLowerCase();
                    String name = Json.strOr(o, "", "involvedObject", "name");
                    return name.isEmpty() ? kind : kind + "/" + name;
                }),
                wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.",
                        (o, now) -> Json.strOr(o, "", "involvedObject", "fieldPath")),
                wide("Source", "The component reporting this event.", (o, now) -> eventSource(o)),
                col("Message", "A human-readable description of the status of this operation.",
                        (o, now) -> Json.strOr(o, "", "message").strip()),
                wide("First Seen", "The time at which the event was first recorded.", (o, now) -> eventFirstSeen(o, now)),
                new Column("Count", "string", "", "The number of times this event has occurred.", 1,
                        (o, now) -> (long) eventCount(o)),
                new Column("Name", "string", "name", NAME_DOC, 1, (o, now) -> Json.name(o)));
    }

    private static String eventFirstSeen(JsonNode e, Instant now) {
        String first = Json.str(e, "firstTimestamp");
        if (first == null || first.isEmpty()) {
            return Ages.age(Json.str(e, "eventTime"), now);
        }
        return Ages.age(first, now);
    }

    private static String eventLastSeen(JsonNode e, Instant now) {
        if (Json.at(e, "series").isObject() && Json.str(e, "series", "lastObservedTime") != null) {
            return Ages.age(Json.str(e, "series", "lastObservedTime"), now);
        }
        String last = Json.str(e, "lastTimestamp");
        return last == null || last.isEmpty() ? eventFirstSeen(e, now) : Ages.age(last, now);
    }

    private static int eventCount(JsonNode e) {
        if (Json.at(e, "series").isObject()) {
            return Json.integer(e, 1, "series", "count");
        }
        int count = Json.integer(e, 0, "count");
        return count == 0 ? 1 : count;
    }

    private static String eventSource(JsonNode e) {
        String component = Json.strOr(e, "", "source", "component");
        String host = Json.strOr(e, "", "source", "host");
        if (component.isEmpty()) {
            component = Json.strOr(e, "", "reportingComponent");
            host = Json.strOr(e, "", "reportingInstance");
        }
        return host.isEmpty() ? component : component + ", " + host;
    }
}
