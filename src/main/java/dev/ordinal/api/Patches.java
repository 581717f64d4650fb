package dev.ordinal.api;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Applies the patch formats Kubernetes accepts to a stored object. */
public final class Patches {
    public static final String MERGE = "application/merge-patch+json";
    public static final String STRATEGIC = "application/strategic-merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String APPLY = "application/apply-patch+yaml";

    private Patches() {
    }

    /** Returns a new object: {@code current} with {@code patch} applied according to {@code patchType}. */
    public static ObjectNode apply(ObjectNode current, JsonNode patch, String patchType) {
        return switch (patchType) {
            case MERGE -> mergePatch(current, patch);
            case STRATEGIC, APPLY -> mergePatch(current, patch);
            case JSON_PATCH -> throw ApiException.unsupportedMediaType(patchType);
            default -> throw ApiException.unsupportedMediaType(patchType);
        };
    }

    /** RFC 7386 JSON merge patch. */
    public static ObjectNode mergePatch(ObjectNode target, JsonNode patch) {
        if (!patch.isObject()) {
            throw ApiException.badRequest("json: cannot unmarshal " + patch.getNodeType() + " into Go value of type map[string]interface {}");
        }
        return (ObjectNode) merge(target.deepCopy(), patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode t = target != null && target.isObject() ? (ObjectNode) target : Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                t.remove(e.getKey());
            } else {
                t.set(e.getKey(), merge(t.get(e.getKey()), e.getValue()));
            }
        }
        return t;
    }
}
