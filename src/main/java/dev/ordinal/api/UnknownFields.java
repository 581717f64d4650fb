package dev.ordinal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Finds fields a kind does not declare, for {@code fieldValidation=Strict|Warn}. Top-level, metadata and the
 * well-known spec fields of each kind are checked; deeper free-form parts (pod templates, container specs) are kept
 * as given, the way Kubernetes preserves them.
 */
public final class UnknownFields {
    private static final Set<String> META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    private static final Set<String> STANDARD_TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Map<String, Set<String>> EXTRA_TOP = Map.of(
            "Event", Set.of("involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp",
                    "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
                    "reportingInstance"),
            "StorageClass", Set.of("provisioner", "parameters", "reclaimPolicy", "mountOptions",
                    "allowVolumeExpansion", "volumeBindingMode", "allowedTopologies"),
            "ControllerRevision", Set.of("data", "revision"));
    private static final Map<String, Set<String>> SPEC = Map.of(
            "StatefulSet", Set.of("replicas", "selector", "template", "volumeClaimTemplates", "serviceName",
                    "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                    "persistentVolumeClaimRetentionPolicy", "ordinals"),
            "ReplicaSet", Set.of("replicas", "minReadySeconds", "selector", "template"),
            "ReplicationController", Set.of("replicas", "minReadySeconds", "selector", "template"),
            "PersistentVolumeClaim", Set.of("accessModes", "selector", "resources", "volumeName", "storageClassName",
                    "volumeMode", "dataSource", "dataSourceRef", "volumeAttributesClassName"));

    private UnknownFields() {
    }

    /** The dotted paths of undeclared fields in {@code obj}, in document order. */
    public static List<String> find(ResourceType type, JsonNode obj) {
        List<String> unknown = new ArrayList<>();
        Set<String> top = new java.util.HashSet<>(STANDARD_TOP);
        top.addAll(EXTRA_TOP.getOrDefault(type.kind(), Set.of()));
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (!top.contains(e.getKey())) {
                unknown.add(e.getKey());
            }
        }
        JsonNode meta = obj.get("metadata");
        if (meta != null && meta.isObject()) {
            for (Map.Entry<String, JsonNode> e : meta.properties()) {
                if (!META.contains(e.getKey())) {
                    unknown.add("metadata." + e.getKey());
                }
            }
        }
        Set<String> spec = SPEC.get(type.kind());
        JsonNode s = obj.get("spec");
        if (spec != null && s != null && s.isObject()) {
            for (Map.Entry<String, JsonNode> e : s.properties()) {
                if (!spec.contains(e.getKey())) {
                    unknown.add("spec." + e.getKey());
                }
            }
        }
        return unknown;
    }
}
