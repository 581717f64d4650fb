package dev.ordinal.controller;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** The node facts the kubelet simulation and the node controllers share. */
public final class Nodes {
    /** Marks a node whose simulated kubelet is stopped ({@code POST /apis/ordinal.dev/v1/nodes/{name}/fail}). */
    public static final String KUBELET_STOPPED = "sim.ordinal.dev/kubelet-stopped";

    private Nodes() {
    }

    /** Whether the node's simulated kubelet is stopped: it posts no heartbeats and runs no pods. */
    public static boolean kubeletStopped(JsonNode node) {
        return Json.annotation(node, KUBELET_STOPPED) != null;
    }
}
