package dev.ordinal.controller;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** The node facts the kubelet simulation and the node controllers share. */
public final class Nodes {
    /** Marks a node whose simulated kubelet is stopped ({@code POST /apis/ordinal.dev/v1/nodes/{name}/fail}). */
    public static final String KUBELET_STOPPED = "sim.ordinal.dev/kubelet-stopped";

    private Nodes() {
    }

    /** The status lists that grow with the pods on a node: the scheduler and the pods' kubelet never read them. */
    private static final java.util.Set<String> VOLUME_LISTS = java.util.Set.of("volumesInUse", "volumesAttached",
            "images");

    /**
     * A copy of the node without its volume and image lists, which hold an entry per volume on the node: copying
     * them for every pod a scheduler or kubelet pass looks at made the cost of a pod grow with the pods on its node.
     */
    public static tools.jackson.databind.node.ObjectNode withoutVolumeLists(JsonNode node) {
        tools.jackson.databind.node.ObjectNode copy = Json.object();
        for (java.util.Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getKey().equals("status")) {
                copy.set(e.getKey(), e.getValue().deepCopy());
                continue;
            }
            tools.jackson.databind.node.ObjectNode status = copy.putObject("status");
            for (java.util.Map.Entry<String, JsonNode> s : e.getValue().properties()) {
                if (!VOLUME_LISTS.contains(s.getKey())) {
                    status.set(s.getKey(), s.getValue().deepCopy());
                }
            }
        }
        return copy;
    }

    /** Whether the node's simulated kubelet is stopped: it posts no heartbeats and runs no pods. */
    public static boolean kubeletStopped(JsonNode node) {
        return Json.annotation(node, KUBELET_STOPPED) != null;
    }
}
