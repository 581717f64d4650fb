package dev.ordinal.controller;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Node taints and pod tolerations, and whether one tolerates the other, as Kubernetes matches them. */
public final class Taints {
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String PREFER_NO_SCHEDULE = "PreferNoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private Taints() {
    }

    /** A node taint; {@code timeAdded} (RFC 3339) is set on NoExecute taints, else null. */
    public record Taint(String key, String value, String effect, String timeAdded) {
        public boolean sameAs(Taint o) {
            return key.equals(o.key) && effect.equals(o.effect);
        }
    }

    /** A pod toleration; {@code seconds} is {@code tolerationSeconds}, null for "forever". */
    public record Toleration(String key, String operator, String value, String effect, Long seconds) {
        /**
         * {@code ToleratesTaint}: the effect is empty or equal; the key is equal, or empty with operator Exists
         * (which tolerates every taint); Exists ignores the value, Equal (the default) compares it.
         */
        public boolean tolerates(Taint t) {
            if (effect != null && !effect.isEmpty() && !effect.equals(t.effect())) {
                return false;
            }
            boolean exists = "Exists".equals(operator);
            if (key == null || key.isEmpty()) {
                return exists;
            }
            if (!key.equals(t.key())) {
                return false;
            }
            return exists || nz(value).equals(nz(t.value()));
        }
    }

    public static List<Taint> of(JsonNode node) {
        List<Taint> out = new ArrayList<>();
        for (JsonNode t : Json.list(node, "spec", "taints")) {
            out.add(new Taint(Json.strOr(t, "", "key"), Json.str(t, "value"), Json.strOr(t, "", "effect"),
                    Json.str(t, "timeAdded")));
        }
        return out;
    }

    public static List<Toleration> tolerationsOf(JsonNode pod) {
        List<Toleration> out = new ArrayList<>();
        for (JsonNode t : Json.list(pod, "spec", "tolerations")) {
            JsonNode s = t.path("tolerationSeconds");
            out.add(new Toleration(Json.str(t, "key"), Json.str(t, "operator"), Json.str(t, "value"),
                    Json.str(t, "effect"), s.isNumber() ? s.asLong() : null));
        }
        return out;
    }

    /** Whether some toleration tolerates the taint. */
    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        return tolerations.stream().anyMatch(t -> t.tolerates(taint));
    }

    /** The taints as the node's {@code spec.taints} array. */
    public static ArrayNode toJson(List<Taint> taints) {
        ArrayNode a = Json.array();
        for (Taint t : taints) {
            var o = a.addObject();
            o.put("key", t.key());
            if (t.value() != null) {
                o.put("value", t.value());
            }
            o.put("effect", t.effect());
            if (t.timeAdded() != null) {
                o.put("timeAdded", t.timeAdded());
            }
        }
        return a;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
