package dev.ordinal.statefulset;

import java.util.List;
import java.util.Map;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.core.Json;
import dev.ordinal.store.ResourceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A read-only view of a StatefulSet's spec with Kubernetes' defaults applied to any field left out, so the planner
 * never depends on defaulting having happened on the write path.
 */
record StatefulSetView(ObjectNode set) {
    static final String ROLLING_UPDATE = "RollingUpdate";
    static final String ON_DELETE = "OnDelete";
    static final String RETAIN = "Retain";
    static final String DELETE = "Delete";
    /** Opt-out of Ordinal's stuck-rollout recovery: the value "true" keeps Kubernetes' behaviour (issue #67250). */
    static final String COMPATIBLE_ROLLBACK_ANNOTATION = "ordinal.dev/kubernetes-compatible-rollback";

    String name() {
        return Json.name(set);
    }

    String namespace() {
        return Json.namespace(set);
    }

    String uid() {
        return Json.uid(set);
    }

    long generation() {
        JsonNode g = Json.at(set, "metadata", "generation");
        return g.isNumber() ? g.asLong() : 0;
    }

    int replicas() {
        return Json.integer(set, 1, "spec", "replicas");
    }

    /** The first ordinal: {@code spec.ordinals.start}, or 0. */
    int start() {
        return Json.integer(set, 0, "spec", "ordinals", "start");
    }

    int minReadySeconds() {
        return Json.integer(set, 0, "spec", "minReadySeconds");
    }

    /** Whether pods are managed OrderedReady ("monotonic"), as opposed to Parallel. */
    boolean monotonic() {
        return !"Parallel".equals(Json.str(set, "spec", "podManagementPolicy"));
    }

    String updateStrategy() {
        return Json.strOr(set, ROLLING_UPDATE, "spec", "updateStrategy", "type");
    }

    boolean rollingUpdate() {
        return ROLLING_UPDATE.equals(updateStrategy());
    }

    /** The partition of a RollingUpdate, an index relative to {@link #start()}; 0 when absent. */
    int partition() {
        return Json.integer(set, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
    }

    /**
     * The number of pods a RollingUpdate may take down at once: {@code maxUnavailable} as a number, or as a
     * percentage of replicas rounded down, never less than 1 (Kubernetes' {@code getStatefulSetMaxUnavailable}).
     */
    int maxUnavailable() {
        JsonNode v = Json.at(set, "spec", "updateStrategy", "rollingUpdate", "maxUnavailable");
        int n = 1;
        if (v.isNumber()) {
            n = v.asInt();
        } else if (v.isString()) {
            String s = v.stringValue().trim();
            try {
                if (s.endsWith("%")) {
                    n = (int) Math.min(Integer.MAX_VALUE,
                            Math.floor(Long.parseLong(s.substring(0, s.length() - 1)) * (double) replicas() / 100.0));
                } else {
                    n = Integer.parseInt(s);
                }
            } catch (NumberFormatException e) {
                n = 1;
            }
        }
        return Math.max(1, n);
    }

    String whenScaled() {
        return Json.strOr(set, RETAIN, "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled");
    }

    String whenDeleted() {
        return Json.strOr(set, RETAIN, "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted");
    }

    /** The number of unused revisions kept; negative means no limit. */
    int revisionHistoryLimit() {
        return Json.integer(set, 10, "spec", "revisionHistoryLimit");
    }

    JsonNode selector() {
        return Json.at(set, "spec", "selector");
    }

    Map<String, String> matchLabels() {
        return Json.stringMap(set, "spec", "selector", "matchLabels");
    }

    String serviceName() {
        return Json.str(set, "spec", "serviceName");
    }

    ObjectNode template() {
        JsonNode t = Json.at(set, "spec", "template");
        return t.isObject() ? (ObjectNode) t : Json.object();
    }

    List<JsonNode> claimTemplates() {
        return Json.list(set, "spec", "volumeClaimTemplates");
    }

    boolean terminating() {
        return Json.isTerminating(set);
    }

    /** Whether deletion was asked to orphan the dependents, which the garbage collector then releases. */
    boolean orphaning() {
        return ResourceStore.finalizers(set).contains(ResourceStore.FINALIZER_ORPHAN);
    }

    boolean kubernetesCompatibleRollback() {
        return "true".equalsIgnoreCase(Json.annotation(set, COMPATIBLE_ROLLBACK_ANNOTATION));
    }

    String currentRevisionInStatus() {
        return Json.str(set, "status", "currentRevision");
    }

    int collisionCount() {
        return Json.integer(set, 0, "status", "collisionCount");
    }

    /** A controller ownerReference to this set, as {@code metav1.NewControllerRef} builds it. */
    ObjectNode controllerRef() {
        return OwnerReferences.controllerRef("apps/v1", "StatefulSet", set);
    }
}
