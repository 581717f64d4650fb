package dev.ordinal.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;

/**
 * The JSON types of the fields Ordinal's controllers read, checked before anything is stored, as the API server's
 * decoder does: {@code replicas: "three"} is a 400 BadRequest ("cannot be handled as a StatefulSet: json: cannot
 * unmarshal string into Go struct field ... of type int32"), not an object a controller later trips over.
 */
public final class FieldTypes {
    enum T {
        INT("int32", "number"), INT64("int64", "number"), STRING("string", "string"), BOOL("bool", "bool"), ARRAY("[]", "array"),
        OBJECT("struct", "object"), STRING_MAP("map[string]string", "object"),
        ACCESS_MODE("v1.PersistentVolumeAccessMode", "string");

        final String goType;
        final String jsonName;

        T(String goType, String jsonName) {
            this.goType = goType;
            this.jsonName = jsonName;
        }
    }

    private static final Map<String, T> META = new HashMap<>(Map.of("name", T.STRING, "generateName", T.STRING,
            "namespace", T.STRING, "labels", T.STRING_MAP, "annotations", T.STRING_MAP, "finalizers", T.ARRAY,
            "ownerReferences", T.ARRAY, "resourceVersion", T.STRING, "uid", T.STRING));
    private static final Map<String, T> POD_SPEC = new HashMap<>();
    private static final Map<String, Map<String, T>> BY_KIND = new HashMap<>();

    static {
        // Found by the fuzzer: a finalizer that was an object was stored, and every later delete of it failed.
        META.putAll(Map.of("finalizers[*]", T.STRING, "ownerReferences[*]", T.OBJECT,
                "ownerReferences[*].apiVersion", T.STRING, "ownerReferences[*].kind", T.STRING,
                "ownerReferences[*].name", T.STRING, "ownerReferences[*].uid", T.STRING,
                "ownerReferences[*].controller", T.BOOL, "ownerReferences[*].blockOwnerDeletion", T.BOOL));
        POD_SPEC.putAll(Map.of("containers", T.ARRAY, "initContainers", T.ARRAY, "volumes", T.ARRAY,
                "nodeSelector", T.STRING_MAP, "nodeName", T.STRING, "restartPolicy", T.STRING,
                "terminationGracePeriodSeconds", T.INT64, "hostname", T.STRING, "subdomain", T.STRING,
                "schedulerName", T.STRING));
        POD_SPEC.putAll(Map.of("containers[*]", T.OBJECT, "containers[*].name", T.STRING,
                "containers[*].image", T.STRING, "containers[*].ports", T.ARRAY,
                "containers[*].ports[*].containerPort", T.INT, "containers[*].volumeMounts", T.ARRAY,
                "containers[*].volumeMounts[*].name", T.STRING, "containers[*].volumeMounts[*].mountPath", T.STRING,
                "containers[*].env", T.ARRAY));
        POD_SPEC.putAll(Map.of("volumes[*]", T.OBJECT, "volumes[*].name", T.STRING,
                "volumes[*].persistentVolumeClaim", T.OBJECT, "volumes[*].persistentVolumeClaim.claimName", T.STRING,
                "initContainers[*]", T.OBJECT, "initContainers[*].name", T.STRING));
        Map<String, T> claimSpec = Map.of("accessModes", T.ARRAY, "accessModes[*]", T.ACCESS_MODE, "resources", T.OBJECT,
                "resources.requests", T.STRING_MAP, "storageClassName", T.STRING, "volumeName", T.STRING,
                "volumeMode", T.STRING, "selector", T.OBJECT);
        Map<String, T> workload = new HashMap<>(Map.of("spec", T.OBJECT, "spec.replicas", T.INT,
                "spec.minReadySeconds", T.INT, "spec.template", T.OBJECT, "spec.template.metadata", T.OBJECT,
                "spec.template.spec", T.OBJECT));
        prefixed(workload, "spec.template.metadata.", META);
        prefixed(workload, "spec.template.spec.", POD_SPEC);
        Map<String, T> sts = new HashMap<>(workload);
        sts.putAll(Map.of("spec.selector", T.OBJECT, "spec.selector.matchLabels", T.STRING_MAP,
                "spec.selector.matchExpressions", T.ARRAY, "spec.serviceName", T.STRING,
                "spec.podManagementPolicy", T.STRING, "spec.revisionHistoryLimit", T.INT,
                "spec.updateStrategy", T.OBJECT, "spec.updateStrategy.type", T.STRING,
                "spec.updateStrategy.rollingUpdate", T.OBJECT, "spec.updateStrategy.rollingUpdate.partition", T.INT));
        sts.putAll(Map.of("spec.volumeClaimTemplates", T.ARRAY, "spec.volumeClaimTemplates[*]", T.OBJECT,
                "spec.volumeClaimTemplates[*].metadata", T.OBJECT, "spec.volumeClaimTemplates[*].metadata.name", T.STRING,
                "spec.ordinals", T.OBJECT, "spec.ordinals.start", T.INT,
                "spec.persistentVolumeClaimRetentionPolicy", T.OBJECT));
        prefixed(sts, "spec.volumeClaimTemplates[*].spec.", claimSpec);
        BY_KIND.put("StatefulSet", sts);
        Map<String, T> rs = new HashMap<>(workload);
        rs.putAll(Map.of("spec.selector", T.OBJECT, "spec.selector.matchLabels", T.STRING_MAP));
        BY_KIND.put("ReplicaSet", rs);
        Map<String, T> rc = new HashMap<>(workload);
        rc.put("spec.selector", T.STRING_MAP);
        BY_KIND.put("ReplicationController", rc);
        Map<String, T> pod = new HashMap<>(Map.of("spec", T.OBJECT));
        prefixed(pod, "spec.", POD_SPEC);
        BY_KIND.put("Pod", pod);
        Map<String, T> pvc = new HashMap<>(Map.of("spec", T.OBJECT));
        prefixed(pvc, "spec.", claimSpec);
        BY_KIND.put("PersistentVolumeClaim", pvc);
        BY_KIND.put("PersistentVolume", Map.of("spec", T.OBJECT, "spec.capacity", T.STRING_MAP,
                "spec.accessModes", T.ARRAY, "spec.accessModes[*]", T.ACCESS_MODE, "spec.claimRef", T.OBJECT, "spec.storageClassName", T.STRING,
                "spec.persistentVolumeReclaimPolicy", T.STRING, "spec.volumeMode", T.STRING));
        BY_KIND.put("ControllerRevision", Map.of("revision", T.INT64));
        Map<String, T> service = new HashMap<>(Map.of("spec", T.OBJECT, "spec.ports", T.ARRAY, "spec.ports[*]", T.OBJECT,
                "spec.ports[*].port", T.INT, "spec.ports[*].nodePort", T.INT, "spec.ports[*].name", T.STRING,
                "spec.ports[*].protocol", T.STRING, "spec.selector", T.STRING_MAP, "spec.type", T.STRING,
                "spec.clusterIP", T.STRING));
        service.putAll(Map.of("spec.clusterIPs", T.ARRAY, "spec.clusterIPs[*]", T.STRING, "spec.sessionAffinity", T.STRING,
                "spec.externalName", T.STRING, "spec.externalIPs", T.ARRAY, "spec.externalIPs[*]", T.STRING,
                "status", T.OBJECT));
        BY_KIND.put("Service", service);
        BY_KIND.put("Event", Map.of("involvedObject", T.OBJECT, "reason", T.STRING, "message", T.STRING,
                "type", T.STRING, "count", T.INT, "source", T.OBJECT));
        BY_KIND.put("PodDisruptionBudget", Map.of("spec", T.OBJECT, "spec.selector", T.OBJECT,
                "spec.unhealthyPodEvictionPolicy", T.STRING));
        Map<String, T> role = Map.of("rules", T.ARRAY, "rules[*]", T.OBJECT, "rules[*].verbs", T.ARRAY,
                "rules[*].apiGroups", T.ARRAY, "rules[*].resources", T.ARRAY, "rules[*].resourceNames", T.ARRAY,
                "rules[*].nonResourceURLs", T.ARRAY);
        BY_KIND.put("Role", role);
        BY_KIND.put("ClusterRole", role);
        Map<String, T> binding = Map.of("roleRef", T.OBJECT, "roleRef.apiGroup", T.STRING, "roleRef.kind", T.STRING,
                "roleRef.name", T.STRING, "subjects", T.ARRAY, "subjects[*]", T.OBJECT, "subjects[*].kind", T.STRING,
                "subjects[*].name", T.STRING, "subjects[*].namespace", T.STRING, "subjects[*].apiGroup", T.STRING);
        BY_KIND.put("RoleBinding", binding);
        BY_KIND.put("ClusterRoleBinding", binding);
        BY_KIND.put("ConfigMap", Map.of("data", T.STRING_MAP, "binaryData", T.OBJECT, "immutable", T.BOOL));
        BY_KIND.put("Secret", Map.of("data", T.OBJECT, "stringData", T.STRING_MAP, "type", T.STRING,
                "immutable", T.BOOL));
        BY_KIND.put("Lease", Map.of("spec", T.OBJECT, "spec.holderIdentity", T.STRING,
                "spec.leaseDurationSeconds", T.INT, "spec.leaseTransitions", T.INT, "spec.acquireTime", T.STRING,
                "spec.renewTime", T.STRING));
        BY_KIND.put("ServiceAccount", Map.of("secrets", T.ARRAY, "imagePullSecrets", T.ARRAY,
                "automountServiceAccountToken", T.BOOL));
        BY_KIND.put("Endpoints", Map.of("subsets", T.ARRAY, "subsets[*]", T.OBJECT, "subsets[*].addresses", T.ARRAY,
                "subsets[*].notReadyAddresses", T.ARRAY, "subsets[*].ports", T.ARRAY));
        BY_KIND.put("EndpointSlice", Map.of("addressType", T.STRING, "endpoints", T.ARRAY, "endpoints[*]", T.OBJECT,
                "endpoints[*].addresses", T.ARRAY, "endpoints[*].hostname", T.STRING, "endpoints[*].nodeName", T.STRING,
                "ports", T.ARRAY));
        BY_KIND.put("StorageClass", Map.of("provisioner", T.STRING, "reclaimPolicy", T.STRING,
                "volumeBindingMode", T.STRING, "parameters", T.STRING_MAP, "allowVolumeExpansion", T.BOOL));
    }

    private FieldTypes() {
    }

    private static void prefixed(Map<String, T> into, String prefix, Map<String, T> fields) {
        fields.forEach((k, v) -> into.put(prefix + k, v));
    }

    /** Throws 400 BadRequest, in the decoder's words, at the first field whose JSON type is wrong. */
    public static void check(ResourceType type, JsonNode obj) {
        Map<String, T> fields = new HashMap<>(BY_KIND.getOrDefault(type.kind(), Map.of()));
        fields.put("metadata", T.OBJECT);
        prefixed(fields, "metadata.", META);
        walk(type, obj, "", "", fields);
    }

    private static void walk(ResourceType type, JsonNode node, String path, String generic, Map<String, T> fields) {
        T expected = generic.isEmpty() ? null : fields.get(generic);
        if (expected != null && !node.isNull() && !matches(expected, node)) {
            throw decodeError(type, node, generic, path, goType(type, expected, generic, fields));
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String g = generic.isEmpty() ? e.getKey() : generic + "." + e.getKey();
                if (expected == T.STRING_MAP) {
                    JsonNode v = e.getValue();
                    if (!v.isString() && !v.isNull()) {
                        throw decodeError(type, v, generic, path, "string");
                    }
                    continue;
                }
                if (reaches(g, fields)) {
                    walk(type, e.getValue(), p, g, fields);
                }
            }
        } else if (node.isArray()) {
            List<JsonNode> items = Json.list(node);
            for (int i = 0; i < items.size(); i++) {
                String g = generic + "[*]";
                if (reaches(g, fields)) {
                    walk(type, items.get(i), path + "[" + i + "]", g, fields);
                }
            }
        }
    }

    /**
     * The decoder's message: {@code StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot
     * unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32}. The struct is the Go type
     * holding the field; the path has no list indexes, as encoding/json writes it.
     */
    static ApiException decodeError(ResourceType type, JsonNode value, String generic, String path, String goType) {
        String what = value.isNumber() ? "number " + value.asString() : Json.typeName(value);
        String parent = generic.contains(".") ? generic.substring(0, generic.lastIndexOf('.')) : "";
        String field = path.replaceAll("\\[\\d+]", "");
        return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": json: cannot unmarshal " + what + " into Go struct field " + goStruct(type, parent)
                + "." + field + " of type " + goType);
    }

    /** The Go type of a field as encoding/json names it: {@code v1.ServiceSpec}, {@code []v1.Container}, {@code int32}. */
    private static String goType(ResourceType type, T t, String generic, Map<String, T> fields) {
        if (t == T.OBJECT) {
            return "v1." + goStruct(type, generic);
        }
        if (t == T.ARRAY) {
            T element = fields.get(generic + "[*]");
            if (element == null || element == T.OBJECT) {
                return generic.endsWith("finalizers") ? "[]string" : "[]v1." + goStruct(type, generic);
            }
            return "[]" + element.goType;
        }
        return t.goType;
    }

    /** The Go type Kubernetes decodes the object at {@code parent} (a generic path) into. */
    static String goStruct(ResourceType type, String parent) {
        String p = parent.replace("[*]", "");
        if (p.isEmpty()) {
            return type.kind();
        }
        if (p.equals("metadata") || p.endsWith(".metadata")) {
            return "ObjectMeta";
        }
        if (p.equals("spec")) {
            return type.kind().equals("Pod") ? "PodSpec" : type.kind() + "Spec";
        }
        String last = p.substring(p.lastIndexOf('.') + 1);
        return switch (last) {
            case "template" -> "PodTemplateSpec";
            case "spec" -> p.contains("volumeClaimTemplates") ? "PersistentVolumeClaimSpec" : "PodSpec";
            case "containers", "initContainers" -> "Container";
            case "ports" -> switch (type.kind()) {
                case "Service" -> "ServicePort";
                case "Endpoints", "EndpointSlice" -> "EndpointPort";
                default -> "ContainerPort";
            };
            case "subsets" -> "EndpointSubset";
            case "endpoints" -> "Endpoint";
            case "volumeMounts" -> "VolumeMount";
            case "volumes" -> "Volume";
            case "persistentVolumeClaim" -> "PersistentVolumeClaimVolumeSource";
            case "updateStrategy" -> "StatefulSetUpdateStrategy";
            case "rollingUpdate" -> "RollingUpdateStatefulSetStrategy";
            case "ordinals" -> "StatefulSetOrdinals";
            case "volumeClaimTemplates" -> "PersistentVolumeClaim";
            case "resources" -> "VolumeResourceRequirements";
            case "selector" -> "LabelSelector";
            case "involvedObject" -> "ObjectReference";
            case "ownerReferences" -> "OwnerReference";
            default -> Character.toUpperCase(last.charAt(0)) + last.substring(1);
        };
    }

    private static boolean reaches(String generic, Map<String, T> fields) {
        for (String k : fields.keySet()) {
            if (k.equals(generic) || k.startsWith(generic + ".") || k.startsWith(generic + "[")) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(T t, JsonNode n) {
        return switch (t) {
            case INT -> n.isIntegralNumber() && n.canConvertToInt();
            case INT64 -> n.isIntegralNumber() && n.canConvertToLong();
            case STRING, ACCESS_MODE -> n.isString();
            case BOOL -> n.isBoolean();
            case ARRAY -> n.isArray();
            case OBJECT, STRING_MAP -> n.isObject();
        };
    }
}
