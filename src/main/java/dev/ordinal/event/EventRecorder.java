package dev.ordinal.event;

import java.time.Clock;
import java.util.List;

import dev.ordinal.api.ApiException;
import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.store.NameGenerator;
import dev.ordinal.store.ResourceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records core/v1 Events through the store, as Kubernetes' event recorder does: the same reason and message on the
 * same object increments {@code count} and moves {@code lastTimestamp} instead of adding an event.
 */
@Service
public class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

    private final ResourceStore store;
    private final Clock clock;

    public EventRecorder(ResourceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records an event about {@code involved} from {@code component}. Never throws: a failure to record an event
     * must not fail the work it describes.
     */
    public void record(JsonNode involved, String type, String reason, String message, String component) {
        try {
            doRecord(involved, type, reason, message, component);
        } catch (RuntimeException e) {
            log.debug("could not record event {} on {}: {}", reason, Json.name(involved), e.getMessage());
        }
    }

    private void doRecord(JsonNode involved, String type, String reason, String message, String component) {
        String ns = Json.namespace(involved).isEmpty() ? "default" : Json.namespace(involved);
        String now = Json.time(clock.instant());
        // Correlated in memory, as client-go's EventCorrelator does: the informer cache indexes events by object.
        List<ObjectNode> similar = store.cache().eventsAbout(Json.uid(involved)).stream()
                .filter(e -> ns.equals(Json.namespace(e)) && reason.equals(Json.str(e, "reason"))
                        && message.equals(Json.str(e, "message")))
                .toList();
        if (!similar.isEmpty()) {
            ObjectNode existing = similar.get(0);
            store.modify(ResourceTypes.EVENT, ns, Json.name(existing), false, e -> {
                e.put("count", Json.integer(e, 1, "count") + 1);
                e.put("lastTimestamp", now);
            });
            return;
        }
        ObjectNode ev = Json.object();
        ev.put("apiVersion", "v1");
        ev.put("kind", "Event");
        ObjectNode meta = ev.putObject("metadata");
        meta.put("name", Json.name(involved) + "." + Long.toHexString(System.nanoTime()) + NameGenerator.randomSuffix(3));
        meta.put("namespace", ns);
        ObjectNode ref = ev.putObject("involvedObject");
        ref.put("kind", Json.kind(involved));
        if (!Json.namespace(involved).isEmpty()) {
            ref.put("namespace", Json.namespace(involved));
        }
        ref.put("name", Json.name(involved));
        ref.put("uid", Json.uid(involved));
        ref.put("apiVersion", Json.str(involved, "apiVersion"));
        ref.put("resourceVersion", Json.str(involved, "metadata", "resourceVersion"));
        ev.put("reason", reason);
        ev.put("message", message);
        ev.putObject("source").put("component", component);
        ev.put("firstTimestamp", now);
        ev.put("lastTimestamp", now);
        ev.put("count", 1);
        ev.put("type", type);
        ev.putNull("eventTime");
        ev.put("reportingComponent", component);
        ev.put("reportingInstance", "");
        try {
            store.create(ResourceTypes.EVENT, ns, ev);
        } catch (ApiException e) {
            log.debug("event not recorded: {}", e.getMessage());
        }
    }
}
