package dev.ordinal.crd;

import java.time.Instant;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and sets a CRD's status conditions ({@code NamesAccepted}, {@code Established}, {@code Terminating}). */
public final class CrdConditions {
    private CrdConditions() {
    }

    public static boolean isTrue(JsonNode crd, String type) {
        for (JsonNode c : crd.path("status").path("conditions")) {
            if (type.equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets a condition in place; its {@code lastTransitionTime} changes only when its status does. Returns whether
     * anything changed.
     */
    public static boolean set(ObjectNode crd, String type, String status, String reason, String message, Instant now) {
        ObjectNode st = Json.with(crd, "status");
        ArrayNode conditions = st.get("conditions") instanceof ArrayNode a ? a : st.putArray("conditions");
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asString(""))) {
                ObjectNode o = (ObjectNode) c;
                boolean same = status.equals(o.path("status").asString("")) && reason.equals(o.path("reason").asString(""))
                        && message.equals(o.path("message").asString(""));
                if (same) {
                    return false;
                }
                if (!status.equals(o.path("status").asString(""))) {
                    o.put("lastTransitionTime", Json.time(now));
                }
                o.put("status", status);
                o.put("reason", reason);
                o.put("message", message);
                return true;
            }
        }
        ObjectNode c = conditions.addObject();
        c.put("type", type);
        c.put("status", status);
        c.put("lastTransitionTime", Json.time(now));
        c.put("reason", reason);
        c.put("message", message);
        return true;
    }
}
