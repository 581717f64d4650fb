package dev.ordinal.api.openapi;

import static dev.ordinal.api.openapi.KubernetesSchemas.CORE;
import static dev.ordinal.api.openapi.KubernetesSchemas.META;
import static dev.ordinal.api.openapi.KubernetesSchemas.QUANTITY;
import static dev.ordinal.api.openapi.SchemaBuilder.atomicList;
import static dev.ordinal.api.openapi.SchemaBuilder.atomicMap;
import static dev.ordinal.api.openapi.SchemaBuilder.bool;
import static dev.ordinal.api.openapi.SchemaBuilder.enumStr;
import static dev.ordinal.api.openapi.SchemaBuilder.int32;
import static dev.ordinal.api.openapi.SchemaBuilder.int64;
import static dev.ordinal.api.openapi.SchemaBuilder.map;
import static dev.ordinal.api.openapi.SchemaBuilder.mapList;
import static dev.ordinal.api.openapi.SchemaBuilder.object;
import static dev.ordinal.api.openapi.SchemaBuilder.opaqueObject;
import static dev.ordinal.api.openapi.SchemaBuilder.optionalRef;
import static dev.ordinal.api.openapi.SchemaBuilder.ref;
import static dev.ordinal.api.openapi.SchemaBuilder.required;
import static dev.ordinal.api.openapi.SchemaBuilder.str;
import static dev.ordinal.api.openapi.SchemaBuilder.stringMap;
import static dev.ordinal.api.openapi.SchemaBuilder.withDefault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * The core/v1 schemas of a pod as Kubernetes v1.32 publishes them: PodSpec with its containers, volumes and
 * scheduling fields, and PodStatus. Every object schema with {@code properties} lists all of its Go struct's fields;
 * the parts Ordinal does not model (probes, lifecycle, security contexts, affinity, DNS config, most volume sources)
 * are components kept as given ({@code x-kubernetes-preserve-unknown-fields}), so a schema walker never refuses a
 * valid manifest. Lists carry Kubernetes' strategic-merge keys and list types.
 */
final class PodSchemas {
    /** The volume sources Ordinal does not model, with the component Kubernetes names each by. */
    static final Map<String, String> OPAQUE_VOLUME_SOURCES = Map.ofEntries(
            Map.entry("awsElasticBlockStore", "AWSElasticBlockStoreVolumeSource"),
            Map.entry("azureDisk", "AzureDiskVolumeSource"), Map.entry("azureFile", "AzureFileVolumeSource"),
            Map.entry("cephfs", "CephFSVolumeSource"), Map.entry("cinder", "CinderVolumeSource"),
            Map.entry("csi", "CSIVolumeSource"), Map.entry("downwardAPI", "DownwardAPIVolumeSource"),
            Map.entry("ephemeral", "EphemeralVolumeSource"), Map.entry("fc", "FCVolumeSource"),
            Map.entry("flexVolume", "FlexVolumeSource"), Map.entry("flocker", "FlockerVolumeSource"),
            Map.entry("gcePersistentDisk", "GCEPersistentDiskVolumeSource"),
            Map.entry("gitRepo", "GitRepoVolumeSource"), Map.entry("glusterfs", "GlusterfsVolumeSource"),
            Map.entry("image", "ImageVolumeSource"), Map.entry("iscsi", "ISCSIVolumeSource"),
            Map.entry("nfs", "NFSVolumeSource"), Map.entry("photonPersistentDisk", "PhotonPersistentDiskVolumeSource"),
            Map.entry("portworxVolume", "PortworxVolumeSource"), Map.entry("projected", "ProjectedVolumeSource"),
            Map.entry("quobyte", "QuobyteVolumeSource"), Map.entry("rbd", "RBDVolumeSource"),
            Map.entry("scaleIO", "ScaleIOVolumeSource"), Map.entry("storageos", "StorageOSVolumeSource"),
            Map.entry("vsphereVolume", "VsphereVirtualDiskVolumeSource"));

    private PodSchemas() {
    }

    static void add(Map<String, ObjectNode> m) {
        opaque(m);
        container(m);
        volume(m);
        podSpec(m);
        podStatus(m);
    }

    /** The parts of a pod Ordinal accepts as given: named as Kubernetes names them, fields not modelled. */
    private static void opaque(Map<String, ObjectNode> m) {
        m.put(CORE + "Probe", opaqueObject("Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic. Kept as given."));
        m.put(CORE + "Lifecycle", opaqueObject("Lifecycle describes actions that the management system should take in response to container lifecycle events. Kept as given."));
        m.put(CORE + "SecurityContext", opaqueObject("SecurityContext holds security configuration that will be applied to a container. Kept as given."));
        m.put(CORE + "PodSecurityContext", opaqueObject("PodSecurityContext holds pod-level security attributes and common container settings. Kept as given."));
        m.put(CORE + "Affinity", opaqueObject("Affinity is a group of affinity scheduling rules (node affinity, pod affinity, pod anti-affinity). Kept as given."));
        m.put(CORE + "PodDNSConfig", opaqueObject("PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy. Kept as given."));
        m.put(CORE + "EnvVarSource", opaqueObject("EnvVarSource represents a source for the value of an EnvVar (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef). Kept as given."));
        m.put(CORE + "ContainerUser", opaqueObject("ContainerUser represents user identity information. Kept as given."));
        m.put(CORE + "ResourceStatus", opaqueObject("ResourceStatus represents the status of a single resource allocated to a Pod. Kept as given."));
        for (Map.Entry<String, String> e : OPAQUE_VOLUME_SOURCES.entrySet()) {
            m.put(CORE + e.getValue(), opaqueObject(e.getValue() + ": the " + e.getKey() + " volume source. Ordinal does not model it; it is kept as given."));
        }
    }

    private static void container(Map<String, ObjectNode> m) {
        m.put(CORE + "ContainerPort", required(object("ContainerPort represents a network port in a single container.",
                "containerPort", int32("Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536."),
                "hostIP", str("What host IP to bind the external port to."),
                "hostPort", int32("Number of port to expose on the host."),
                "name", str("If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name."),
                "protocol", withDefault(enumStr("Protocol for port. Must be UDP, TCP, or SCTP. Defaults to \"TCP\".", "SCTP", "TCP", "UDP"), "TCP")), "containerPort"));
        m.put(CORE + "VolumeMount", required(object("VolumeMount describes a mounting of a Volume within a container.",
                "mountPath", str("Path within the container at which the volume should be mounted. Must not contain ':'."),
                "mountPropagation", enumStr("mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used.", "Bidirectional", "HostToContainer", "None"),
                "name", str("This must match the Name of a Volume."),
                "readOnly", bool("Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false."),
                "recursiveReadOnly", str("RecursiveReadOnly specifies whether read-only mounts should be handled recursively: Disabled, IfPossible or Enabled."),
                "subPath", str("Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root)."),
                "subPathExpr", str("Expanded path within the volume from which the container's volume should be mounted. SubPathExpr and SubPath are mutually exclusive.")), "name", "mountPath"));
        m.put(CORE + "VolumeDevice", required(object("volumeDevice describes a mapping of a raw block device within a container.",
                "devicePath", str("devicePath is the path inside of the container that the device will be mapped to."),
                "name", str("name must match the name of a persistentVolumeClaim in the pod")), "name", "devicePath"));
        m.put(CORE + "EnvVar", required(object("EnvVar represents an environment variable present in a Container.",
                "name", str("Name of the environment variable. Must be a C_IDENTIFIER."),
                "value", str("Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container."),
                "valueFrom", optionalRef(CORE + "EnvVarSource", "Source for the environment variable's value. Cannot be used if value is not empty.")), "name"));
        m.put(CORE + "ConfigMapEnvSource", object("ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.",
                "name", str("Name of the referent."),
                "optional", bool("Specify whether the ConfigMap must be defined")));
        m.put(CORE + "SecretEnvSource", object("SecretEnvSource selects a Secret to populate the environment variables with.",
                "name", str("Name of the referent."),
                "optional", bool("Specify whether the Secret must be defined")));
        m.put(CORE + "EnvFromSource", object("EnvFromSource represents the source of a set of ConfigMaps or Secrets",
                "configMapRef", optionalRef(CORE + "ConfigMapEnvSource", "The ConfigMap to select from"),
                "prefix", str("An optional identifier to prepend to each key in the ConfigMap. Must be a C_IDENTIFIER."),
                "secretRef", optionalRef(CORE + "SecretEnvSource", "The Secret to select from")));
        m.put(CORE + "ResourceClaim", required(object("ResourceClaim references one entry in PodSpec.ResourceClaims.",
                "name", str("Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used."),
                "request", str("Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available.")), "name"));
        m.put(CORE + "ResourceRequirements", object("ResourceRequirements describes the compute resource requirements.",
                "claims", SchemaBuilder.applyMapList(ref(CORE + "ResourceClaim"), "Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.", "name"),
                "limits", map(ref(QUANTITY), "Limits describes the maximum amount of compute resources allowed."),
                "requests", map(ref(QUANTITY), "Requests describes the minimum amount of compute resources required.")));
        m.put(CORE + "ContainerResizePolicy", required(object("ContainerResizePolicy represents resource resize policy for the container.",
                "resourceName", str("Name of the resource to which this resource resize policy applies. Supported values: cpu, memory."),
                "restartPolicy", str("Restart policy to apply when specified resource is resized. If not specified, it defaults to NotRequired.")), "resourceName", "restartPolicy"));
        m.put(CORE + "Container", required(object("A single application container that you want to run within a pod.",
                containerFields(false)), "name"));
        m.put(CORE + "EphemeralContainer", required(object("An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging (kubectl debug). It is added through the pod's ephemeralcontainers subresource.",
                containerFields(true)), "name"));
    }

    /** The fields of Kubernetes' Container; an EphemeralContainer has the same plus targetContainerName. */
    private static Object[] containerFields(boolean ephemeral) {
        List<Object> f = new ArrayList<>(List.of(
                "args", atomicList(str(""), "Arguments to the entrypoint. The container image's CMD is used if this is not provided."),
                "command", atomicList(str(""), "Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided."),
                "env", mapList(ref(CORE + "EnvVar"), "List of environment variables to set in the container. Cannot be updated.", "name", "merge", "name"),
                "envFrom", atomicList(ref(CORE + "EnvFromSource"), "List of sources to populate environment variables in the container."),
                "image", str("Container image name."),
                "imagePullPolicy", enumStr("Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.", "Always", "IfNotPresent", "Never"),
                "lifecycle", optionalRef(CORE + "Lifecycle", "Actions that the management system should take in response to container lifecycle events. Cannot be updated."),
                "livenessProbe", optionalRef(CORE + "Probe", "Periodic probe of container liveness. Container will be restarted if the probe fails."),
                "name", str("Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated."),
                "ports", mapList(ref(CORE + "ContainerPort"), "List of ports to expose from the container.", "containerPort", "merge", "containerPort", "protocol"),
                "readinessProbe", optionalRef(CORE + "Probe", "Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails."),
                "resizePolicy", atomicList(ref(CORE + "ContainerResizePolicy"), "Resources resize policy for the container."),
                "resources", ref(CORE + "ResourceRequirements", "Compute Resources required by this container."),
                "restartPolicy", str("RestartPolicy defines the restart behavior of individual containers in a pod. Only \"Always\", for init containers (sidecars)."),
                "securityContext", optionalRef(CORE + "SecurityContext", "SecurityContext defines the security options the container should be run with."),
                "startupProbe", optionalRef(CORE + "Probe", "StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully."),
                "stdin", bool("Whether this container should allocate a buffer for stdin in the container runtime."),
                "stdinOnce", bool("Whether the container runtime should close the stdin channel after it has been opened by a single attach."),
                "terminationMessagePath", str("Path at which the file to which the container's termination message will be written is mounted. Defaults to /dev/termination-log."),
                "terminationMessagePolicy", enumStr("Indicate how the termination message should be populated: File (the default) or FallbackToLogsOnError.", "FallbackToLogsOnError", "File"),
                "tty", bool("Whether this container should allocate a TTY for itself, also requires 'stdin' to be true."),
                "volumeDevices", mapList(ref(CORE + "VolumeDevice"), "volumeDevices is the list of block devices to be used by the container.", "devicePath", "merge", "devicePath"),
                "volumeMounts", mapList(ref(CORE + "VolumeMount"), "Pod volumes to mount into the container's filesystem. Cannot be updated.", "mountPath", "merge", "mountPath"),
                "workingDir", str("Container's working directory. If not specified, the container runtime's default will be used.")));
        if (ephemeral) {
            f.addAll(List.of("targetContainerName", str("If set, the name of the container from PodSpec that this ephemeral container targets. The ephemeral container will be run in the namespaces (IPC, PID, etc) of this container.")));
        }
        return f.toArray();
    }

    private static void volume(Map<String, ObjectNode> m) {
        m.put(CORE + "PersistentVolumeClaimVolumeSource", required(object("PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace.",
                "claimName", str("claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume."),
                "readOnly", bool("readOnly Will force the ReadOnly setting in VolumeMounts. Default false.")), "claimName"));
        m.put(CORE + "EmptyDirVolumeSource", object("Represents an empty directory for a pod.",
                "medium", str("medium represents what type of storage medium should back this directory: \"\" (the node's default) or Memory."),
                "sizeLimit", optionalRef(QUANTITY, "sizeLimit is the total amount of local storage required for this EmptyDir volume.")));
        m.put(CORE + "KeyToPath", required(object("Maps a string key to a path within a volume.",
                "key", str("key is the key to project."),
                "mode", int32("mode is Optional: mode bits used to set permissions on this file. Must be an octal value between 0000 and 0777 or a decimal value between 0 and 511."),
                "path", str("path is the relative path of the file to map the key to. May not be an absolute path. May not contain the path element '..'.")), "key", "path"));
        m.put(CORE + "ConfigMapVolumeSource", object("Adapts a ConfigMap into a volume: each key of its data becomes a file.",
                "defaultMode", int32("defaultMode is optional: mode bits used to set permissions on created files by default. Defaults to 0644."),
                "items", atomicList(ref(CORE + "KeyToPath"), "items, if unspecified, projects each key-value pair of the ConfigMap's Data field into the volume as a file whose name is the key and content is the value."),
                "name", str("Name of the referent."),
                "optional", bool("optional specify whether the ConfigMap or its keys must be defined")));
        m.put(CORE + "SecretVolumeSource", object("Adapts a Secret into a volume: each key of its data becomes a file.",
                "defaultMode", int32("defaultMode is Optional: mode bits used to set permissions on created files by default. Defaults to 0644."),
                "items", atomicList(ref(CORE + "KeyToPath"), "items, if unspecified, projects each key-value pair of the Secret's Data field into the volume as a file whose name is the key and content is the value."),
                "optional", bool("optional field specify whether the Secret or its keys must be defined"),
                "secretName", str("secretName is the name of the secret in the pod's namespace to use.")));
        m.put(CORE + "HostPathVolumeSource", required(object("Represents a host path mapped into a pod.",
                "path", str("path of the directory on the host."),
                "type", str("type for HostPath Volume. Defaults to \"\"")), "path"));
        List<Object> fields = new ArrayList<>(List.of(
                "configMap", optionalRef(CORE + "ConfigMapVolumeSource", "configMap represents a configMap that should populate this volume."),
                "emptyDir", optionalRef(CORE + "EmptyDirVolumeSource", "emptyDir represents a temporary directory that shares a pod's lifetime."),
                "hostPath", optionalRef(CORE + "HostPathVolumeSource", "hostPath represents a pre-existing file or directory on the host machine."),
                "name", str("name of the volume. Must be a DNS_LABEL and unique within the pod."),
                "persistentVolumeClaim", optionalRef(CORE + "PersistentVolumeClaimVolumeSource", "persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace."),
                "secret", optionalRef(CORE + "SecretVolumeSource", "secret represents a secret that should populate this volume.")));
        OPAQUE_VOLUME_SOURCES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            fields.add(e.getKey());
            fields.add(optionalRef(CORE + e.getValue(), e.getKey() + " volume source (kept as given)."));
        });
        m.put(CORE + "Volume", required(object("Volume represents a named volume in a pod that may be accessed by any container in the pod. Exactly one source may be set.",
                fields.toArray()), "name"));
    }

    private static void podSpec(Map<String, ObjectNode> m) {
        m.put(CORE + "PodReadinessGate", required(object("PodReadinessGate contains the reference to a pod condition",
                "conditionType", str("ConditionType refers to a condition in the pod's condition list with matching type.")), "conditionType"));
        m.put(CORE + "HostAlias", required(object("HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.",
                "hostnames", atomicList(str(""), "Hostnames for the above IP address."),
                "ip", str("IP address of the host file entry.")), "ip"));
        m.put(CORE + "PodOS", required(object("PodOS defines the OS parameters of a pod.",
                "name", str("Name is the name of the operating system. The currently supported values are linux and windows.")), "name"));
        m.put(CORE + "PodResourceClaim", required(object("PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate.",
                "name", str("Name uniquely identifies this resource claim inside the pod. This must be a DNS_LABEL."),
                "resourceClaimName", str("ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod."),
                "resourceClaimTemplateName", str("ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.")), "name"));
        m.put(CORE + "PodSchedulingGate", required(object("PodSchedulingGate is associated to a Pod to guard its scheduling.",
                "name", str("Name of the scheduling gate. Each scheduling gate must have a unique name field.")), "name"));
        m.put(CORE + "Toleration", object("The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.",
                "effect", enumStr("Effect indicates the taint effect to match. Empty means match all taint effects.", "NoExecute", "NoSchedule", "PreferNoSchedule"),
                "key", str("Key is the taint key that the toleration applies to. Empty means match all taint keys."),
                "operator", enumStr("Operator represents a key's relationship to the value: Exists or Equal (the default).", "Equal", "Exists"),
                "tolerationSeconds", int64("TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute) tolerates the taint."),
                "value", str("Value is the taint value the toleration matches to.")));
        m.put(CORE + "TopologySpreadConstraint", required(object("TopologySpreadConstraint specifies how to spread matching pods among the given topology.",
                "labelSelector", optionalRef(META + "LabelSelector", "LabelSelector is used to find matching pods."),
                "matchLabelKeys", atomicList(str(""), "MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated."),
                "maxSkew", int32("MaxSkew describes the degree to which pods may be unevenly distributed."),
                "minDomains", int32("MinDomains indicates a minimum number of eligible domains."),
                "nodeAffinityPolicy", enumStr("NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew.", "Honor", "Ignore"),
                "nodeTaintsPolicy", enumStr("NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew.", "Honor", "Ignore"),
                "topologyKey", str("TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology."),
                "whenUnsatisfiable", enumStr("WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint.", "DoNotSchedule", "ScheduleAnyway")),
                "maxSkew", "topologyKey", "whenUnsatisfiable"));
        m.put(CORE + "PodSpec", required(object("PodSpec is a description of a pod.",
                "activeDeadlineSeconds", int64("Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers."),
                "affinity", optionalRef(CORE + "Affinity", "If specified, the pod's scheduling constraints"),
                "automountServiceAccountToken", bool("AutomountServiceAccountToken indicates whether a service account token should be automatically mounted."),
                "containers", mapList(ref(CORE + "Container"), "List of containers belonging to the pod. There must be at least one container in a Pod. Cannot be updated.", "name", "merge", "name"),
                "dnsConfig", optionalRef(CORE + "PodDNSConfig", "Specifies the DNS parameters of a pod."),
                "dnsPolicy", enumStr("Set DNS policy for the pod. Defaults to \"ClusterFirst\".", "ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"),
                "enableServiceLinks", bool("EnableServiceLinks indicates whether information about services should be injected into pod's environment variables. Optional: Defaults to true."),
                "ephemeralContainers", mapList(ref(CORE + "EphemeralContainer"), "List of ephemeral containers run in this pod. Added through the pod's ephemeralcontainers subresource.", "name", "merge", "name"),
                "hostAliases", mapList(ref(CORE + "HostAlias"), "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.", "ip", "merge", "ip"),
                "hostIPC", bool("Use the host's ipc namespace. Optional: Default to false."),
                "hostNetwork", bool("Host networking requested for this pod. Default to false."),
                "hostPID", bool("Use the host's pid namespace. Optional: Default to false."),
                "hostUsers", bool("Use the host's user namespace. Optional: Default to true."),
                "hostname", str("Specifies the hostname of the Pod. If not specified, the pod's hostname will be set to a system-defined value."),
                "imagePullSecrets", mapList(ref(CORE + "LocalObjectReference"), "ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec.", "name", "merge", "name"),
                "initContainers", mapList(ref(CORE + "Container"), "List of initialization containers belonging to the pod.", "name", "merge", "name"),
                "nodeName", str("NodeName indicates in which node this pod is scheduled. Set by the scheduler."),
                "nodeSelector", atomicMap(stringMap("NodeSelector is a selector which must be true for the pod to fit on a node.")),
                "os", optionalRef(CORE + "PodOS", "Specifies the OS of the containers in the pod."),
                "overhead", map(ref(QUANTITY), "Overhead represents the resource overhead associated with running a pod for a given RuntimeClass."),
                "preemptionPolicy", enumStr("PreemptionPolicy is the Policy for preempting pods with lower priority. Defaults to PreemptLowerPriority if unset.", "Never", "PreemptLowerPriority"),
                "priority", int32("The priority value. The higher the value, the higher the priority."),
                "priorityClassName", str("If specified, indicates the pod's priority."),
                "readinessGates", atomicList(ref(CORE + "PodReadinessGate"), "If specified, all readiness gates will be evaluated for pod readiness."),
                "resourceClaims", mapList(ref(CORE + "PodResourceClaim"), "ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.", "name", "merge,retainKeys", "name"),
                "resources", optionalRef(CORE + "ResourceRequirements", "Resources is the total amount of CPU and Memory resources required by all containers in the pod (pod-level resources)."),
                "restartPolicy", enumStr("Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.", "Always", "Never", "OnFailure"),
                "runtimeClassName", str("RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod."),
                "schedulerName", str("If specified, the pod will be dispatched by specified scheduler."),
                "schedulingGates", mapList(ref(CORE + "PodSchedulingGate"), "SchedulingGates is an opaque list of values that if specified will block scheduling the pod.", "name", "merge", "name"),
                "securityContext", optionalRef(CORE + "PodSecurityContext", "SecurityContext holds pod-level security attributes and common container settings."),
                "serviceAccount", str("DeprecatedServiceAccount is a deprecated alias for ServiceAccountName."),
                "serviceAccountName", str("ServiceAccountName is the name of the ServiceAccount to use to run this pod."),
                "setHostnameAsFQDN", bool("If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default)."),
                "shareProcessNamespace", bool("Share a single process namespace between all of the containers in a pod."),
                "subdomain", str("If specified, the fully qualified Pod hostname will be \"<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>\"."),
                "terminationGracePeriodSeconds", int64("Optional duration in seconds the pod needs to terminate gracefully. Defaults to 30 seconds."),
                "tolerations", atomicList(ref(CORE + "Toleration"), "If specified, the pod's tolerations."),
                "topologySpreadConstraints", mapList(ref(CORE + "TopologySpreadConstraint"), "TopologySpreadConstraints describes how a group of pods ought to spread across topology domains.", "topologyKey", "merge", "topologyKey", "whenUnsatisfiable"),
                "volumes", mapList(ref(CORE + "Volume"), "List of volumes that can be mounted by containers belonging to the pod.", "name", "merge,retainKeys", "name")), "containers"));
        m.put(CORE + "PodTemplateSpec", object("PodTemplateSpec describes the data a pod should have when created from a template",
                "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                "spec", ref(CORE + "PodSpec", "Specification of the desired behavior of the pod.")));
    }

    private static void podStatus(Map<String, ObjectNode> m) {
        m.put(CORE + "PodCondition", required(object("PodCondition contains details for the current condition of this pod.",
                "lastProbeTime", optionalRef(META + "Time", "Last time we probed the condition."),
                "lastTransitionTime", optionalRef(META + "Time", "Last time the condition transitioned from one status to another."),
                "message", str("Human-readable message indicating details about last transition."),
                "reason", str("Unique, one-word, CamelCase reason for the condition's last transition."),
                "status", str("Status is the status of the condition. Can be True, False, Unknown."),
                "type", str("Type is the type of the condition: PodScheduled, Initialized, ContainersReady, Ready.")), "type", "status"));
        m.put(CORE + "ContainerStateWaiting", object("ContainerStateWaiting is a waiting state of a container.",
                "message", str("Message regarding why the container is not yet running."),
                "reason", str("(brief) reason the container is not yet running, e.g. ContainerCreating.")));
        m.put(CORE + "ContainerStateRunning", object("ContainerStateRunning is a running state of a container.",
                "startedAt", optionalRef(META + "Time", "Time at which the container was last (re-)started")));
        m.put(CORE + "ContainerStateTerminated", required(object("ContainerStateTerminated is a terminated state of a container.",
                "containerID", str("Container's ID in the format '<type>://<container_id>'"),
                "exitCode", int32("Exit status from the last termination of the container"),
                "finishedAt", optionalRef(META + "Time", "Time at which the container last terminated"),
                "message", str("Message regarding the last termination of the container"),
                "reason", str("(brief) reason from the last termination of the container"),
                "signal", int32("Signal from the last termination of the container"),
                "startedAt", optionalRef(META + "Time", "Time at which previous execution of the container started")), "exitCode"));
        m.put(CORE + "ContainerState", object("ContainerState holds a possible state of container. Only one of its members may be specified.",
                "running", optionalRef(CORE + "ContainerStateRunning", "Details about a running container"),
                "terminated", optionalRef(CORE + "ContainerStateTerminated", "Details about a terminated container"),
                "waiting", optionalRef(CORE + "ContainerStateWaiting", "Details about a waiting container")));
        m.put(CORE + "VolumeMountStatus", required(object("VolumeMountStatus shows status of volume mounts.",
                "mountPath", str("MountPath corresponds to the original VolumeMount."),
                "name", str("Name corresponds to the name of the original VolumeMount."),
                "readOnly", bool("ReadOnly corresponds to the original VolumeMount."),
                "recursiveReadOnly", str("RecursiveReadOnly must be set to Disabled, Enabled, or unspecified (for non-readonly mounts).")), "name", "mountPath"));
        m.put(CORE + "ContainerStatus", required(object("ContainerStatus contains details for the current status of this container.",
                "allocatedResources", map(ref(QUANTITY), "AllocatedResources represents the compute resources allocated for this container by the node."),
                "allocatedResourcesStatus", mapList(ref(CORE + "ResourceStatus"), "AllocatedResourcesStatus represents the status of various resources allocated for this Pod.", "name", "merge", "name"),
                "containerID", str("ContainerID is the ID of the container in the format '<type>://<container_id>'."),
                "image", str("Image is the name of container image that the container is running."),
                "imageID", str("ImageID is the image ID of the container's image."),
                "lastState", ref(CORE + "ContainerState", "LastTerminationState holds the last termination state of the container."),
                "name", str("Name is a DNS_LABEL representing the unique name of the container."),
                "ready", bool("Ready specifies whether the container is currently passing its readiness check."),
                "resources", optionalRef(CORE + "ResourceRequirements", "Resources represents the compute resource requests and limits that have been successfully enacted on the running container."),
                "restartCount", int32("RestartCount holds the number of times the container has been restarted."),
                "started", bool("Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe."),
                "state", ref(CORE + "ContainerState", "State holds details about the container's current condition."),
                "user", optionalRef(CORE + "ContainerUser", "User represents user identity information initially attached to the first process of the container."),
                "volumeMounts", mapList(ref(CORE + "VolumeMountStatus"), "Status of volume mounts.", "mountPath", "merge", "mountPath")),
                "name", "ready", "restartCount", "image", "imageID"));
        m.put(CORE + "PodIP", required(object("PodIP represents a single IP address allocated to the pod.",
                "ip", str("IP is the IP address assigned to the pod")), "ip"));
        m.put(CORE + "HostIP", required(object("HostIP represents a single IP address allocated to the host.",
                "ip", str("IP is the IP address assigned to the host")), "ip"));
        m.put(CORE + "PodResourceClaimStatus", required(object("PodResourceClaimStatus is stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate.",
                "name", str("Name uniquely identifies this resource claim inside the pod."),
                "resourceClaimName", str("ResourceClaimName is the name of the ResourceClaim that was generated for the Pod in the namespace of the Pod.")), "name"));
        ObjectNode hostIPs = atomicList(ref(CORE + "HostIP"), "hostIPs holds the IP addresses allocated to the host.");
        hostIPs.put("x-kubernetes-patch-merge-key", "ip");
        hostIPs.put("x-kubernetes-patch-strategy", "merge");
        m.put(CORE + "PodStatus", object("PodStatus represents information about the status of a pod.",
                "conditions", mapList(ref(CORE + "PodCondition"), "Current service state of pod.", "type", "merge", "type"),
                "containerStatuses", atomicList(ref(CORE + "ContainerStatus"), "The list has one entry per container in the manifest."),
                "ephemeralContainerStatuses", atomicList(ref(CORE + "ContainerStatus"), "Status for any ephemeral containers that have run in this pod."),
                "hostIP", str("hostIP holds the IP address of the host to which the pod is assigned."),
                "hostIPs", hostIPs,
                "initContainerStatuses", atomicList(ref(CORE + "ContainerStatus"), "The list has one entry per init container in the manifest."),
                "message", str("A human readable message indicating details about why the pod is in this condition."),
                "nominatedNodeName", str("nominatedNodeName is set only when this pod preempts other pods on the node."),
                "phase", enumStr("The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.", "Failed", "Pending", "Running", "Succeeded", "Unknown"),
                "podIP", str("podIP address allocated to the pod."),
                "podIPs", mapList(ref(CORE + "PodIP"), "podIPs holds the IP addresses allocated to the pod.", "ip", "merge", "ip"),
                "qosClass", enumStr("The Quality of Service (QOS) classification assigned to the pod based on resource requirements.", "BestEffort", "Burstable", "Guaranteed"),
                "reason", str("A brief CamelCase message indicating details about why the pod is in this state. e.g. 'Evicted'"),
                "resize", str("Status of resources resize desired for pod's containers. It is empty if no resources resize is pending."),
                "resourceClaimStatuses", mapList(ref(CORE + "PodResourceClaimStatus"), "Status of resource claims.", "name", "merge,retainKeys", "name"),
                "startTime", optionalRef(META + "Time", "RFC 3339 date and time at which the object was acknowledged by the Kubelet.")));
    }
}
