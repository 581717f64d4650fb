package dev.ordinal.statefulset;

import dev.ordinal.core.Json;
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

    /** The article's nginx StatefulSet: selector app=nginx, service nginx, one claim template www, this many replicas. */
    static ObjectNode nginx(Policy policy, int replicas) {
        ObjectNode set = Json.object();
        set.put("apiVersion", "apps/v1");
        set.put("kind", "StatefulSet");
        ObjectNode meta = set.putObject("metadata");
        meta.put("name", "nginx");
        meta.put("namespace", NS);
        meta.put("uid", SET_UID);
        meta.put("generation", 1);
        ObjectNode spec = set.putObject("spec");
        spec.put("replicas", replicas);
        spec.put("serviceName", "nginx");
        spec.put("podManagementPolicy", policy.value);
        spec.putObject("selector").putObject("matchLabels").put("app", "nginx");
        spec.putObject("updateStrategy").put("type", "RollingUpdate").putObject("rollingUpdate").put("partition", 0);
        spec.put("revisionHistoryLimit", 10);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "nginx");
        ObjectNode container = template.putObject("spec").putArray("containers").addObject();
        container.put("name", "nginx");
        container.put("image", "k8s.gcr.io/nginx-slim:0.8");
        container.putArray("volumeMounts").addObject().put("name", "www").put("mountPath", "/usr/share/nginx/html");
        ObjectNode claim = spec.putArray("volumeClaimTemplates").addObject();
        claim.putObject("metadata").put("name", "www");
        ObjectNode claimSpec = claim.putObject("spec");
        claimSpec.putArray("accessModes").add("ReadWriteOnce");
        claimSpec.put("storageClassName", "standard");
        claimSpec.putObject("resources").putObject("requests").put("storage", "1Gi");
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
