package dev.ordinal.controller;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Building, adding and removing ownerReferences, as {@code metav1.NewControllerRef} and client-go's
 * {@code ControllerRefManager} (adopt and release in {@code ClaimObject}) do. Every controller that owns objects uses
 * these, so an owner reference has one shape.
 */
public final class OwnerReferences {
    private OwnerReferences() {
    }

    /**
     * The controller reference to {@code owner} of kind {@code kind} in {@code apiVersion}: name, uid,
     * {@code controller: true} and {@code blockOwnerDeletion: true} ({@code NewControllerRef}).
     */
    public static ObjectNode controllerRef(String apiVersion, String kind, JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", apiVersion);
        ref.put("kind", kind);
        ref.put("name", Json.name(owner));
        ref.put("uid", Json.uid(owner));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    /** Appends a copy of {@code ref} to the object's {@code metadata.ownerReferences}, in place. */
    public static void add(ObjectNode obj, JsonNode ref) {
        JsonNode existing = Json.meta(obj).get("ownerReferences");
        ArrayNode refs = existing != null && existing.isArray() ? (ArrayNode) existing
                : Json.meta(obj).putArray("ownerReferences");
        refs.add(ref.deepCopy());
    }

    /**
     * Adopts an orphan ({@code AdoptPod}): adds {@code controllerRef} when the object has no controller and is not
     * being deleted, in place. Returns whether the object is now controlled by the reference's owner.
     */
    public static boolean adopt(ObjectNode obj, JsonNode controllerRef) {
        if (Json.controllerRef(obj) == null && !Json.isTerminating(obj)) {
            add(obj, controllerRef);
        }
        return isControlledBy(obj, Json.str(controllerRef, "uid"));
    }

    /**
     * Releases an object ({@code ReleasePod}): removes every reference to {@code ownerUid}, in place, and the list
     * itself when it ends up empty, as the API server omits it.
     */
    public static void release(ObjectNode obj, String ownerUid) {
        remove(obj, java.util.Set.of(ownerUid));
    }

    /** Removes the references whose uid is in {@code ownerUids}, in place; the field goes when none is left. */
    public static void remove(ObjectNode obj, java.util.Set<String> ownerUids) {
        ArrayNode kept = Json.array();
        for (JsonNode ref : Json.list(obj, "metadata", "ownerReferences")) {
            if (!ownerUids.contains(Json.str(ref, "uid"))) {
                kept.add(ref);
            }
        }
        if (kept.isEmpty()) {
            Json.meta(obj).remove("ownerReferences");
        } else {
            Json.meta(obj).set("ownerReferences", kept);
        }
    }

    /** Whether the object's controller reference names {@code ownerUid}. */
    public static boolean isControlledBy(JsonNode obj, String ownerUid) {
        JsonNode ref = Json.controllerRef(obj);
        return ref != null && ownerUid != null && ownerUid.equals(Json.str(ref, "uid"));
    }
}
