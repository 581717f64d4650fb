package dev.ordinal.core;

import java.util.List;

/**
 * The names of the built-in kinds, for the code that works with them by name (controllers, strategies). What a kind
 * is — its schema, strategy, columns, subresources — is its {@link dev.ordinal.core.KindDefinition}, declared in its
 * own package; which kinds are served is the {@link dev.ordinal.core.KindRegistry}'s business, not this class's.
 */
public final class ResourceTypes {
    private static final List<String> NONE = List.of();
    private static final List<String> ALL = List.of("all");

    public static final ResourceType NAMESPACE = new ResourceType("", "v1", "Namespace", "namespaces", "namespace",
            false, List.of("ns"), List.of("status"), NONE);
    public static final ResourceType NODE = new ResourceType("", "v1", "Node", "nodes", "node",
            false, List.of("no"), List.of("status"), NONE);
    public static final ResourceType PERSISTENT_VOLUME = new ResourceType("", "v1", "PersistentVolume",
            "persistentvolumes", "persistentvolume", false, List.of("pv"), List.of("status"), NONE);
    public static final ResourceType PERSISTENT_VOLUME_CLAIM = new ResourceType("", "v1", "PersistentVolumeClaim",
            "persistentvolumeclaims", "persistentvolumeclaim", true, List.of("pvc"), List.of("status"), NONE);
    public static final ResourceType POD = new ResourceType("", "v1", "Pod", "pods", "pod",
            true, List.of("po"), List.of("status"), ALL);
    public static final ResourceType EVENT = new ResourceType("", "v1", "Event", "events", "event",
            true, List.of("ev"), NONE, NONE);
    public static final ResourceType SERVICE = new ResourceType("", "v1", "Service", "services", "service",
            true, List.of("svc"), List.of("status"), ALL);
    public static final ResourceType RESOURCE_QUOTA = new ResourceType("", "v1", "ResourceQuota", "resourcequotas",
            "resourcequota", true, List.of("quota"), List.of("status"), NONE);
    public static final ResourceType REPLICATION_CONTROLLER = new ResourceType("", "v1", "ReplicationController",
            "replicationcontrollers", "replicationcontroller", true, List.of("rc"), List.of("status", "scale"), ALL);
    public static final ResourceType REPLICA_SET = new ResourceType("apps", "v1", "ReplicaSet", "replicasets",
            "replicaset", true, List.of("rs"), List.of("status", "scale"), ALL);
    public static final ResourceType STATEFUL_SET = new ResourceType("apps", "v1", "StatefulSet", "statefulsets",
            "statefulset", true, List.of("sts"), List.of("status", "scale"), ALL);
    public static final ResourceType CONTROLLER_REVISION = new ResourceType("apps", "v1", "ControllerRevision",
            "controllerrevisions", "controllerrevision", true, NONE, NONE, NONE);
    public static final ResourceType STORAGE_CLASS = new ResourceType("storage.k8s.io", "v1", "StorageClass",
            "storageclasses", "storageclass", false, List.of("sc"), NONE, NONE);
    public static final ResourceType VOLUME_ATTACHMENT = new ResourceType("storage.k8s.io", "v1", "VolumeAttachment",
            "volumeattachments", "volumeattachment", false, NONE, List.of("status"), NONE);

    public static final ResourceType POD_DISRUPTION_BUDGET = new ResourceType("policy", "v1", "PodDisruptionBudget",
            "poddisruptionbudgets", "poddisruptionbudget", true, List.of("pdb"), List.of("status"), NONE);
    private static final String RBAC = "rbac.authorization.k8s.io";
    public static final ResourceType ROLE = new ResourceType(RBAC, "v1", "Role", "roles", "role",
            true, NONE, NONE, NONE);
    public static final ResourceType CLUSTER_ROLE = new ResourceType(RBAC, "v1", "ClusterRole", "clusterroles",
            "clusterrole", false, NONE, NONE, NONE);
    public static final ResourceType ROLE_BINDING = new ResourceType(RBAC, "v1", "RoleBinding", "rolebindings",
            "rolebinding", true, NONE, NONE, NONE);
    public static final ResourceType CLUSTER_ROLE_BINDING = new ResourceType(RBAC, "v1", "ClusterRoleBinding",
            "clusterrolebindings", "clusterrolebinding", false, NONE, NONE, NONE);

    public static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps", "configmap",
            true, List.of("cm"), NONE, NONE);
    public static final ResourceType SECRET = new ResourceType("", "v1", "Secret", "secrets", "secret",
            true, NONE, NONE, NONE);
    public static final ResourceType SERVICE_ACCOUNT = new ResourceType("", "v1", "ServiceAccount", "serviceaccounts",
            "serviceaccount", true, List.of("sa"), NONE, NONE);
    public static final ResourceType ENDPOINTS = new ResourceType("", "v1", "Endpoints", "endpoints", "endpoints",
            true, List.of("ep"), NONE, NONE);
    public static final ResourceType LEASE = new ResourceType("coordination.k8s.io", "v1", "Lease", "leases", "lease",
            true, NONE, NONE, NONE);
    public static final ResourceType ENDPOINT_SLICE = new ResourceType("discovery.k8s.io", "v1", "EndpointSlice",
            "endpointslices", "endpointslice", true, NONE, NONE, NONE);
    /**
     * events.k8s.io/v1 Event: not stored on its own but served from the core/v1 Events (see
     * {@code dev.ordinal.event.EventsV1ApiController}), as Kubernetes serves both versions from one storage.
     */
    public static final ResourceType EVENT_V1 = new ResourceType("events.k8s.io", "v1", "Event", "events", "event",
            true, List.of("ev"), NONE, NONE);

    public static final ResourceType CUSTOM_RESOURCE_DEFINITION = new ResourceType("apiextensions.k8s.io", "v1",
            "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false,
            List.of("crd", "crds"), List.of("status"), NONE);

    private ResourceTypes() {
    }
}
