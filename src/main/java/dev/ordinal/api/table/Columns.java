package dev.ordinal.api.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ScaleSubresource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Table columns of each kind and how each cell is computed, following Kubernetes' printers
 * (pkg/printers/internalversion): the same column names, types, priorities (1 = only with {@code -o wide}) and cell
 * formats, so that kubectl prints what users of a real cluster expect. Every cell, wide or not, is always computed;
 * kubectl drops the columns it does not show, as the API server leaves it to.
 */
public final class Columns {
    private static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating resources, "
            + "although some resources may allow a client to request the generation of an appropriate name automatically. "
            + "Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.";
    private static final String AGE_DOC = "CreationTimestamp is a timestamp representing the server time when this object "
            + "was created. It is not guaranteed to be set in happens-before order across separate operations.";
    private static final String CONTAINERS_DOC = "Names of each container in the template.";
    private static final String IMAGES_DOC = "Images referenced by each container in the template.";
    private static final String NONE = "<none>";
    private static final String UNSET = "<unset>";

    private Columns() {
    }

    /** The columns of a kind, in Kubernetes' order; kinds without a printer get NAME and AGE. */
    public static List<Column> of(ResourceType type) {
        return switch (type.kind()) {
            case "Pod" -> pod();
            case "PersistentVolumeClaim" -> persistentVolumeClaim();
            case "PersistentVolume" -> persistentVolume();
            case "StatefulSet" -> statefulSet();
            case "ReplicaSet", "ReplicationController" -> replicas(type.kind().equals("ReplicationController"));
            case "StorageClass" -> storageClass();
            case "VolumeAttachment" -> List.of(name(),
                    col("Attacher", "Attacher indicates the name of the volume driver that MUST handle this request.",
                            (o, now) -> Json.strOr(o, "", "spec", "attacher")),
                    col("PV", "Name of the persistent volume to attach.",
                            (o, now) -> Json.strOr(o, "", "spec", "source", "persistentVolumeName")),
                    col("Node", "The node that the volume should be attached to.",
                            (o, now) -> Json.strOr(o, "", "spec", "nodeName")),
                    new Column("Attached", "boolean", "", "Indicates the volume is successfully attached.", 0,
                            (o, now) -> Json.bool(o, "status", "attached")),
                    age());
            case "Node" -> node();
            case "Namespace" -> List.of(name(), col("Status", "The status of the namespace",
                    (o, now) -> Json.strOr(o, "", "status", "phase")), age());
            case "Event" -> event();
            case "ControllerRevision" -> List.of(name(),
                    col("Controller", "Controller of the object", (o, now) -> controllerName(o)),
                    new Column("Revision", "string", "", "Revision indicates the revision of the state represented by Data.", 0,
                            (o, now) -> Json.at(o, "revision").asLong()),
                    age());
            case "Service" -> service();
            case "ResourceQuota" -> List.of(name(), age(),
                    col("Request", "Request represents a minimum amount of cpu/memory that a container may consume.",
                            (o, now) -> quotaUsage(o, false)),
                    col("Limit", "Limits control the maximum amount of cpu/memory that a container may use "
                            + "independent of contention on the node.", (o, now) -> quotaUsage(o, true)));
            case "PodDisruptionBudget" -> List.of(name(),
                    col("Min Available", "The minimum number of pods that must be available",
                            (o, now) -> intOrStringOr(o, "minAvailable")),
                    col("Max Unavailable", "The maximum number of pods that may be unavailable",
                            (o, now) -> intOrStringOr(o, "maxUnavailable")),
                    integer("Allowed Disruptions", "Calculated number of pods that may be disrupted at this time",
                            (o, now) -> Json.at(o, "status", "disruptionsAllowed").asLong(0)),
                    age());
            case "Role", "ClusterRole" -> List.of(name(), col("Created At", "Creation timestamp of the role",
                    (o, now) -> Json.strOr(o, "", "metadata", "creationTimestamp")));
            case "RoleBinding", "ClusterRoleBinding" -> binding();
            case "ConfigMap" -> List.of(name(), col("Data", "Data contains the configuration data.",
                    (o, now) -> o.path("data").size() + o.path("binaryData").size()), age());
            case "Secret" -> List.of(name(),
                    col("Type", "The type of secret", (o, now) -> Json.strOr(o, "", "type")),
                    col("Data", "Data contains the secret data.", (o, now) -> o.path("data").size()), age());
            case "ServiceAccount" -> List.of(name(), col("Secrets", "Secrets is a list of the secrets in the same "
                    + "namespace that pods running using this ServiceAccount are allowed to use.",
                    (o, now) -> o.path("secrets").size()), age());
            case "Endpoints" -> List.of(name(), col("Endpoints", "Endpoints is the list of endpoints.",
                    (o, now) -> endpoints(o)), age());
            case "Lease" -> List.of(name(), col("Holder", "HolderIdentity contains the identity of the holder of a "
                    + "current lease.", (o, now) -> Json.strOr(o, "", "spec", "holderIdentity")), age());
            case "EndpointSlice" -> List.of(name(),
                    col("AddressType", "The IP protocol for this slice", (o, now) -> Json.strOr(o, "", "addressType")),
                    col("Ports", "The ports of this slice", (o, now) -> slicePorts(o)),
                    col("Endpoints", "The endpoints of this slice", (o, now) -> sliceEndpoints(o)), age());
            default -> List.of(name(), age());
        };
    }

    /** {@code printPodDisruptionBudget}: the count or percentage, or N/A when unset. */
    private static String intOrStringOr(ObjectNode pdb, String field) {
        tools.jackson.databind.JsonNode v = Json.at(pdb, "spec", field);
        return v.isMissingNode() || v.isNull() ? "N/A" : v.asString();
    }

    /** {@code printRoleBinding}: the role as Kind/name, and (wide) the users, groups and service accounts bound. */
    private static List<Column> binding() {
        return List.of(name(),
                col("Role", "Role", (o, now) -> Json.strOr(o, "", "roleRef", "kind") + "/"
                        + Json.strOr(o, "", "roleRef", "name")),
                age(),
                wide("Users", "Users in the roleBinding", (o, now) -> subjects(o, "User")),
                wide("Groups", "Groups in the roleBinding", (o, now) -> subjects(o, "Group")),
                wide("ServiceAccounts", "ServiceAccounts in the roleBinding", (o, now) -> subjects(o, "ServiceAccount")));
    }

    private static String subjects(ObjectNode binding, String kind) {
        List<String> names = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode s : binding.path("subjects")) {
            if (kind.equals(Json.str(s, "kind"))) {
                String ns = Json.str(s, "namespace");
                names.add(kind.equals("ServiceAccount") ? (ns == null ? "" : ns) + "/" + Json.str(s, "name")
                        : Json.str(s, "name"));
            }
        }
        return String.join(", ", names);
    }

    // ------------------------------------------------------------------ endpoints

    /** formatEndpoints: ip:port for each ready address and port, at most three, then "+ N more...". */
    private static String endpoints(ObjectNode o) {
        List<JsonNode> subsets = Json.list(o, "subsets");
        if (subsets.isEmpty()) {
            return NONE;
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode ss : subsets) {
            List<JsonNode> addresses = Json.list(ss, "addresses");
            List<JsonNode> ports = Json.list(ss, "ports");
            if (ports.isEmpty()) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() < 3) {
                        list.add(Json.strOr(a, "", "ip"));
                    }
                }
                continue;
            }
            for (JsonNode p : ports) {
                count += addresses.size();
                for (JsonNode a : addresses) {
                    if (list.size() < 3) {
                        list.add(hostPort(Json.strOr(a, "", "ip"), p.path("port").asInt()));
                    }
                }
            }
        }
        return withMore(list, count);
    }

    private static String hostPort(String ip, int port) {
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    /** formatDiscoveryPorts: the port numbers, at most three, or {@code <unset>}. */
    private static String slicePorts(ObjectNode o) {
        List<JsonNode> ports = Json.list(o, "ports");
        if (ports.isEmpty()) {
            return UNSET;
        }
        List<String> list = new ArrayList<>();
        for (JsonNode p : ports) {
            if (list.size() < 3) {
                list.add(p.has("port") && !p.get("port").isNull() ? p.get("port").asString() : UNSET);
            }
        }
        return withMore(list, ports.size());
    }

    /** formatDiscoveryEndpoints: the addresses, at most three, or {@code <unset>}. */
    private static String sliceEndpoints(ObjectNode o) {
        List<JsonNode> endpoints = Json.list(o, "endpoints");
        if (endpoints.isEmpty()) {
            return UNSET;
        }
        List<String> list = new ArrayList<>();
        int count = 0;
        for (JsonNode e : endpoints) {
            for (String a : Json.strings(e, "addresses")) {
                if (list.size() < 3) {
                    list.add(a);
                }
                count++;
            }
        }
        return withMore(list, count);
    }

    private static String withMore(List<String> list, int count) {
        String joined = String.join(",", list);
        return count > list.size() ? joined + " + " + (count - list.size()) + " more..." : joined;
    }

    // ------------------------------------------------------------------ pods

    private static List<Column> pod() {
        return List.of(name(),
                col("Ready", "The aggregate readiness state of this pod for accepting traffic.",
                        (o, now) -> podSummary(o, now).ready()),
                col("Status", "The aggregate status of the containers in this pod.",
                        (o, now) -> podSummary(o, now).status()),
                col("Restarts", "The number of times the containers in this pod have been restarted and when the last "
                        + "container in this pod has restarted.", (o, now) -> podSummary(o, now).restarts()),
                age(),
                wide("IP", "podIP address allocated to the pod. Routable at least within the cluster.",
                        (o, now) -> orNone(podIp(o))),
                wide("Node", "NodeName indicates in which node this pod is scheduled.",
                        (o, now) -> orNone(Json.str(o, "spec", "nodeName"))),
                wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.",
                        (o, now) -> orNone(Json.str(o, "status", "nominatedNodeName"))),
                wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.",
                        (o, now) -> readinessGates(o)));
    }

    /** READY, STATUS and RESTARTS of a pod, computed together as kubectl's pod printer does. */
    record PodSummary(String ready, String status, String restarts) {
    }

    /**
     * Summarizes a pod the way {@code kubectl get pods} shows it. STATUS starts from the phase (or status.reason),
     * becomes {@code Init:N/M}, {@code Init:<reason>} or {@code Init:ExitCode:N} while init containers have not all
     * succeeded, then the reason of the last container that is waiting ({@code ContainerCreating},
     * {@code CrashLoopBackOff}) or terminated ({@code Completed}, {@code Error}, or {@code ExitCode:N} without a
     * reason), and {@code Terminating} once a deletion timestamp is set on a pod that has not finished. READY counts
     * ready, running containers; RESTARTS sums restart counts and adds "(age ago)" of the latest restart.
     */
    static PodSummary podSummary(JsonNode pod, Instant now) {
        String phase = Json.strOr(pod, "", "status", "phase");
        String reason = phase;
        String statusReason = Json.str(pod, "status", "reason");
        if (statusReason != null && !statusReason.isEmpty()) {
            reason = statusReason;
        }
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if ("PodScheduled".equals(Json.str(c, "type")) && "SchedulingGated".equals(Json.str(c, "reason"))) {
                reason = "SchedulingGated";
            }
        }
        List<JsonNode> initSpecs = Json.list(pod, "spec", "initContainers");
        int total = Json.list(pod, "spec", "containers").size();
        for (JsonNode ic : initSpecs) {
            if (restartable(ic)) {
                total++;
            }
        }
        int ready = 0;
        int restarts = 0;
        int sidecarRestarts = 0;
        Instant lastRestart = null;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<JsonNode> initStatuses = Json.list(pod, "status", "initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode cs = initStatuses.get(i);
            int count = Json.integer(cs, 0, "restartCount");
            restarts += count;
            Instant finished = Json.parseTime(Json.str(cs, "lastState", "terminated", "finishedAt"));
            lastRestart = later(lastRestart, finished);
            boolean sidecar = initSpecs.stream().anyMatch(s -> Json.strOr(s, "", "name").equals(Json.str(cs, "name"))
                    && restartable(s));
            if (sidecar) {
                sidecarRestarts += count;
                lastSidecarRestart = later(lastSidecarRestart, finished);
            }
            JsonNode terminated = Json.at(cs, "state", "terminated");
            JsonNode waiting = Json.at(cs, "state", "waiting");
            if (terminated.isObject() && Json.integer(terminated, 0, "exitCode") == 0) {
                continue;
            }
            if (sidecar && Json.bool(cs, "started")) {
                if (Json.bool(cs, "ready")) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                String r = Json.strOr(terminated, "", "reason");
                if (r.isEmpty()) {
                    int signal = Json.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + Json.integer(terminated, 0, "exitCode");
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !Json.strOr(waiting, "", "reason").isEmpty()
                    && !"PodInitializing".equals(Json.str(waiting, "reason"))) {
                reason = "Init:" + Json.str(waiting, "reason");
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(pod, "Initialized")) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            List<JsonNode> statuses = Json.list(pod, "status", "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode cs = statuses.get(i);
                restarts += Json.integer(cs, 0, "restartCount");
                lastRestart = later(lastRestart, Json.parseTime(Json.str(cs, "lastState", "terminated", "finishedAt")));
                JsonNode waiting = Json.at(cs, "state", "waiting");
                JsonNode terminated = Json.at(cs, "state", "terminated");
                if (waiting.isObject() && !Json.strOr(waiting, "", "reason").isEmpty()) {
                    reason = Json.str(waiting, "reason");
                } else if (terminated.isObject() && !Json.strOr(terminated, "", "reason").isEmpty()) {
                    reason = Json.str(terminated, "reason");
                } else if (terminated.isObject()) {
                    int signal = Json.integer(terminated, 0, "signal");
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + Json.integer(terminated, 0, "exitCode");
                } else if (Json.bool(cs, "ready") && Json.at(cs, "state", "running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = conditionTrue(pod, "Ready") ? "Running" : "NotReady";
            }
        }
        if (Json.isTerminating(pod)) {
            if ("NodeLost".equals(statusReason)) {
                reason = "Unknown";
            } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                reason = "Terminating";
            }
        }
        String restartText = Integer.toString(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartText = restarts + " (" + Ages.human(java.time.Duration.between(lastRestart, now)) + " ago)";
        }
        return new PodSummary(ready + "/" + total, reason, restartText);
    }

    private static boolean restartable(JsonNode initContainer) {
        return "Always".equals(Json.str(initContainer, "restartPolicy"));
    }

    private static boolean conditionTrue(JsonNode pod, String type) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if (type.equals(Json.str(c, "type"))) {
                return "True".equals(Json.str(c, "status"));
            }
        }
        return false;
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isAfter(a) ? b : a;
    }

    private static String podIp(JsonNode pod) {
        List<JsonNode> ips = Json.list(pod, "status", "podIPs");
        if (!ips.isEmpty() && Json.str(ips.get(0), "ip") != null) {
            return Json.str(ips.get(0), "ip");
        }
        return Json.str(pod, "status", "podIP");
    }

    private static String readinessGates(JsonNode pod) {
        List<JsonNode> gates = Json.list(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return NONE;
        }
        int trueCount = 0;
        for (JsonNode g : gates) {
            if (conditionTrue(pod, Json.strOr(g, "", "conditionType"))) {
                trueCount++;
            }
        }
        return trueCount + "/" + gates.size();
    }

    // ------------------------------------------------------------------ storage

    private static List<Column> persistentVolumeClaim() {
        return List.of(name(),
                col("Status", "phase represents the current phase of PersistentVolumeClaim.",
                        (o, now) -> Json.isTerminating(o) ? "Terminating" : Json.strOr(o, "", "status", "phase")),
                col("Volume", "volumeName is the binding reference to the PersistentVolume backing this claim.",
                        (o, now) -> Json.strOr(o, "", "spec", "volumeName")),
                col("Capacity", "capacity represents the actual resources of the underlying volume.",
                        (o, now) -> bound(o) ? Json.strOr(o, "", "status", "capacity", "storage") : ""),
                col("Access Modes", "accessModes contains the actual access modes the volume backing the PVC has.",
                        (o, now) -> bound(o) ? accessModes(Json.strings(o, "status", "accessModes")) : ""),
                col("StorageClass", "StorageClass of the pvc", (o, now) -> storageClassOf(o)),
                col("VolumeAttributesClass", "VolumeAttributesClass of the pvc",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeAttributesClassName")),
                age(),
                wide("VolumeMode", "volumeMode defines what type of volume is required by the claim.",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeMode")));
    }

    private static boolean bound(JsonNode claim) {
        return !Json.strOr(claim, "", "spec", "volumeName").isEmpty();
    }

    private static List<Column> persistentVolume() {
        return List.of(name(),
                col("Capacity", "capacity is the description of the persistent volume's resources and capacity.",
                        (o, now) -> Json.strOr(o, "", "spec", "capacity", "storage")),
                col("Access Modes", "accessModes contains all ways the volume can be mounted.",
                        (o, now) -> accessModes(Json.strings(o, "spec", "accessModes"))),
                col("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.",
                        (o, now) -> Json.strOr(o, "", "spec", "persistentVolumeReclaimPolicy")),
                col("Status", "phase indicates if a volume is available, bound to a claim, or released by a claim.",
                        (o, now) -> Json.isTerminating(o) ? "Terminating" : Json.strOr(o, "", "status", "phase")),
                col("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.",
                        (o, now) -> Json.at(o, "spec", "claimRef").isObject()
                                ? Json.strOr(o, "", "spec", "claimRef", "namespace") + "/" + Json.strOr(o, "", "spec", "claimRef", "name")
                                : ""),
                col("StorageClass", "StorageClass of the pv", (o, now) -> storageClassOf(o)),
                col("VolumeAttributesClass", "VolumeAttributesClass of the pv",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeAttributesClassName")),
                col("Reason", "reason is a brief CamelCase string that describes any failure.",
                        (o, now) -> Json.strOr(o, "", "status", "reason")),
                age(),
                wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.",
                        (o, now) -> Json.strOr(o, UNSET, "spec", "volumeMode")));
    }

    private static String storageClassOf(JsonNode o) {
        String cls = Json.str(o, "spec", "storageClassName");
        if (cls != null) {
            return cls;
        }
        return Json.strOr(o, "", "metadata", "annotations", "volume.beta.kubernetes.io/storage-class");
    }

    /** Access modes abbreviated in Kubernetes' fixed order: RWO, ROX, RWX, RWOP, comma-separated, each once. */
    static String accessModes(List<String> modes) {
        List<String> out = new ArrayList<>();
        String[][] order = {{"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"},
                {"ReadWriteOncePod", "RWOP"}};
        for (String[] m : order) {
            if (modes.contains(m[0])) {
                out.add(m[1]);
            }
        }
        return String.join(",", out);
    }

    private static List<Column> storageClass() {
        return List.of(
                new Column("Name", "string", "name", NAME_DOC, 0, (o, now) -> {
                    Map<String, String> a = Json.annotations(o);
                    boolean isDefault = "true".equals(a.get("storageclass.kubernetes.io/is-default-class"))
                            || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class"));
                    return isDefault ? Json.name(o) + " (default)" : Json.name(o);
                }),
                col("Provisioner", "provisioner indicates the type of the provisioner.",
                        (o, now) -> Json.strOr(o, "", "provisioner")),
                col("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.",
                        (o, now) -> Json.strOr(o, "Delete", "reclaimPolicy")),
                col("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.",
                        (o, now) -> Json.strOr(o, "Immediate", "volumeBindingMode")),
                col("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow volume expand.",
                        (o, now) -> Boolean.toString(Json.bool(o, "allowVolumeExpansion"))),
                age());
    }

    // ------------------------------------------------------------------ workloads

    private static List<Column> statefulSet() {
        return List.of(name(),
                col("Ready", "Number of the pod with ready state",
                        (o, now) -> Json.integer(o, 0, "status", "readyReplicas") + "/" + Json.integer(o, 1, "spec", "replicas")),
                age(),
                wide("Containers", CONTAINERS_DOC, (o, now) -> containerNames(o)),
                wide("Images", IMAGES_DOC, (o, now) -> containerImages(o)));
    }

    private static List<Column> replicas(boolean rc) {
        return List.of(name(),
                integer("Desired", "Replicas is the number of desired replicas.", (o, now) -> Json.integer(o, 1, "spec", "replicas")),
                integer("Current", "Replicas is the most recently observed number of replicas.", (o, now) -> Json.integer(o, 0, "status", "replicas")),
                integer("Ready", "The number of ready replicas.", (o, now) -> Json.integer(o, 0, "status", "readyReplicas")),
                age(),
                wide("Containers", CONTAINERS_DOC, (o, now) -> containerNames(o)),
                wide("Images", IMAGES_DOC, (o, now) -> containerImages(o)),
                wide("Selector", "Selector is a label query over pods that should match the replica count.",
                        (o, now) -> selector(rc, o)));
    }

    private static String selector(boolean rc, JsonNode o) {
        String s = ScaleSubresource.selectorString(rc ? dev.ordinal.api.ResourceTypes.REPLICATION_CONTROLLER
                : dev.ordinal.api.ResourceTypes.REPLICA_SET, o);
        if (rc) {
            // labels.FormatLabels prints a map sorted by key, and <none> when empty.
            List<String> parts = new ArrayList<>(new TreeSet<>(List.of(s.isEmpty() ? new String[0] : s.split(","))));
            return parts.isEmpty() ? NONE : String.join(",", parts);
        }
        return s.isEmpty() ? NONE : s;
    }

    private static String containerNames(JsonNode o) {
        return String.join(",", Json.list(o, "spec", "template", "spec", "containers").stream()
                .map(c -> Json.strOr(c, "", "name")).toList());
    }

    private static String containerImages(JsonNode o) {
        return String.join(",", Json.list(o, "spec", "template", "spec", "containers").stream()
                .map(c -> Json.strOr(c, "", "image")).toList());
    }

    private static String controllerName(JsonNode o) {
        JsonNode ref = Json.controllerRef(o);
        if (ref == null) {
            return NONE;
        }
        String apiVersion = Json.strOr(ref, "", "apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = Json.strOr(ref, "", "kind");
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase() + "/" + Json.strOr(ref, "", "name");
    }

    // ------------------------------------------------------------------ cluster

    private static List<Column> node() {
        return List.of(name(),
                col("Status", "The status of the node", (o, now) -> nodeStatus(o)),
                col("Roles", "The roles of the node", (o, now) -> nodeRoles(o)),
                age(),
                col("Version", "Kubelet Version reported by the node.",
                        (o, now) -> Json.strOr(o, "", "status", "nodeInfo", "kubeletVersion")),
                wide("Internal-IP", "List of addresses reachable to the node.", (o, now) -> nodeAddress(o, "InternalIP")),
                wide("External-IP", "List of addresses reachable to the node.", (o, now) -> nodeAddress(o, "ExternalIP")),
                wide("OS-Image", "OS Image reported by the node from /etc/os-release.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "osImage"), "<unknown>")),
                wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r'.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "kernelVersion"), "<unknown>")),
                wide("Container-Runtime", "ContainerRuntime Version reported by the node through runtime remote API.",
                        (o, now) -> nonEmptyOr(Json.str(o, "status", "nodeInfo", "containerRuntimeVersion"), "<unknown>")));
    }

    private static String nodeStatus(JsonNode node) {
        List<String> status = new ArrayList<>();
        for (JsonNode c : Json.list(node, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                status.add("True".equals(Json.str(c, "status")) ? "Ready" : "NotReady");
                break;
            }
        }
        if (status.isEmpty()) {
            status.add("Unknown");
        }
        if (Json.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static String nodeRoles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        Json.labels(node).forEach((k, v) -> {
            if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
                roles.add(v);
            }
        });
        return roles.isEmpty() ? NONE : String.join(",", roles);
    }

    private static String nodeAddress(JsonNode node, String type) {
        for (JsonNode a : Json.list(node, "status", "addresses")) {
            if (type.equals(Json.str(a, "type"))) {
                return Json.strOr(a, NONE, "address");
            }
        }
        return NONE;
    }

    private static List<Column> event() {
        return List.of(
                col("Last Seen", "The time at which the most recent occurrence of this event was recorded.",
                        (o, now) -> eventLastSeen(o, now)),
                col("Type", "Type of this event (Normal, Warning), new types could be added in the future",
                        (o, now) -> Json.strOr(o, "", "type")),
                col("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
                        (o, now) -> Json.strOr(o, "", "reason")),
                col("Object", "The object that this event is about.", (o, now) -> {
                    String kind = Json.strOr(o, "", "involvedObject", "kind").toLowerCase();
                    String name = Json.strOr(o, "", "involvedObject", "name");
                    return name.isEmpty() ? kind : kind + "/" + name;
                }),
                wide("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.",
                        (o, now) -> Json.strOr(o, "", "involvedObject", "fieldPath")),
                wide("Source", "The component reporting this event.", (o, now) -> eventSource(o)),
                col("Message", "A human-readable description of the status of this operation.",
                        (o, now) -> Json.strOr(o, "", "message").strip()),
                wide("First Seen", "The time at which the event was first recorded.", (o, now) -> eventFirstSeen(o, now)),
                new Column("Count", "string", "", "The number of times this event has occurred.", 1,
                        (o, now) -> (long) eventCount(o)),
                new Column("Name", "string", "name", NAME_DOC, 1, (o, now) -> Json.name(o)));
    }

    private static String eventFirstSeen(JsonNode e, Instant now) {
        String first = Json.str(e, "firstTimestamp");
        if (first == null || first.isEmpty()) {
            return Ages.age(Json.str(e, "eventTime"), now);
        }
        return Ages.age(first, now);
    }

    private static String eventLastSeen(JsonNode e, Instant now) {
        if (Json.at(e, "series").isObject() && Json.str(e, "series", "lastObservedTime") != null) {
            return Ages.age(Json.str(e, "series", "lastObservedTime"), now);
        }
        String last = Json.str(e, "lastTimestamp");
        return last == null || last.isEmpty() ? eventFirstSeen(e, now) : Ages.age(last, now);
    }

    private static int eventCount(JsonNode e) {
        if (Json.at(e, "series").isObject()) {
            return Json.integer(e, 1, "series", "count");
        }
        int count = Json.integer(e, 0, "count");
        return count == 0 ? 1 : count;
    }

    private static String eventSource(JsonNode e) {
        String component = Json.strOr(e, "", "source", "component");
        String host = Json.strOr(e, "", "source", "host");
        if (component.isEmpty()) {
            component = Json.strOr(e, "", "reportingComponent");
            host = Json.strOr(e, "", "reportingInstance");
        }
        return host.isEmpty() ? component : component + ", " + host;
    }

    private static List<Column> service() {
        return List.of(name(),
                col("Type", "type determines how the Service is exposed.", (o, now) -> Json.strOr(o, "ClusterIP", "spec", "type")),
                col("Cluster-IP", "clusterIP is the IP address of the service.", (o, now) -> {
                    List<String> ips = Json.strings(o, "spec", "clusterIPs");
                    return !ips.isEmpty() ? ips.get(0) : nonEmptyOr(Json.str(o, "spec", "clusterIP"), NONE);
                }),
                col("External-IP", "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
                        (o, now) -> serviceExternalIp(o)),
                col("Port(s)", "The list of ports that are exposed by this service.", (o, now) -> servicePorts(o)),
                age(),
                wide("Selector", "Route service traffic to pods with label keys and values matching this selector.",
                        (o, now) -> {
                            TreeSet<String> parts = new TreeSet<>();
                            Json.stringMap(o, "spec", "selector").forEach((k, v) -> parts.add(k + "=" + v));
                            return parts.isEmpty() ? NONE : String.join(",", parts);
                        }));
    }

    private static String serviceExternalIp(JsonNode svc) {
        List<String> external = Json.strings(svc, "spec", "externalIPs");
        String type = Json.strOr(svc, "ClusterIP", "spec", "type");
        switch (type) {
            case "ClusterIP", "NodePort" -> {
                return external.isEmpty() ? NONE : String.join(",", external);
            }
            case "LoadBalancer" -> {
                TreeSet<String> lb = new TreeSet<>();
                for (JsonNode i : Json.list(svc, "status", "loadBalancer", "ingress")) {
                    String ip = Json.strOr(i, "", "ip");
                    String host = Json.strOr(i, "", "hostname");
                    if (!ip.isEmpty()) {
                        lb.add(ip);
                    } else if (!host.isEmpty()) {
                        lb.add(host);
                    }
                }
                List<String> all = new ArrayList<>(lb);
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName" -> {
                return Json.strOr(svc, "", "spec", "externalName");
            }
            default -> {
                return "<unknown>";
            }
        }
    }

    private static String servicePorts(JsonNode svc) {
        List<String> parts = new ArrayList<>();
        for (JsonNode p : Json.list(svc, "spec", "ports")) {
            String protocol = Json.strOr(p, "TCP", "protocol");
            int nodePort = Json.integer(p, 0, "nodePort");
            int port = Json.integer(p, 0, "port");
            parts.add(nodePort > 0 ? port + ":" + nodePort + "/" + protocol : port + "/" + protocol);
        }
        return parts.isEmpty() ? NONE : String.join(",", parts);
    }

    // ------------------------------------------------------------------ column helpers

    private static Column name() {
        return new Column("Name", "string", "name", NAME_DOC, 0, (o, now) -> Json.name(o));
    }

    /** {@code printResourceQuota}: "resource: used/hard" for each hard limit, limits.* in the Limit column. */
    private static String quotaUsage(ObjectNode quota, boolean limits) {
        Map<String, String> used = Json.stringMap(quota, "status", "used");
        Map<String, String> hard = Json.stringMap(quota, "status", "hard");
        List<String> parts = new ArrayList<>();
        for (String r : new TreeSet<>(Json.stringMap(quota, "spec", "hard").keySet())) {
            String[] pieces = r.split("\\.");
            if ((pieces.length > 1 && pieces[0].equals("limits")) == limits) {
                parts.add(r + ": " + used.getOrDefault(r, "0") + "/" + hard.getOrDefault(r, "0"));
            }
        }
        return String.join(", ", parts);
    }

    private static Column age() {
        return Column.of("Age", AGE_DOC, (o, now) -> Ages.age(Json.str(o, "metadata", "creationTimestamp"), now));
    }

    private static Column col(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return Column.of(name, description, cell);
    }

    private static Column wide(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return Column.wide(name, description, cell);
    }

    private static Column integer(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, "integer", "", description, 0, cell);
    }

    private static String orNone(String s) {
        return nonEmptyOr(s, NONE);
    }

    private static String nonEmptyOr(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
