package dev.ordinal.replicaset;

import java.util.Map;

import dev.ordinal.api.ScaleSubresource;
import dev.ordinal.core.Json;
import dev.ordinal.core.LabelSelectorMatcher;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.JsonNode;

/**
 * The two kinds one replica controller serves, as Kubernetes' replica_set.go serves both: they differ only in their
 * API type, the component name on their events and the shape of their selector.
 */
public enum ReplicaSetKind {
    /** apps/v1 ReplicaSet: {@code spec.selector} is a LabelSelector (matchLabels and matchExpressions). */
    REPLICA_SET(ResourceTypes.REPLICA_SET, "replicaset-controller", "replicaset"),
    /** core v1 ReplicationController: {@code spec.selector} is a plain label map. */
    REPLICATION_CONTROLLER(ResourceTypes.REPLICATION_CONTROLLER, "replication-controller", "replicationcontroller");

    private final ResourceType type;
    private final String component;
    private final String reconcilerName;

    ReplicaSetKind(ResourceType type, String component, String reconcilerName) {
        this.type = type;
        this.component = component;
        this.reconcilerName = reconcilerName;
    }

    public ResourceType type() {
        return type;
    }

    /** The event source component, e.g. {@code replicaset-controller}. */
    public String component() {
        return component;
    }

    public String reconcilerName() {
        return reconcilerName;
    }

    /**
     * Whether the set's selector selects these labels. An empty selector selects nothing (validation refuses it for a
     * ReplicaSet; a ReplicationController without a selector is defaulted from its template labels, which this
     * method also falls back to), so a malformed set can never adopt every pod of its namespace.
     */
    public boolean selects(JsonNode set, Map<String, String> labels) {
        if (this == REPLICATION_CONTROLLER) {
            Map<String, String> selector = Json.stringMap(set, "spec", "selector");
            if (selector.isEmpty()) {
                selector = Json.stringMap(set, "spec", "template", "metadata", "labels");
            }
            return !selector.isEmpty() && LabelSelectorMatcher.matchesMap(selector, labels);
        }
        return LabelSelectorMatcher.matchesNonEmpty(Json.at(set, "spec", "selector"), labels);
    }
}
