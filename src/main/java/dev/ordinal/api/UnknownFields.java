package dev.ordinal.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.api.validation.PodSpecs;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;

/**
 * Finds fields a kind does not declare, for {@code fieldValidation=Strict|Warn}. Top-level fields, metadata, the
 * well-known spec fields of each kind, pod templates, pod specs, containers (with their ports, env and volume
 * mounts), volumes and claim templates are checked; deeper parts (resources, probes, security contexts, affinity,
 * volume sources) are accepted as given. Patch directives ({@code $patch}, {@code $setElementOrder/...}) are never
 * unknown. When in doubt a field is allowed: rejecting a valid manifest is worse than missing a typo.
 */
public final class UnknownFields {
    private static final Set<String> META = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    private static final Set<String> STANDARD_TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Map<String, Set<String>> EXTRA_TOP = Map.ofEntries(
            Map.entry("ConfigMap", Set.of("data", "binaryData", "immutable")),
            Map.entry("Secret", Set.of("data", "stringData", "type", "immutable")),
            Map.entry("ServiceAccount", Set.of("secrets", "imagePullSecrets", "automountServiceAccountToken")),
            Map.entry("Endpoints", Set.of("subsets")),
            Map.entry("EndpointSlice", Set.of("addressType", "endpoints", "ports")),
            Map.entry("Event", Set.of("involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp",
                    "count", "type", "eventTime", "series", "action", "related", "reportingComponent",
                    "reportingInstance")),
            Map.entry("StorageClass", Set.of("provisioner", "parameters", "reclaimPolicy", "mountOptions",
                    "allowVolumeExpansion", "volumeBindingMode", "allowedTopologies")),
            Map.entry("ControllerRevision", Set.of("data", "revision")),
            Map.entry("Role", Set.of("rules")),
            Map.entry("ClusterRole", Set.of("rules", "aggregationRule")),
            Map.entry("RoleBinding", Set.of("subjects", "roleRef")),
            Map.entry("ClusterRoleBinding", Set.of("subjects", "roleRef")));
    private static final Map<String, Set<String>> SPEC = Map.of(
            "Lease", Set.of("holderIdentity", "leaseDurationSeconds", "acquireTime", "renewTime", "leaseTransitions",
                    "strategy", "preferredHolder"),
            "StatefulSet", Set.of("replicas", "selector", "template", "volumeClaimTemplates", "serviceName",
                    "podManagementPolicy", "updateStrategy", "revisionHistoryLimit", "minReadySeconds",
                    "persistentVolumeClaimRetentionPolicy", "ordinals"),
            "ReplicaSet", Set.of("replicas", "minReadySeconds", "selector", "template"),
            "ReplicationController", Set.of("replicas", "minReadySeconds", "selector", "template"),
            "PersistentVolumeClaim", Set.of("accessModes", "selector", "resources", "volumeName", "storageClassName",
                    "volumeMode", "dataSource", "dataSourceRef", "volumeAttributesClassName"),
            "PodDisruptionBudget", Set.of("minAvailable", "maxUnavailable", "selector", "unhealthyPodEvictionPolicy"));
    private static final Set<String> POD_SPEC = Set.of("volumes", "initContainers", "containers",
            "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
            "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
            "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
            "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
            "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
            "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
            "schedulingGates", "resourceClaims", "resources");
    private static final Set<String> CONTAINER = Set.of("name", "image", "command", "args", "workingDir", "ports",
            "envFrom", "env", "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
            "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
            "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
            "targetContainerName");
    private static final Set<String> PORT = Set.of("name", "hostPort", "containerPort", "protocol", "hostIP");
    private static final Set<String> ENV = Set.of("name", "value", "valueFrom");
    private static final Set<String> MOUNT = Set.of("name", "readOnly", "recursiveReadOnly", "mountPath", "subPath",
            "mountPropagation", "subPathExpr");
    private static final Set<String> TEMPLATE = Set.of("metadata", "spec");
    private static final Set<String> CLAIM_TEMPLATE = Set.of("apiVersion", "kind", "metadata", "spec", "status");
    private static final Set<String> SELECTOR = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> STS_STRATEGY = Set.of("type", "rollingUpdate");
    private static final Set<String> STS_ROLLING = Set.of("partition", "maxUnavailable");
    private static final Set<String> RETENTION = Set.of("whenDeleted", "whenScaled");
    private static final Set<String> VOLUME;

    static {
        Set<String> v = new HashSet<>(PodSpecs.VOLUME_SOURCES);
        v.add("name");
        VOLUME = Set.copyOf(v);
    }

    private UnknownFields() {
    }

    /**
     * The dotted paths of undeclared fields in {@code obj}: by walking the kind's structural schema when its definition
     * says so (custom resources), else by the field lists here (the built-in kinds).
     */
    public static List<String> find(KindDefinition kind, JsonNode obj) {
        if (kind.unknownFieldFinder().isPresent()) {
            // Exactly what the kind's own write path prunes (a custom kind's embedded resources keep their metadata).
            List<String> unknown = new ArrayList<>();
            check(obj.get("metadata"), "metadata.", META, unknown);
            unknown.addAll(kind.unknownFieldFinder().get().unknownFields((tools.jackson.databind.node.ObjectNode) obj.deepCopy()));
            return unknown;
        }
        if (!kind.prunesBySchema() || kind.structuralSchema().isEmpty()) {
            return find(kind.type(), obj);
        }
        List<String> unknown = new ArrayList<>();
        check(obj.get("metadata"), "metadata.", META, unknown);
        unknown.addAll(kind.structuralSchema().get().unknownFields(obj));
        return unknown;
    }

    /** The dotted paths of undeclared fields in {@code obj}, in document order. */
    /** The dotted paths of undeclared fields in an object of a built-in kind, in document order. */
    public static List<String> find(ResourceType type, JsonNode obj) {
        List<String> unknown = new ArrayList<>();
        Set<String> top = new HashSet<>(STANDARD_TOP);
        top.addAll(EXTRA_TOP.getOrDefault(type.kind(), Set.of()));
        check(obj, "", top, unknown);
        check(obj.get("metadata"), "metadata.", META, unknown);
        JsonNode s = obj.get("spec");
        String kind = type.kind();
        Set<String> spec = SPEC.get(kind);
        if (spec != null) {
            check(s, "spec.", spec, unknown);
        }
        if (s == null || !s.isObject()) {
            return unknown;
        }
        switch (kind) {
            case "Pod" -> podSpec(s, "spec.", unknown);
            case "StatefulSet", "ReplicaSet", "ReplicationController" -> {
                template(s.get("template"), "spec.template.", unknown);
                if (!kind.equals("ReplicationController")) {
                    check(s.get("selector"), "spec.selector.", SELECTOR, unknown);
                }
                if (kind.equals("StatefulSet")) {
                    JsonNode strategy = s.get("updateStrategy");
                    check(strategy, "spec.updateStrategy.", STS_STRATEGY, unknown);
                    if (strategy != null) {
                        check(strategy.get("rollingUpdate"), "spec.updateStrategy.rollingUpdate.", STS_ROLLING,
                                unknown);
                    }
                    check(s.get("persistentVolumeClaimRetentionPolicy"),
                            "spec.persistentVolumeClaimRetentionPolicy.", RETENTION, unknown);
                    JsonNode claims = s.get("volumeClaimTemplates");
                    if (claims != null && claims.isArray()) {
                        for (int i = 0; i < claims.size(); i++) {
                            String p = "spec.volumeClaimTemplates[" + i + "].";
                            check(claims.get(i), p, CLAIM_TEMPLATE, unknown);
                            check(claims.get(i).get("metadata"), p + "metadata.", META, unknown);
                            check(claims.get(i).get("spec"), p + "spec.", SPEC.get("PersistentVolumeClaim"), unknown);
                        }
                    }
                }
            }
            default -> {
                // Other kinds: the spec fields above are all that is checked.
            }
        }
        return unknown;
    }

    private static void template(JsonNode t, String path, List<String> unknown) {
        if (t == null || !t.isObject()) {
            return;
        }
        check(t, path, TEMPLATE, unknown);
        check(t.get("metadata"), path + "metadata.", META, unknown);
        JsonNode spec = t.get("spec");
        if (spec != null && spec.isObject()) {
            podSpec(spec, path + "spec.", unknown);
        }
    }

    private static void podSpec(JsonNode spec, String path, List<String> unknown) {
        check(spec, path, POD_SPEC, unknown);
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            JsonNode cs = spec.get(list);
            if (cs == null || !cs.isArray()) {
                continue;
            }
            for (int i = 0; i < cs.size(); i++) {
                String p = path + list + "[" + i + "].";
                JsonNode c = cs.get(i);
                check(c, p, CONTAINER, unknown);
                eachElement(c.get("ports"), p + "ports", PORT, unknown);
                eachElement(c.get("env"), p + "env", ENV, unknown);
                eachElement(c.get("volumeMounts"), p + "volumeMounts", MOUNT, unknown);
            }
        }
        eachElement(spec.get("volumes"), path + "volumes", VOLUME, unknown);
    }

    private static void eachElement(JsonNode list, String path, Set<String> known, List<String> unknown) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            check(list.get(i), path + "[" + i + "].", known, unknown);
        }
    }

    private static void check(JsonNode node, String path, Set<String> known, List<String> unknown) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (!known.contains(key) && !key.startsWith("$")) {
                unknown.add(path + key);
            }
        }
    }

    /** Removes the fields at these dotted paths (as {@link #find} reports them, with {@code [i]} indexes). */
    public static void prune(JsonNode obj, List<String> paths) {
        for (String path : paths) {
            JsonNode parent = obj;
            String[] parts = path.split("\\.");
            for (int i = 0; i < parts.length && parent != null; i++) {
                String part = parts[i];
                String key = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
                boolean last = i == parts.length - 1;
                if (last && !part.contains("[")) {
                    if (parent instanceof tools.jackson.databind.node.ObjectNode o) {
                        o.remove(key);
                    }
                    break;
                }
                JsonNode next = parent.get(key);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)]").matcher(part);
                while (next != null && m.find()) {
                    next = next.get(Integer.parseInt(m.group(1)));
                }
                parent = next;
            }
        }
    }
}
