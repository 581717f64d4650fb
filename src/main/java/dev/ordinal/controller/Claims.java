package dev.ordinal.controller;

import dev.ordinal.core.Json;
import dev.ordinal.core.ObjectIndex;
import tools.jackson.databind.JsonNode;

/**
 * The claim facts the scheduler, the kubelet and the claim binder share, as Kubernetes' volume binding code reads
 * them: the node a WaitForFirstConsumer claim was scheduled for, and whether a claim is bound to a volume.
 */
public final class Claims {
    /** Set by the scheduler on a WaitForFirstConsumer claim: provision its volume for this node. */
    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";

    /** The PersistentVolumeClaim definition's cache index by bound volume ({@code spec.volumeName}). */
    public static final ObjectIndex VOLUME_NAME = ObjectIndex.single("spec.volumeName", Claims::volumeName);

    private Claims() {
    }

    /** The node the scheduler selected for the claim, or null. */
    public static String selectedNode(JsonNode claim) {
        return Json.annotation(claim, SELECTED_NODE);
    }

    /** Phase Bound. */
    public static boolean isBound(JsonNode claim) {
        return "Bound".equals(Json.str(claim, "status", "phase"));
    }

    /** The volume the claim is bound to ({@code spec.volumeName}), or null. */
    public static String volumeName(JsonNode claim) {
        return Json.str(claim, "spec", "volumeName");
    }
}
