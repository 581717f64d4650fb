package dev.ordinal.node;

import dev.ordinal.controller.Taints;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' DefaultTolerationSeconds admission: a new pod that does not already tolerate the
 * {@code node.kubernetes.io/not-ready} or {@code node.kubernetes.io/unreachable} NoExecute taint gets a toleration
 * for it with {@code tolerationSeconds} (300 by default), so it stays that long on a node that fails before the
 * taint manager evicts it.
 */
public final class DefaultTolerations {

    private DefaultTolerations() {
    }

    /** Adds the missing default tolerations to a pod spec, in place. */
    public static void apply(ObjectNode spec, long seconds) {
        JsonNode existing = spec.path("tolerations");
        if (!existing.isMissingNode() && !existing.isNull() && !existing.isArray()) {
            return; // Left for validation to report.
        }
        boolean notReady = false;
        boolean unreachable = false;
        for (JsonNode t : Json.list(spec, "tolerations")) {
            String key = Json.strOr(t, "", "key");
            String effect = Json.strOr(t, "", "effect");
            boolean noExecute = effect.isEmpty() || effect.equals(Taints.NO_EXECUTE);
            notReady |= noExecute && (key.isEmpty() || key.equals(Taints.NOT_READY));
            unreachable |= noExecute && (key.isEmpty() || key.equals(Taints.UNREACHABLE));
        }
        if (notReady && unreachable) {
            return;
        }
        ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
                ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        if (!notReady) {
            add(tolerations, Taints.NOT_READY, seconds);
        }
        if (!unreachable) {
            add(tolerations, Taints.UNREACHABLE, seconds);
        }
    }

    private static void add(ArrayNode tolerations, String key, long seconds) {
        ObjectNode t = tolerations.addObject();
        t.put("key", key);
        t.put("operator", "Exists");
        t.put("effect", Taints.NO_EXECUTE);
        t.put("tolerationSeconds", seconds);
    }
}
