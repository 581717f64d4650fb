package dev.ordinal.statefulset;

import dev.ordinal.core.Json;
import dev.ordinal.support.Manifests;
import tools.jackson.databind.node.ObjectNode;

/** Builders for planner tests: the article's StatefulSet, changed one field at a time. */
final class StatefulSetFixtures {
    static final String NS = "default";
    static final String SET_UID = "set-uid-1";

    /** Pod management policies, so every scenario runs under both. */
    enum Policy {
        ORDERED_READY("OrderedReady"), PARALLEL("Parallel");

        final String value;

        Policy(String value) {
            this.value = value;
        }

        boolean monotonic() {
            return this == ORDERED_READY;
        }
    }

    private StatefulSetFixtures() {
    }

    /**
     * The article's nginx StatefulSet (seed-statefulset.yaml: selector app=nginx, service nginx, one claim template
     * www) with this policy and this many replicas, as stored: namespace, uid, generation and the update defaults set.
     */
    static ObjectNode nginx(Policy policy, int replicas) {
        ObjectNode set = Manifests.object(Manifests.STATEFUL_SET);
        ObjectNode meta = Json.meta(set);
        meta.put("namespace", NS);
        meta.put("uid", SET_UID);
        meta.put("generation", 1);
        ObjectNode spec = Json.with(set, "spec");
        spec.put("replicas", replicas);
        spec.put("podManagementPolicy", policy.value);
        spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("partition", 0);
        spec.put("revisionHistoryLimit", 10);
        return set;
    }

    static void setImage(ObjectNode set, String image) {
        ((ObjectNode) set.get("spec").get("template").get("spec").get("containers").get(0)).put("image", image);
        bumpGeneration(set);
    }

    static void setReplicas(ObjectNode set, int replicas) {
        Json.with(set, "spec").put("replicas", replicas);
        bumpGeneration(set);
    }

    static void setPartition(ObjectNode set, int partition) {
        Json.with(set, "spec", "updateStrategy", "rollingUpdate").put("partition", partition);
        bumpGeneration(set);
    }

    static void setMaxUnavailable(ObjectNode set, Object value) {
        ObjectNode ru = Json.with(set, "spec", "updateStrategy", "rollingUpdate");
        if (value instanceof Integer i) {
            ru.put("maxUnavailable", i);
        } else {
            ru.put("maxUnavailable", value.toString());
        }
        bumpGeneration(set);
    }

    static void setOnDelete(ObjectNode set) {
        ObjectNode strategy = Json.with(set, "spec", "updateStrategy");
        strategy.removeAll();
        strategy.put("type", "OnDelete");
        bumpGeneration(set);
    }

    static void setRetention(ObjectNode set, String whenScaled, String whenDeleted) {
        ObjectNode p = Json.with(set, "spec", "persistentVolumeClaimRetentionPolicy");
        p.put("whenScaled", whenScaled);
        p.put("whenDeleted", whenDeleted);
        bumpGeneration(set);
    }

    static void bumpGeneration(ObjectNode set) {
        Json.meta(set).put("generation", Json.integer(set, 0, "metadata", "generation") + 1);
    }
}
