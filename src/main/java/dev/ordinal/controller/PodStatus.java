package dev.ordinal.controller;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Edits of a pod's status as the kubelet and scheduler write it. */
public final class PodStatus {
    private static final java.util.List<String> ORDER = java.util.List.of("PodReadyToStartContainers", "Initialized",
            "Ready", "ContainersReady", "PodScheduled");
    private PodStatus() {
    }

    /**
     * Sets a condition, keeping its lastTransitionTime when the status does not change, in Kubernetes' condition
     * order (PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled as kubectl shows them).
     */
    public static void setCondition(ObjectNode pod, String type, String status, String reason, String message,
                                    String now) {
        ObjectNode st = Json.with(pod, "status");
        ArrayNode conds = st.has("conditions") && st.get("conditions").isArray()
                ? (ArrayNode) st.get("conditions") : st.putArray("conditions");
        for (JsonNode c : conds) {
            if (type.equals(Json.str(c, "type"))) {
                ObjectNode oc = (ObjectNode) c;
                if (!status.equals(Json.str(c, "status"))) {
                    oc.put("lastTransitionTime", now);
                }
                oc.put("status", status);
                putOrRemove(oc, "reason", reason);
                putOrRemove(oc, "message", message);
                return;
            }
        }
        ObjectNode c = Json.object();
        int at = conds.size();
        for (int i = 0; i < conds.size(); i++) {
            if (ORDER.indexOf(Json.str(conds.get(i), "type")) > ORDER.indexOf(type)) {
                at = i;
                break;
            }
        }
        conds.insert(at, c);
        c.put("type", type);
        c.put("status", status);
        c.putNull("lastProbeTime");
        c.put("lastTransitionTime", now);
        putOrRemove(c, "reason", reason);
        putOrRemove(c, "message", message);
    }

    private static void putOrRemove(ObjectNode o, String field, String value) {
        if (value == null) {
            o.remove(field);
        } else {
            o.put(field, value);
        }
    }
}
