package dev.ordinal.api.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.node.ObjectNode;

/** One valid manifest per kind, the starting point every fuzzed input is mutated from. */
final class Seeds {
    private static final String TEMPLATE = """
            "template":{"metadata":{"labels":{"app":"f"}},"spec":{"containers":[{"name":"c","image":"nginx:1",
              "ports":[{"containerPort":80}],"volumeMounts":[{"name":"d","mountPath":"/d"}]}],
              "volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"c"}}]}}""";
    private static final String CLAIM_SPEC = """
            {"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"standard"}""";

    private static final Map<ResourceType, String> SEEDS = new LinkedHashMap<>();

    static {
        SEEDS.put(ResourceTypes.NAMESPACE, "{\"metadata\":{\"name\":\"n\",\"labels\":{\"a\":\"b\"}}}");
        SEEDS.put(ResourceTypes.NODE, """
                {"metadata":{"name":"n","labels":{"zone":"a"}},"spec":{"unschedulable":false},
                 "status":{"capacity":{"cpu":"4","memory":"16Gi"}}}""");
        SEEDS.put(ResourceTypes.PERSISTENT_VOLUME, """
                {"metadata":{"name":"n"},"spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],
                 "persistentVolumeReclaimPolicy":"Retain","storageClassName":"manual","hostPath":{"path":"/tmp/x"}}}""");
        SEEDS.put(ResourceTypes.STORAGE_CLASS, """
                {"metadata":{"name":"n"},"provisioner":"ordinal.dev/simulated","reclaimPolicy":"Delete",
                 "volumeBindingMode":"WaitForFirstConsumer","parameters":{"a":"b"}}""");
        SEEDS.put(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "{\"metadata\":{\"name\":\"n\"},\"spec\":" + CLAIM_SPEC + "}");
        SEEDS.put(ResourceTypes.POD, """
                {"metadata":{"name":"n","labels":{"app":"f"},"annotations":{"x":"y"}},
                 "spec":{"containers":[{"name":"c","image":"nginx:1","env":[{"name":"A","value":"1"}]}],
                  "restartPolicy":"Always","terminationGracePeriodSeconds":30,"nodeSelector":{"zone":"a"}}}""");
        SEEDS.put(ResourceTypes.EVENT, """
                {"metadata":{"name":"n"},"involvedObject":{"kind":"Pod","name":"p","namespace":"fuzz","uid":"u"},
                 "reason":"Started","message":"m","type":"Normal","count":1,"source":{"component":"c"}}""");
        SEEDS.put(ResourceTypes.SERVICE, """
                {"metadata":{"name":"n"},"spec":{"selector":{"app":"f"},"ports":[{"name":"http","port":80,
                 "protocol":"TCP","targetPort":8080}],"clusterIP":"None"}}""");
        SEEDS.put(ResourceTypes.REPLICATION_CONTROLLER, "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"replicas\":1,"
                + "\"selector\":{\"app\":\"f\"}," + TEMPLATE + "}}");
        SEEDS.put(ResourceTypes.REPLICA_SET, "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"replicas\":1,"
                + "\"selector\":{\"matchLabels\":{\"app\":\"f\"},\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\","
                + "\"values\":[\"f\"]}]}," + TEMPLATE + "}}");
        SEEDS.put(ResourceTypes.STATEFUL_SET, "{\"metadata\":{\"name\":\"n\"},\"spec\":{\"replicas\":1,"
                + "\"serviceName\":\"n\",\"ordinals\":{\"start\":0},\"podManagementPolicy\":\"Parallel\","
                + "\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0,\"maxUnavailable\":1}},"
                + "\"persistentVolumeClaimRetentionPolicy\":{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Delete\"},"
                + "\"selector\":{\"matchLabels\":{\"app\":\"f\"}}," + TEMPLATE + ",\"volumeClaimTemplates\":[{\"metadata\":"
                + "{\"name\":\"d\"},\"spec\":" + CLAIM_SPEC + "}]}}");
        SEEDS.put(ResourceTypes.CONTROLLER_REVISION, """
                {"metadata":{"name":"n"},"data":{"spec":{"template":{"metadata":{"labels":{"app":"f"}}}}},"revision":1}""");
        SEEDS.put(ResourceTypes.CONFIG_MAP, """
                {"metadata":{"name":"n"},"data":{"a.b":"c"},"binaryData":{"bin":"AAEC"},"immutable":false}""");
        SEEDS.put(ResourceTypes.SECRET, """
                {"metadata":{"name":"n"},"type":"kubernetes.io/basic-auth","data":{"username":"dQ=="},
                 "stringData":{"password":"p"}}""");
        SEEDS.put(ResourceTypes.LEASE, """
                {"metadata":{"name":"n"},"spec":{"holderIdentity":"a","leaseDurationSeconds":15,"leaseTransitions":0,
                 "renewTime":"2026-12-01T10:00:00.000000Z"}}""");
        SEEDS.put(ResourceTypes.ENDPOINT_SLICE, """
                {"metadata":{"name":"n","labels":{"kubernetes.io/service-name":"s"}},"addressType":"IPv4",
                 "endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true},"hostname":"h"}],
                 "ports":[{"name":"web","port":80,"protocol":"TCP"}]}""");
    }

    private Seeds() {
    }

    static Iterable<ResourceType> types() {
        return SEEDS.keySet();
    }

    /** The seed of a kind, named {@code name}, with apiVersion and kind set. */
    static ObjectNode seed(ResourceType type, String name) {
        ObjectNode o = Json.parse(SEEDS.get(type));
        ObjectNode out = Json.object();
        out.put("apiVersion", type.apiVersion());
        out.put("kind", type.kind());
        out.setAll(o);
        Json.meta(out).put("name", name);
        return out;
    }

    /** The collection path of a kind in {@code namespace}. */
    static String collection(ResourceType type, String namespace) {
        String base = type.group().isEmpty() ? "/api/v1" : "/apis/" + type.group() + "/v1";
        return base + (type.namespaced() ? "/namespaces/" + namespace : "") + "/" + type.plural();
    }
}
