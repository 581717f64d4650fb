package dev.ordinal.api.openapi;

import static dev.ordinal.api.openapi.SchemaBuilder.anyObject;
import static dev.ordinal.api.openapi.SchemaBuilder.array;
import static dev.ordinal.api.openapi.SchemaBuilder.atomicList;
import static dev.ordinal.api.openapi.SchemaBuilder.bool;
import static dev.ordinal.api.openapi.SchemaBuilder.enumStr;
import static dev.ordinal.api.openapi.SchemaBuilder.gvk;
import static dev.ordinal.api.openapi.SchemaBuilder.int32;
import static dev.ordinal.api.openapi.SchemaBuilder.int64;
import static dev.ordinal.api.openapi.SchemaBuilder.keyedArray;
import static dev.ordinal.api.openapi.SchemaBuilder.map;
import static dev.ordinal.api.openapi.SchemaBuilder.mapList;
import static dev.ordinal.api.openapi.SchemaBuilder.object;
import static dev.ordinal.api.openapi.SchemaBuilder.optionalRef;
import static dev.ordinal.api.openapi.SchemaBuilder.ref;
import static dev.ordinal.api.openapi.SchemaBuilder.required;
import static dev.ordinal.api.openapi.SchemaBuilder.str;
import static dev.ordinal.api.openapi.SchemaBuilder.stringMap;
import static dev.ordinal.api.openapi.SchemaBuilder.withDefault;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The component schemas of the kinds Ordinal serves, named as Kubernetes names them (for example
 * {@code io.k8s.api.apps.v1.StatefulSet}), with Kubernetes' descriptions shortened; each kind's schema carries
 * {@code x-kubernetes-group-version-kind} so that {@code kubectl explain} finds it.
 *
 * <p>They are complete and exact, so that unknown-field pruning, wrong-type errors and strategic-merge keys can walk
 * them: an object schema with {@code properties} lists every field its Kubernetes v1.32 Go type has (a field it does
 * not list is unknown), with that field's type ({@code int32}/{@code int64} formats, string maps as
 * {@code additionalProperties}, structs as references to components named as the Go structs are, IntOrString
 * fields marked {@code x-kubernetes-int-or-string}); a type Ordinal does not model (probes, security contexts,
 * affinity, most volume sources) is a component with {@code x-kubernetes-preserve-unknown-fields}, accepted as
 * given, never a partial list. Every list carries Kubernetes' {@code x-kubernetes-patch-merge-key},
 * {@code x-kubernetes-patch-strategy} and list-type extensions. Pod schemas are in {@link PodSchemas}.
 */
public final class KubernetesSchemas {
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    static final String CORE = "io.k8s.api.core.v1.";
    static final String APPS = "io.k8s.api.apps.v1.";
    static final String STORAGE = "io.k8s.api.storage.v1.";
    static final String AUTOSCALING = "io.k8s.api.autoscaling.v1.";
    static final String COORDINATION = "io.k8s.api.coordination.v1.";
    static final String POLICY = "io.k8s.api.policy.v1.";
    static final String RBAC = "io.k8s.api.rbac.v1.";
    static final String DISCOVERY = "io.k8s.api.discovery.v1.";
    static final String EVENTS = "io.k8s.api.events.v1.";
    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String RAW = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    /** The persistent volume sources Ordinal does not model (all but hostPath), by field, with Kubernetes' component. */
    private static final Map<String, String> PV_OPAQUE_SOURCES = new java.util.TreeMap<>(Map.ofEntries(
            Map.entry("awsElasticBlockStore", "AWSElasticBlockStoreVolumeSource"),
            Map.entry("azureDisk", "AzureDiskVolumeSource"), Map.entry("azureFile", "AzureFilePersistentVolumeSource"),
            Map.entry("cephfs", "CephFSPersistentVolumeSource"), Map.entry("cinder", "CinderPersistentVolumeSource"),
            Map.entry("csi", "CSIPersistentVolumeSource"), Map.entry("fc", "FCVolumeSource"),
            Map.entry("flexVolume", "FlexPersistentVolumeSource"), Map.entry("flocker", "FlockerVolumeSource"),
            Map.entry("gcePersistentDisk", "GCEPersistentDiskVolumeSource"),
            Map.entry("glusterfs", "GlusterfsPersistentVolumeSource"), Map.entry("iscsi", "ISCSIPersistentVolumeSource"),
            Map.entry("local", "LocalVolumeSource"), Map.entry("nfs", "NFSVolumeSource"),
            Map.entry("photonPersistentDisk", "PhotonPersistentDiskVolumeSource"),
            Map.entry("portworxVolume", "PortworxVolumeSource"), Map.entry("quobyte", "QuobyteVolumeSource"),
            Map.entry("rbd", "RBDPersistentVolumeSource"), Map.entry("scaleIO", "ScaleIOPersistentVolumeSource"),
            Map.entry("storageos", "StorageOSPersistentVolumeSource"),
            Map.entry("vsphereVolume", "VsphereVirtualDiskVolumeSource")));
    private static final Map<String, ObjectNode> ALL = build();

    private KubernetesSchemas() {
    }

    /** Every component schema by name, in a stable order. The map is read-only; copy a schema before changing it. */
    public static Map<String, ObjectNode> all() {
        return ALL;
    }

    /** The component name of a kind's schema, e.g. {@code io.k8s.api.core.v1.Pod}. */
    public static String nameOf(ResourceType type) {
        return packageOf(type.group()) + type.kind();
    }

    /** A built-in kind's schema, as its {@link dev.ordinal.core.KindDefinition} carries it. */
    public static ObjectNode of(ResourceType type) {
        return ALL.get(nameOf(type));
    }

    /** A definition of a built-in kind, started with its schema under its component name. */
    public static dev.ordinal.core.KindDefinition.Builder builtIn(ResourceType type) {
        return dev.ordinal.core.KindDefinition.builder(type).schema(nameOf(type), of(type));
    }

    /** The component name of a kind's list schema, e.g. {@code io.k8s.api.core.v1.PodList}. */
    public static String listNameOf(ResourceType type) {
        return packageOf(type.group()) + type.kind() + "List";
    }

    static String packageOf(String group) {
        return switch (group) {
            case "" -> CORE;
            case "apps" -> APPS;
            case "storage.k8s.io" -> STORAGE;
            case "autoscaling" -> AUTOSCALING;
            case "coordination.k8s.io" -> COORDINATION;
            case "policy" -> POLICY;
            case "rbac.authorization.k8s.io" -> RBAC;
            case "discovery.k8s.io" -> DISCOVERY;
            case "events.k8s.io" -> EVENTS;
            default -> "dev.ordinal." + group.replace('.', '_') + ".v1.";
        };
    }

    private static Map<String, ObjectNode> build() {
        Map<String, ObjectNode> m = new LinkedHashMap<>();
        meta(m);
        core(m);
        apps(m);
        storage(m);
        autoscaling(m);
        policy(m);
        rbac(m);
        ClientKindSchemas.add(m);
        // Structs Kubernetes marks +structType=atomic: server-side apply replaces them whole.
        for (String atomic : new String[]{"ObjectReference", "LocalObjectReference", "TypedLocalObjectReference",
                "EndpointAddress", "EndpointPort"}) {
            withMapType(m.get(CORE + atomic));
        }
        return Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------ meta.k8s.io

    private static void meta(Map<String, ObjectNode> m) {
        // OpenAPI v3 as Kubernetes publishes it (the types' OpenAPIV3OneOfTypes): a quantity is a string or a
        // number ("1Gi", 3), an IntOrString an integer or a string (8080, "http", "25%").
        m.put(QUANTITY, oneOf(Json.object().put("description", "Quantity is a fixed-point representation of a number, e.g. 1Gi, 500m or 3."), "string", "number"));
        m.put(META + "Time", withFormat(str("Time is an RFC 3339 timestamp with second precision."), "date-time"));
        m.put(META + "MicroTime", withFormat(str("MicroTime is an RFC 3339 timestamp with microsecond precision."), "date-time"));
        m.put(RAW, anyObject("RawExtension holds an embedded object, kept as given."));
        ObjectNode intOrString = Json.object().put("description", "IntOrString is a type that can hold an int32 or a string. When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.");
        intOrString.put("format", "int-or-string");
        oneOf(intOrString, "integer", "string");
        intOrString.put("x-kubernetes-int-or-string", true);
        m.put(SchemaBuilder.INT_OR_STRING, intOrString);
        m.put(META + "FieldsV1", anyObject("FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format."));
        m.put(META + "ManagedFieldsEntry", object("ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
                "apiVersion", str("APIVersion defines the version of this resource that this field set applies to."),
                "fieldsType", str("FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: \"FieldsV1\""),
                "fieldsV1", optionalRef(META + "FieldsV1", "FieldsV1 holds the first JSON version format as described in the \"FieldsV1\" type."),
                "manager", str("Manager is an identifier of the workflow managing these fields."),
                "operation", str("Operation is the type of operation which lead to this ManagedFieldsEntry being created: Apply or Update."),
                "subresource", str("Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource."),
                "time", optionalRef(META + "Time", "Time is the timestamp of when the ManagedFields entry was added.")));
        m.put(META + "Condition", required(object("Condition contains details for one aspect of the current state of this API Resource.",
                "lastTransitionTime", optionalRef(META + "Time", "lastTransitionTime is the last time the condition transitioned from one status to another."),
                "message", str("message is a human readable message indicating details about the transition."),
                "observedGeneration", int64("observedGeneration represents the .metadata.generation that the condition was set based upon."),
                "reason", str("reason contains a programmatic identifier indicating the reason for the condition's last transition."),
                "status", enumStr("status of the condition, one of True, False, Unknown.", "False", "True", "Unknown"),
                "type", str("type of condition in CamelCase or in foo.example.com/CamelCase.")), "type", "status", "lastTransitionTime", "reason", "message"));
        m.put(META + "OwnerReference", required(object("OwnerReference contains enough information to let you identify an owning object.",
                "apiVersion", str("API version of the referent."),
                "blockOwnerDeletion", bool("If true, the owner cannot be deleted from the key-value store until this reference is removed (foreground deletion)."),
                "controller", bool("If true, this reference points to the managing controller."),
                "kind", str("Kind of the referent."),
                "name", str("Name of the referent."),
                "uid", str("UID of the referent.")), "apiVersion", "kind", "name", "uid"));
        m.put(META + "ObjectMeta", object("ObjectMeta is metadata that all persisted resources must have.",
                "annotations", stringMap("Annotations is an unstructured key value map stored with a resource that may be set by external tools."),
                "creationTimestamp", ref(META + "Time", "CreationTimestamp is a timestamp representing the server time when this object was created. Read-only."),
                "deletionGracePeriodSeconds", int64("Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Read-only."),
                "deletionTimestamp", ref(META + "Time", "DeletionTimestamp is the time after which this resource will be deleted. Set by the server when a graceful deletion is requested. Read-only."),
                "finalizers", SchemaBuilder.setList(str(""), "Must be empty before the object is deleted from the registry. A strategic merge patch adds its finalizers to the stored ones.", true),
                "generateName", str("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
                "generation", int64("A sequence number representing a specific generation of the desired state. Read-only."),
                "labels", stringMap("Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
                "managedFields", atomicList(ref(META + "ManagedFieldsEntry"), "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow."),
                "name", str("Name must be unique within a namespace. Cannot be updated."),
                "namespace", str("Namespace defines the space within which each name must be unique. Cannot be updated."),
                "ownerReferences", keyedArray(ref(META + "OwnerReference"), "uid", "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected."),
                "resourceVersion", str("An opaque value that represents the internal version of this object, used for optimistic concurrency and watch. Read-only."),
                "selfLink", str("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
                "uid", str("UID is the unique in time and space value for this object. Generated by the server on successful creation. Read-only.")));
        m.put(META + "ListMeta", object("ListMeta describes metadata that synthetic resources must have, including lists.",
                "continue", str("continue may be set if the user set a limit on the number of items returned; pass it back to get the next page."),
                "remainingItemCount", int64("The number of subsequent items in the list which are not included in this list response."),
                "resourceVersion", str("String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed."),
                "selfLink", str("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.")));
        m.put(META + "LabelSelectorRequirement", required(object("A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.",
                "key", str("key is the label key that the selector applies to."),
                "operator", str("operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
                "values", atomicList(str(""), "values is an array of string values. Must be non-empty for In and NotIn, empty for Exists and DoesNotExist.")), "key", "operator"));
        ObjectNode selector = object("A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects.",
                "matchExpressions", atomicList(ref(META + "LabelSelectorRequirement"), "matchExpressions is a list of label selector requirements. The requirements are ANDed."),
                "matchLabels", stringMap("matchLabels is a map of {key,value} pairs."));
        selector.put("x-kubernetes-map-type", "atomic");
        m.put(META + "LabelSelector", selector);
        m.put(META + "StatusCause", object("StatusCause provides more information about an api.Status failure.",
                "field", str("The field of the resource that has caused this error, named by its JSON serialization."),
                "message", str("A human-readable description of the cause of the error."),
                "reason", str("A machine-readable description of the cause of the error.")));
        m.put(META + "StatusDetails", object("StatusDetails is a set of additional properties that MAY be set by the server to provide additional information about a response.",
                "causes", atomicList(ref(META + "StatusCause"), "The Causes array includes more details associated with the StatusReason failure."),
                "group", str("The group attribute of the resource associated with the status StatusReason."),
                "kind", str("The kind attribute of the resource associated with the status StatusReason."),
                "name", str("The name attribute of the resource associated with the status StatusReason."),
                "retryAfterSeconds", int32("If specified, the time in seconds before the operation should be retried."),
                "uid", str("UID of the resource.")));
        m.put(META + "Status", gvk(object("Status is a return value for calls that don't return other objects.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "code", int32("Suggested HTTP return code for this status, 0 if not set."),
                "details", ref(META + "StatusDetails", "Extended data associated with the reason."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "message", str("A human-readable description of the status of this operation."),
                "metadata", ref(META + "ListMeta", "Standard list metadata."),
                "reason", str("A machine-readable description of why this operation is in the \"Failure\" status."),
                "status", str("Status of the operation. One of: \"Success\" or \"Failure\".")), "", "v1", "Status"));
        m.put(META + "Preconditions", object("Preconditions must be fulfilled before an operation (update, delete, etc.) is carried out.",
                "resourceVersion", str("Specifies the target ResourceVersion"),
                "uid", str("Specifies the target UID.")));
        m.put(META + "DeleteOptions", gvk(object("DeleteOptions may be provided when deleting an API object.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "dryRun", atomicList(str(""), "When present, indicates that modifications should not be persisted."),
                "gracePeriodSeconds", int64("The duration in seconds before the object should be deleted."),
                "ignoreStoreReadErrorWithClusterBreakingPotential", bool("if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "orphanDependents", bool("Deprecated: please use the PropagationPolicy."),
                "preconditions", ref(META + "Preconditions", "Must be fulfilled before a deletion is carried out."),
                "propagationPolicy", str("Whether and how garbage collection will be performed: Orphan, Background or Foreground.")), "", "v1", "DeleteOptions"));
        ObjectNode patch = object("Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.");
        patch.remove("properties");
        m.put(META + "Patch", patch);
        m.put(META + "WatchEvent", required(object("Event represents a single event to a watched resource.",
                "object", ref(RAW, "Object is: * If Type is Added or Modified: the new state of the object. * If Type is Deleted: the state of the object immediately before deletion. * If Type is Error: *Status is recommended."),
                "type", str("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.")), "type", "object"));
    }

    // ------------------------------------------------------------------ core/v1

    private static void core(Map<String, ObjectNode> m) {
        m.put(CORE + "ObjectReference", object("ObjectReference contains enough information to let you inspect or modify the referred object.",
                "apiVersion", str("API version of the referent."),
                "fieldPath", str("If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
                "kind", str("Kind of the referent."),
                "name", str("Name of the referent."),
                "namespace", str("Namespace of the referent."),
                "resourceVersion", str("Specific resourceVersion to which this reference is made, if any."),
                "uid", str("UID of the referent.")));
        PodSchemas.add(m);
        kind(m, "", "Pod", "Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.",
                "Specification of the desired behavior of the pod.", "Most recently observed status of the pod.");

        m.put(CORE + "TypedLocalObjectReference", required(object("TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.",
                "apiGroup", str("APIGroup is the group for the resource being referenced."),
                "kind", str("Kind is the type of resource being referenced"),
                "name", str("Name is the name of resource being referenced")), "kind", "name"));
        m.put(CORE + "VolumeResourceRequirements", object("VolumeResourceRequirements describes the storage resource requirements for a volume.",
                "limits", map(ref(QUANTITY), "Limits describes the maximum amount of compute resources allowed."),
                "requests", map(ref(QUANTITY), "Requests describes the minimum amount of compute resources required. For a claim: storage, e.g. 1Gi.")));
        m.put(CORE + "TypedObjectReference", required(object("TypedObjectReference contains enough information to let you locate the typed referenced object",
                "apiGroup", str("APIGroup is the group for the resource being referenced."),
                "kind", str("Kind is the type of resource being referenced"),
                "name", str("Name is the name of resource being referenced"),
                "namespace", str("Namespace is the namespace of resource being referenced.")), "kind", "name"));
        m.put(CORE + "ModifyVolumeStatus", required(object("ModifyVolumeStatus represents the status object of ControllerModifyVolume operation",
                "status", str("status is the status of the ControllerModifyVolume operation: Pending, InProgress or Infeasible."),
                "targetVolumeAttributesClassName", str("targetVolumeAttributesClassName is the name of the VolumeAttributesClass the PVC currently being reconciled")), "status"));
        m.put(CORE + "PersistentVolumeClaimSpec", object("PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes",
                "accessModes", atomicList(enumStr("", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"), "accessModes contains the desired access modes the volume should have."),
                "dataSource", optionalRef(CORE + "TypedLocalObjectReference", "dataSource field can be used to specify an existing VolumeSnapshot or PersistentVolumeClaim."),
                "dataSourceRef", optionalRef(CORE + "TypedObjectReference", "dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired."),
                "resources", ref(CORE + "VolumeResourceRequirements", "resources represents the minimum resources the volume should have."),
                "selector", ref(META + "LabelSelector", "selector is a label query over volumes to consider for binding."),
                "storageClassName", str("storageClassName is the name of the StorageClass required by the claim."),
                "volumeAttributesClassName", str("volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim."),
                "volumeMode", enumStr("volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.", "Block", "Filesystem"),
                "volumeName", str("volumeName is the binding reference to the PersistentVolume backing this claim.")));
        m.put(CORE + "PersistentVolumeClaimCondition", required(object("PersistentVolumeClaimCondition contains details about state of pvc",
                "lastProbeTime", optionalRef(META + "Time", "lastProbeTime is the time we probed the condition."),
                "lastTransitionTime", optionalRef(META + "Time", "lastTransitionTime is the time the condition transitioned from one status to another."),
                "message", str("message is the human-readable message indicating details about last transition."),
                "reason", str("reason is a unique, this should be a short, machine understandable string that gives the reason for condition's last transition."),
                "status", str(""),
                "type", str("")), "type", "status"));
        m.put(CORE + "PersistentVolumeClaimStatus", object("PersistentVolumeClaimStatus is the current status of a persistent volume claim.",
                "accessModes", atomicList(str(""), "accessModes contains the actual access modes the volume backing the PVC has."),
                "allocatedResourceStatuses", granularMap(stringMap("allocatedResourceStatuses stores status of resource being resized for the given PVC.")),
                "allocatedResources", map(ref(QUANTITY), "allocatedResources tracks the resources allocated to a PVC including its capacity."),
                "capacity", map(ref(QUANTITY), "capacity represents the actual resources of the underlying volume."),
                "conditions", keyedArray(ref(CORE + "PersistentVolumeClaimCondition"), "type", "conditions is the current Condition of persistent volume claim."),
                "currentVolumeAttributesClassName", str("currentVolumeAttributesClassName is the current name of the VolumeAttributesClass the PVC is using."),
                "modifyVolumeStatus", optionalRef(CORE + "ModifyVolumeStatus", "ModifyVolumeStatus represents the status object of ControllerModifyVolume operation."),
                "phase", enumStr("phase represents the current phase of PersistentVolumeClaim.", "Bound", "Lost", "Pending")));
        kind(m, "", "PersistentVolumeClaim", "PersistentVolumeClaim is a user's request for and claim to a persistent volume",
                "spec defines the desired characteristics of a volume requested by a pod author.", "status represents the current information/status of a persistent volume claim. Read-only.");

        for (Map.Entry<String, String> e : PV_OPAQUE_SOURCES.entrySet()) {
            if (!m.containsKey(CORE + e.getValue())) {
                m.put(CORE + e.getValue(), anyObject(e.getValue() + ": the " + e.getKey() + " persistent volume source. Ordinal does not model it; it is kept as given."));
            }
        }
        m.put(CORE + "VolumeNodeAffinity", anyObject("VolumeNodeAffinity defines constraints that limit what nodes this volume can be accessed from. Kept as given."));
        java.util.List<Object> pv = new java.util.ArrayList<>(java.util.List.of(
                "accessModes", atomicList(str(""), "accessModes contains all ways the volume can be mounted."),
                "capacity", map(ref(QUANTITY), "capacity is the description of the persistent volume's resources and capacity."),
                "claimRef", withMapType(optionalRef(CORE + "ObjectReference", "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.")),
                "hostPath", optionalRef(CORE + "HostPathVolumeSource", "hostPath represents a directory on the host. The simulated volumes of Ordinal use it."),
                "mountOptions", atomicList(str(""), "mountOptions is the list of mount options."),
                "nodeAffinity", optionalRef(CORE + "VolumeNodeAffinity", "nodeAffinity defines constraints that limit what nodes this volume can be accessed from."),
                "persistentVolumeReclaimPolicy", enumStr("persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.", "Delete", "Recycle", "Retain"),
                "storageClassName", str("storageClassName is the name of StorageClass to which this persistent volume belongs."),
                "volumeAttributesClassName", str("Name of VolumeAttributesClass to which this persistent volume belongs."),
                "volumeMode", enumStr("volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.", "Block", "Filesystem")));
        PV_OPAQUE_SOURCES.forEach((field, component) -> {
            pv.add(field);
            pv.add(optionalRef(CORE + component, field + " persistent volume source (kept as given)."));
        });
        m.put(CORE + "PersistentVolumeSpec", object("PersistentVolumeSpec is the specification of a persistent volume.", pv.toArray()));
        m.put(CORE + "PersistentVolumeStatus", object("PersistentVolumeStatus is the current status of a persistent volume.",
                "lastPhaseTransitionTime", ref(META + "Time", "lastPhaseTransitionTime is the time the phase transitioned from one to another."),
                "message", str("message is a human-readable message indicating details about why the volume is in this state."),
                "phase", enumStr("phase indicates if a volume is available, bound to a claim, or released by a claim.", "Available", "Bound", "Failed", "Pending", "Released"),
                "reason", str("reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.")));
        kind(m, "", "PersistentVolume", "PersistentVolume (PV) is a storage resource provisioned by an administrator. It is analogous to a node.",
                "spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator.", "status represents the current information/status for the persistent volume. Read-only.");

        m.put(CORE + "NamespaceSpec", object("NamespaceSpec describes the attributes on a Namespace.",
                "finalizers", atomicList(str(""), "Finalizers is an opaque list of values that must be empty to permanently remove object from storage.")));
        m.put(CORE + "NamespaceCondition", required(object("NamespaceCondition contains details about state of namespace.",
                "lastTransitionTime", optionalRef(META + "Time", "Last time the condition transitioned from one status to another."),
                "message", str("Human-readable message indicating details about last transition."),
                "reason", str("Unique, one-word, CamelCase reason for the condition's last transition."),
                "status", str("Status of the condition, one of True, False, Unknown."),
                "type", str("Type of namespace controller condition.")), "type", "status"));
        m.put(CORE + "NamespaceStatus", object("NamespaceStatus is information about the current status of a Namespace.",
                "conditions", keyedArray(ref(CORE + "NamespaceCondition"), "type", "Represents the latest available observations of a namespace's current state."),
                "phase", enumStr("Phase is the current lifecycle phase of the namespace.", "Active", "Terminating")));
        kind(m, "", "Namespace", "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
                "Spec defines the behavior of the Namespace.", "Status describes the current status of a Namespace.");

        m.put(CORE + "NodeCondition", required(object("NodeCondition contains condition information for a node.",
                "lastHeartbeatTime", ref(META + "Time", "Last time we got an update on a given condition."),
                "lastTransitionTime", ref(META + "Time", "Last time the condition transit from one status to another."),
                "message", str("Human readable message indicating details about last transition."),
                "reason", str("(brief) reason for the condition's last transition."),
                "status", str("Status of the condition, one of True, False, Unknown."),
                "type", str("Type of node condition.")), "type", "status"));
        m.put(CORE + "NodeAddress", required(object("NodeAddress contains information for the node's address.",
                "address", str("The node address."),
                "type", str("Node address type, one of Hostname, ExternalIP or InternalIP.")), "type", "address"));
        m.put(CORE + "NodeSystemInfo", object("NodeSystemInfo is a set of ids/uuids to uniquely identify the node.",
                "architecture", str("The Architecture reported by the node"),
                "bootID", str("Boot ID reported by the node."),
                "containerRuntimeVersion", str("ContainerRuntime Version reported by the node through runtime remote API."),
                "kernelVersion", str("Kernel Version reported by the node from 'uname -r'."),
                "kubeProxyVersion", str("Deprecated: KubeProxy Version reported by the node."),
                "kubeletVersion", str("Kubelet Version reported by the node."),
                "machineID", str("MachineID reported by the node."),
                "operatingSystem", str("The Operating System reported by the node"),
                "osImage", str("OS Image reported by the node from /etc/os-release."),
                "systemUUID", str("SystemUUID reported by the node.")));
        m.put(CORE + "Taint", required(object("The node this Taint is attached to has the \"effect\" on any pod that does not tolerate the Taint.",
                "effect", enumStr("The effect of the taint on pods that do not tolerate the taint.", "NoExecute", "NoSchedule", "PreferNoSchedule"),
                "key", str("The taint key to be applied to a node."),
                "timeAdded", optionalRef(META + "Time", "TimeAdded represents the time at which the taint was added. It is only written for NoExecute taints."),
                "value", str("The taint value corresponding to the taint key.")), "key", "effect"));
        m.put(CORE + "NodeConfigSource", anyObject("NodeConfigSource specifies a source of node configuration. Deprecated; kept as given."));
        m.put(CORE + "NodeConfigStatus", anyObject("NodeConfigStatus describes the status of the config assigned by Node.Spec.ConfigSource. Kept as given."));
        m.put(CORE + "NodeDaemonEndpoints", anyObject("NodeDaemonEndpoints lists ports opened by daemons running on the Node. Kept as given."));
        m.put(CORE + "NodeFeatures", anyObject("NodeFeatures describes the set of features implemented by the CRI implementation. Kept as given."));
        m.put(CORE + "NodeRuntimeHandler", anyObject("NodeRuntimeHandler is a set of runtime handler information. Kept as given."));
        m.put(CORE + "ContainerImage", object("Describe a container image",
                "names", atomicList(str(""), "Names by which this image is known."),
                "sizeBytes", int64("The size of the image in bytes.")));
        m.put(CORE + "AttachedVolume", required(object("AttachedVolume describes a volume attached to a node",
                "devicePath", str("DevicePath represents the device path where the volume should be available"),
                "name", str("Name of the attached volume")), "name", "devicePath"));
        ObjectNode podCIDRs = SchemaBuilder.setList(str(""), "podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node.", true);
        m.put(CORE + "NodeSpec", object("NodeSpec describes the attributes that a node is created with.",
                "configSource", optionalRef(CORE + "NodeConfigSource", "Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature."),
                "externalID", str("Deprecated. Not all kubelets will set this field."),
                "podCIDR", str("PodCIDR represents the pod IP range assigned to the node."),
                "podCIDRs", podCIDRs,
                "providerID", str("ID of the node assigned by the cloud provider."),
                "taints", atomicList(ref(CORE + "Taint"), "If specified, the node's taints."),
                "unschedulable", bool("Unschedulable controls node schedulability of new pods. By default, node is schedulable.")));
        m.put(CORE + "NodeStatus", object("NodeStatus is information about the current status of a node.",
                "addresses", keyedArray(ref(CORE + "NodeAddress"), "type", "List of addresses reachable to the node."),
                "allocatable", map(ref(QUANTITY), "Allocatable represents the resources of a node that are available for scheduling."),
                "capacity", map(ref(QUANTITY), "Capacity represents the total resources of a node."),
                "conditions", keyedArray(ref(CORE + "NodeCondition"), "type", "Conditions is an array of current observed node conditions."),
                "config", optionalRef(CORE + "NodeConfigStatus", "Status of the config assigned to the node via the dynamic Kubelet config feature."),
                "daemonEndpoints", ref(CORE + "NodeDaemonEndpoints", "Endpoints of daemons running on the Node."),
                "features", optionalRef(CORE + "NodeFeatures", "Features describes the set of features implemented by the CRI implementation."),
                "images", atomicList(ref(CORE + "ContainerImage"), "List of container images on this node"),
                "nodeInfo", ref(CORE + "NodeSystemInfo", "Set of ids/uuids to uniquely identify the node."),
                "phase", str("NodePhase is the recently observed lifecycle phase of the node. Deprecated."),
                "runtimeHandlers", atomicList(ref(CORE + "NodeRuntimeHandler"), "The available runtime handlers."),
                "volumesAttached", atomicList(ref(CORE + "AttachedVolume"), "List of volumes that are attached to the node."),
                "volumesInUse", atomicList(str(""), "List of attachable volumes in use (mounted) by the node.")));
        kind(m, "", "Node", "Node is a worker node in Kubernetes. In Ordinal, nodes and their kubelets are simulated.",
                "Spec defines the behavior of a node.", "Most recently observed status of the node.");

        m.put(CORE + "EventSeries", object("EventSeries contain information on series of events.",
                "count", int32("Number of occurrences in this series up to the last heartbeat time"),
                "lastObservedTime", optionalRef(META + "MicroTime", "Time of the last occurrence observed")));
        m.put(CORE + "EventSource", object("EventSource contains information for an event.",
                "component", str("Component from which the event is generated."),
                "host", str("Node name on which the event is generated.")));
        ObjectNode event = required(object("Event is a report of an event somewhere in the cluster.",
                "action", str("What action was taken/failed regarding to the Regarding object."),
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "count", int32("The number of times this event has occurred."),
                "eventTime", ref(META + "MicroTime", "Time when this Event was first observed."),
                "firstTimestamp", ref(META + "Time", "The time at which the event was first recorded."),
                "involvedObject", ref(CORE + "ObjectReference", "The object that this event is about."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "lastTimestamp", ref(META + "Time", "The time at which the most recent occurrence of this event was recorded."),
                "message", str("A human-readable description of the status of this operation."),
                "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                "reason", str("This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
                "related", ref(CORE + "ObjectReference", "Optional secondary object for more complex actions."),
                "reportingComponent", str("Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."),
                "reportingInstance", str("ID of the controller instance."),
                "series", optionalRef(CORE + "EventSeries", "Data about the Event series this event represents or nil if it's a singleton Event."),
                "source", ref(CORE + "EventSource", "The component reporting this event."),
                "type", str("Type of this event (Normal, Warning).")), "metadata", "involvedObject");
        m.put(CORE + "Event", gvk(event, "", "v1", "Event"));
        m.put(CORE + "EventList", list("", "Event", "EventList is a list of events."));

        m.put(CORE + "ServicePort", required(object("ServicePort contains information on service's port.",
                "appProtocol", str("The application protocol for this port."),
                "name", str("The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names."),
                "nodePort", int32("The port on each node on which this service is exposed when type is NodePort or LoadBalancer."),
                "port", int32("The port that will be exposed by this service."),
                "protocol", withDefault(enumStr("The IP protocol for this port. Supports \"TCP\", \"UDP\", and \"SCTP\". Default is TCP.", "SCTP", "TCP", "UDP"), "TCP"),
                "targetPort", SchemaBuilder.intOrString("Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.")), "port"));
        m.put(CORE + "SessionAffinityConfig", anyObject("SessionAffinityConfig represents the configurations of session affinity. Kept as given."));
        m.put(CORE + "LoadBalancerStatus", anyObject("LoadBalancerStatus represents the status of a load-balancer. Kept as given."));
        m.put(CORE + "ServiceSpec", object("ServiceSpec describes the attributes that a user creates on a service.",
                "allocateLoadBalancerNodePorts", bool("allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is \"true\"."),
                "clusterIP", str("clusterIP is the IP address of the service. \"None\" makes a headless service, as StatefulSets use."),
                "clusterIPs", atomicList(str(""), "ClusterIPs is a list of IP addresses assigned to this service."),
                "externalIPs", atomicList(str(""), "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
                "externalName", str("externalName is the external reference that discovery mechanisms will return as an alias for this service."),
                "externalTrafficPolicy", enumStr("externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's externally-facing addresses.", "Cluster", "Local"),
                "healthCheckNodePort", int32("healthCheckNodePort specifies the healthcheck nodePort for the service."),
                "internalTrafficPolicy", enumStr("InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.", "Cluster", "Local"),
                "ipFamilies", atomicList(enumStr("", "IPv4", "IPv6"), "IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service."),
                "ipFamilyPolicy", enumStr("IPFamilyPolicy represents the dual-stack-ness requested or required by this Service.", "PreferDualStack", "RequireDualStack", "SingleStack"),
                "loadBalancerClass", str("loadBalancerClass is the class of the load balancer implementation this Service belongs to."),
                "loadBalancerIP", str("Only applies to Service Type: LoadBalancer. Deprecated."),
                "loadBalancerSourceRanges", atomicList(str(""), "If specified and supported by the platform, this will restrict traffic through the cloud-provider load-balancer to the specified client IPs."),
                "ports", mapList(ref(CORE + "ServicePort"), "The list of ports that are exposed by this service.", "port", "merge", "port", "protocol"),
                "publishNotReadyAddresses", bool("Indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready."),
                "selector", withMapType(stringMap("Route service traffic to pods with label keys and values matching this selector.")),
                "sessionAffinity", enumStr("Supports \"ClientIP\" and \"None\". Used to maintain session affinity. Defaults to None.", "ClientIP", "None"),
                "sessionAffinityConfig", optionalRef(CORE + "SessionAffinityConfig", "sessionAffinityConfig contains the configurations of session affinity."),
                "trafficDistribution", str("TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints, e.g. PreferClose."),
                "type", enumStr("type determines how the Service is exposed. Defaults to ClusterIP.", "ClusterIP", "ExternalName", "LoadBalancer", "NodePort")));
        m.put(CORE + "ServiceStatus", object("ServiceStatus represents the current status of a service.",
                "conditions", keyedArray(ref(META + "Condition"), "type", "Current service state"),
                "loadBalancer", ref(CORE + "LoadBalancerStatus", "LoadBalancer contains the current status of the load-balancer, if one is present.")));
        kind(m, "", "Service", "Service is a named abstraction of software service (for example, mysql) consisting of local port that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.",
                "Spec defines the behavior of a service.", "Most recently observed status of the service.");

        m.put(CORE + "ScopeSelector", anyObject("A scope selector represents the AND of the selectors represented by the scoped-resource selector requirements. Kept as given."));
        m.put(CORE + "ResourceQuotaSpec", object("ResourceQuotaSpec defines the desired hard limits to enforce for Quota.",
                "hard", map(ref(QUANTITY), "hard is the set of desired hard limits for each named resource."),
                "scopeSelector", optionalRef(CORE + "ScopeSelector", "scopeSelector is also a collection of filters like scopes that must match each object tracked by a quota but expressed using ScopeSelectorOperator in combination with possible values."),
                "scopes", atomicList(enumStr("", "BestEffort", "CrossNamespacePodAffinity", "NotBestEffort", "NotTerminating", "PriorityClass", "Terminating"), "A collection of filters that must match each object tracked by a quota. If not specified, the quota matches all objects.")));
        m.put(CORE + "ResourceQuotaStatus", object("ResourceQuotaStatus defines the enforced hard limits and observed use.",
                "hard", map(ref(QUANTITY), "Hard is the set of enforced hard limits for each named resource."),
                "used", map(ref(QUANTITY), "Used is the current observed total usage of the resource in the namespace.")));
        kind(m, "", "ResourceQuota", "ResourceQuota sets aggregate quota restrictions enforced per namespace",
                "Spec defines the desired quota.", "Status defines the actual enforced quota and its current usage.");

        m.put(CORE + "ReplicationControllerCondition", required(object("ReplicationControllerCondition describes the state of a replication controller at a certain point.",
                "lastTransitionTime", ref(META + "Time", "The last time the condition transitioned from one status to another."),
                "message", str("A human readable message indicating details about the transition."),
                "reason", str("The reason for the condition's last transition."),
                "status", str("Status of the condition, one of True, False, Unknown."),
                "type", str("Type of replication controller condition.")), "type", "status"));
        m.put(CORE + "ReplicationControllerSpec", object("ReplicationControllerSpec is the specification of a replication controller.",
                "minReadySeconds", int32("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available."),
                "replicas", int32("Replicas is the number of desired replicas. Defaults to 1."),
                "selector", withMapType(stringMap("Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template.")),
                "template", ref(CORE + "PodTemplateSpec", "Template is the object that describes the pod that will be created if insufficient replicas are detected.")));
        m.put(CORE + "ReplicationControllerStatus", required(object("ReplicationControllerStatus represents the current status of a replication controller.",
                "availableReplicas", int32("The number of available replicas (ready for at least minReadySeconds) for this replication controller."),
                "conditions", keyedArray(ref(CORE + "ReplicationControllerCondition"), "type", "Represents the latest available observations of a replication controller's current state."),
                "fullyLabeledReplicas", int32("The number of pods that have labels matching the labels of the pod template of the replication controller."),
                "observedGeneration", int64("ObservedGeneration reflects the generation of the most recently observed replication controller."),
                "readyReplicas", int32("The number of ready replicas for this replication controller."),
                "replicas", int32("Replicas is the most recently observed number of replicas.")), "replicas"));
        kind(m, "", "ReplicationController", "ReplicationController represents the configuration of a replication controller.",
                "Spec defines the specification of the desired behavior of the replication controller.", "Status is the most recently observed status of the replication controller.");
    }

    // ------------------------------------------------------------------ apps/v1

    private static void apps(Map<String, ObjectNode> m) {
        m.put(APPS + "RollingUpdateStatefulSetStrategy", object("RollingUpdateStatefulSetStrategy is used to communicate parameter for RollingUpdateStatefulSetStrategyType.",
                "maxUnavailable", SchemaBuilder.intOrString("The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 1."),
                "partition", int32("Partition indicates the ordinal at which the StatefulSet should be partitioned for updates. Pods with an ordinal below it keep the old revision. Default value is 0.")));
        m.put(APPS + "StatefulSetUpdateStrategy", object("StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates.",
                "rollingUpdate", ref(APPS + "RollingUpdateStatefulSetStrategy", "RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType."),
                "type", enumStr("Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.", "OnDelete", "RollingUpdate")));
        m.put(APPS + "StatefulSetPersistentVolumeClaimRetentionPolicy", object("StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used for PVCs created from the StatefulSet VolumeClaimTemplates.",
                "whenDeleted", str("WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted. Retain (the default) or Delete."),
                "whenScaled", str("WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down. Retain (the default) or Delete.")));
        m.put(APPS + "StatefulSetOrdinals", object("StatefulSetOrdinals describes the policy used for replica ordinal assignment in this StatefulSet.",
                "start", int32("start is the number representing the first replica's index. Default 0.")));
        m.put(APPS + "StatefulSetSpec", required(object("A StatefulSetSpec is the specification of a StatefulSet.",
                "minReadySeconds", int32("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing for it to be considered available. Defaults to 0."),
                "ordinals", ref(APPS + "StatefulSetOrdinals", "ordinals controls the numbering of replica indices in a StatefulSet."),
                "persistentVolumeClaimRetentionPolicy", ref(APPS + "StatefulSetPersistentVolumeClaimRetentionPolicy", "persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates."),
                "podManagementPolicy", enumStr("podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. OrderedReady (the default) creates pods in order 0..N-1 and waits for each to be Running and Ready; Parallel creates and deletes them all at once.", "OrderedReady", "Parallel"),
                "replicas", int32("replicas is the desired number of replicas of the given Template. Defaults to 1."),
                "revisionHistoryLimit", int32("revisionHistoryLimit is the maximum number of revisions that will be maintained in the StatefulSet's revision history. Defaults to 10."),
                "selector", ref(META + "LabelSelector", "selector is a label query over pods that should match the replica count. It must match the pod template's labels."),
                "serviceName", str("serviceName is the name of the service that governs this StatefulSet. Pods get DNS/hostnames that follow the pattern: pod-specific-string.serviceName.default.svc.cluster.local."),
                "template", ref(CORE + "PodTemplateSpec", "template is the object that describes the pod that will be created if insufficient replicas are detected. Each pod stamped out by the StatefulSet will fulfill this Template, but have a unique identity from the rest of the StatefulSet."),
                "updateStrategy", ref(APPS + "StatefulSetUpdateStrategy", "updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template."),
                "volumeClaimTemplates", atomicList(ref(CORE + "PersistentVolumeClaim"), "volumeClaimTemplates is a list of claims that pods are allowed to reference. Every claim in this list must have at least one matching (by name) volumeMount in one container in the template. Each pod gets its own claim, <template>-<statefulset>-<ordinal>, that outlives the pod.")),
                "selector", "template"));
        m.put(APPS + "StatefulSetCondition", required(object("StatefulSetCondition describes the state of a statefulset at a certain point.",
                "lastTransitionTime", ref(META + "Time", "Last time the condition transitioned from one status to another."),
                "message", str("A human readable message indicating details about the transition."),
                "reason", str("The reason for the condition's last transition."),
                "status", str("Status of the condition, one of True, False, Unknown."),
                "type", str("Type of statefulset condition.")), "type", "status"));
        m.put(APPS + "StatefulSetStatus", required(object("StatefulSetStatus represents the current state of a StatefulSet.",
                "availableReplicas", int32("Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset."),
                "collisionCount", int32("collisionCount is the count of hash collisions for the StatefulSet."),
                "conditions", keyedArray(ref(APPS + "StatefulSetCondition"), "type", "Represents the latest available observations of a statefulset's current state."),
                "currentReplicas", int32("currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision."),
                "currentRevision", str("currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas)."),
                "observedGeneration", int64("observedGeneration is the most recent generation observed for this StatefulSet."),
                "readyReplicas", int32("readyReplicas is the number of pods created for this StatefulSet with a Ready Condition."),
                "replicas", int32("replicas is the number of Pods created by the StatefulSet controller."),
                "updateRevision", str("updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)"),
                "updatedReplicas", int32("updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.")), "replicas"));
        kind(m, "apps", "StatefulSet", "StatefulSet represents a set of pods with consistent identities. Identities are defined as: network (a single stable DNS and hostname) and storage (as many VolumeClaims as requested). The StatefulSet guarantees that a given network identity will always map to the same storage identity.",
                "Spec defines the desired identities of pods in this set.", "Status is the current status of Pods in this StatefulSet. This data may be out of date by some window of time.");

        m.put(APPS + "ReplicaSetCondition", required(object("ReplicaSetCondition describes the state of a replica set at a certain point.",
                "lastTransitionTime", ref(META + "Time", "The last time the condition transitioned from one status to another."),
                "message", str("A human readable message indicating details about the transition."),
                "reason", str("The reason for the condition's last transition."),
                "status", str("Status of the condition, one of True, False, Unknown."),
                "type", str("Type of replica set condition.")), "type", "status"));
        m.put(APPS + "ReplicaSetSpec", required(object("ReplicaSetSpec is the specification of a ReplicaSet.",
                "minReadySeconds", int32("Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available."),
                "replicas", int32("Replicas is the number of desired pods. Defaults to 1."),
                "selector", ref(META + "LabelSelector", "Selector is a label query over pods that should match the replica count. It must match the pod template's labels."),
                "template", ref(CORE + "PodTemplateSpec", "Template is the object that describes the pod that will be created if insufficient replicas are detected.")), "selector"));
        m.put(APPS + "ReplicaSetStatus", required(object("ReplicaSetStatus represents the current status of a ReplicaSet.",
                "availableReplicas", int32("The number of available non-terminating pods (ready for at least minReadySeconds) for this replica set."),
                "conditions", keyedArray(ref(APPS + "ReplicaSetCondition"), "type", "Represents the latest available observations of a replica set's current state."),
                "fullyLabeledReplicas", int32("The number of non-terminating pods that have labels matching the labels of the pod template of the replicaset."),
                "observedGeneration", int64("ObservedGeneration reflects the generation of the most recently observed ReplicaSet."),
                "readyReplicas", int32("The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition."),
                "replicas", int32("Replicas is the most recently observed number of non-terminating pods.")), "replicas"));
        kind(m, "apps", "ReplicaSet", "ReplicaSet ensures that a specified number of pod replicas are running at any given time.",
                "Spec defines the specification of the desired behavior of the ReplicaSet.", "Status is the most recently observed status of the ReplicaSet.");

        ObjectNode revision = required(object("ControllerRevision implements an immutable snapshot of state data. StatefulSets keep their template history in them.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "data", ref(RAW, "Data is the serialized representation of the state."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                "revision", int64("Revision indicates the revision of the state represented by Data.")), "revision");
        m.put(APPS + "ControllerRevision", gvk(revision, "apps", "v1", "ControllerRevision"));
        m.put(APPS + "ControllerRevisionList", list("apps", "ControllerRevision", "ControllerRevisionList is a resource containing a list of ControllerRevision objects."));
    }

    // ------------------------------------------------------------------ storage.k8s.io/v1 and autoscaling/v1

    // ------------------------------------------------------------------ rbac.authorization.k8s.io/v1

    private static void rbac(Map<String, ObjectNode> m) {
        String g = "rbac.authorization.k8s.io";
        m.put(RBAC + "PolicyRule", required(object("PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.",
                "apiGroups", atomicList(str(""), "APIGroups is the name of the APIGroup that contains the resources. If multiple API groups are specified, any action requested against one of the enumerated resources in any API group will be allowed. \"\" represents the core API group and \"*\" represents all API groups."),
                "nonResourceURLs", atomicList(str(""), "NonResourceURLs is a set of partial urls that a user should have access to. *s are allowed, but only as the full, final step in the path. Rules can either apply to API resources (such as \"pods\" or \"secrets\") or non-resource URL paths (such as \"/api\"), but not both."),
                "resourceNames", atomicList(str(""), "ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed."),
                "resources", atomicList(str(""), "Resources is a list of resources this rule applies to. '*' represents all resources."),
                "verbs", atomicList(str(""), "Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.")), "verbs"));
        m.put(RBAC + "Subject", required(object("Subject contains a reference to the object or user identities a role binding applies to.  This can either hold a direct API object reference, or a value for non-objects such as user and group names.",
                "apiGroup", str("APIGroup holds the API group of the referenced subject. Defaults to \"\" for ServiceAccount subjects. Defaults to \"rbac.authorization.k8s.io\" for User and Group subjects."),
                "kind", str("Kind of object being referenced. Values defined by this API group are \"User\", \"Group\", and \"ServiceAccount\"."),
                "name", str("Name of the object being referenced."),
                "namespace", str("Namespace of the referenced object.  If the object kind is non-namespace, such as \"User\" or \"Group\", and this value is not empty the Authorizer should report an error.")), "kind", "name"));
        m.put(RBAC + "RoleRef", required(object("RoleRef contains information that points to the role being used",
                "apiGroup", str("APIGroup is the group for the resource being referenced"),
                "kind", str("Kind is the type of resource being referenced"),
                "name", str("Name is the name of resource being referenced")), "apiGroup", "kind", "name"));
        m.put(RBAC + "AggregationRule", object("AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole",
                "clusterRoleSelectors", atomicList(ref(META + "LabelSelector"), "ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.")));
        for (String kind : new String[]{"Role", "ClusterRole"}) {
            boolean cluster = kind.equals("ClusterRole");
            ObjectNode role = cluster ? object("ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.",
                    "aggregationRule", ref(RBAC + "AggregationRule", "AggregationRule is an optional field that describes how to build the Rules for this ClusterRole."),
                    "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                    "kind", str("Kind is a string value representing the REST resource this object represents."),
                    "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                    "rules", atomicList(ref(RBAC + "PolicyRule"), "Rules holds all the PolicyRules for this ClusterRole"))
                    : object("Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.",
                    "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                    "kind", str("Kind is a string value representing the REST resource this object represents."),
                    "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                    "rules", atomicList(ref(RBAC + "PolicyRule"), "Rules holds all the PolicyRules for this Role"));
            m.put(RBAC + kind, gvk(role, g, "v1", kind));
            m.put(RBAC + kind + "List", list(g, kind, kind + "List is a collection of " + kind + "s"));
        }
        for (String kind : new String[]{"RoleBinding", "ClusterRoleBinding"}) {
            ObjectNode binding = required(object(kind.equals("RoleBinding")
                            ? "RoleBinding references a role, but does not contain it.  It can reference a Role in the same namespace or a ClusterRole in the global namespace. It adds who information via Subjects and namespace information by which namespace it exists in.  RoleBindings in a given namespace only have effect in that namespace."
                            : "ClusterRoleBinding references a ClusterRole, but not contain it.  It can reference a ClusterRole in the global namespace, and adds who information via Subject.",
                    "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                    "kind", str("Kind is a string value representing the REST resource this object represents."),
                    "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                    "roleRef", ref(RBAC + "RoleRef", "RoleRef can only reference a ClusterRole in the global namespace (or, for a RoleBinding, a Role in its own namespace). This field is immutable."),
                    "subjects", atomicList(ref(RBAC + "Subject"), "Subjects holds references to the objects the role applies to.")), "roleRef");
            m.put(RBAC + kind, gvk(binding, g, "v1", kind));
            m.put(RBAC + kind + "List", list(g, kind, kind + "List is a collection of " + kind + "s"));
        }
    }

    private static void storage(Map<String, ObjectNode> m) {
        m.put(CORE + "TopologySelectorTerm", anyObject("A topology selector term represents the result of label queries. Kept as given."));
        ObjectNode sc = required(object("StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned. The annotation storageclass.kubernetes.io/is-default-class=true marks the default class.",
                "allowVolumeExpansion", bool("allowVolumeExpansion shows whether the storage class allow volume expand."),
                "allowedTopologies", atomicList(ref(CORE + "TopologySelectorTerm"), "allowedTopologies restrict the node topologies where volumes can be dynamically provisioned."),
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                "mountOptions", atomicList(str(""), "mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes of this storage class."),
                "parameters", stringMap("parameters holds the parameters for the provisioner that should create volumes of this storage class."),
                "provisioner", str("provisioner indicates the type of the provisioner."),
                "reclaimPolicy", enumStr("reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.", "Delete", "Recycle", "Retain"),
                "volumeBindingMode", enumStr("volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used.", "Immediate", "WaitForFirstConsumer")), "provisioner");
        m.put(STORAGE + "StorageClass", gvk(sc, "storage.k8s.io", "v1", "StorageClass"));
        m.put(STORAGE + "StorageClassList", list("storage.k8s.io", "StorageClass", "StorageClassList is a collection of storage classes."));
        m.put(STORAGE + "VolumeAttachmentSource", object("VolumeAttachmentSource represents a volume that should be attached. Right now only PersistentVolumes can be attached via external attacher, in the future we may allow also inline volumes in pods. Exactly one member can be set.",
                "inlineVolumeSpec", optionalRef(CORE + "PersistentVolumeSpec", "inlineVolumeSpec contains all the information necessary to attach a persistent volume defined by a pod's inline VolumeSource."),
                "persistentVolumeName", str("persistentVolumeName represents the name of the persistent volume to attach.")));
        m.put(STORAGE + "VolumeError", anyObject("VolumeError captures an error encountered during a volume operation. Kept as given."));
        m.put(STORAGE + "VolumeAttachmentSpec", required(object("VolumeAttachmentSpec is the specification of a VolumeAttachment request.",
                "attacher", str("attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName()."),
                "nodeName", str("nodeName represents the node that the volume should be attached to."),
                "source", ref(STORAGE + "VolumeAttachmentSource", "source represents the volume that should be attached.")), "attacher", "source", "nodeName"));
        m.put(STORAGE + "VolumeAttachmentStatus", required(object("VolumeAttachmentStatus is the status of a VolumeAttachment request.",
                "attachError", optionalRef(STORAGE + "VolumeError", "attachError represents the last error encountered during attach operation, if any."),
                "attached", bool("attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher."),
                "attachmentMetadata", stringMap("attachmentMetadata is populated with any information returned by the attach operation, upon successful attach, that must be passed into subsequent WaitForAttach or Mount calls."),
                "detachError", optionalRef(STORAGE + "VolumeError", "detachError represents the last error encountered during detach operation, if any.")), "attached"));
        ObjectNode va = required(object("VolumeAttachment captures the intent to attach or detach the specified volume to/from the specified node.\n\nVolumeAttachment objects are non-namespaced.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "Standard object metadata."),
                "spec", ref(STORAGE + "VolumeAttachmentSpec", "spec represents specification of the desired attach/detach volume behavior. Populated by the Kubernetes system."),
                "status", ref(STORAGE + "VolumeAttachmentStatus", "status represents status of the VolumeAttachment request. Populated by the entity completing the attach or detach operation, i.e. the external-attacher.")), "spec");
        m.put(STORAGE + "VolumeAttachment", gvk(va, "storage.k8s.io", "v1", "VolumeAttachment"));
        m.put(STORAGE + "VolumeAttachmentList", list("storage.k8s.io", "VolumeAttachment", "VolumeAttachmentList is a collection of VolumeAttachment objects."));
    }

    private static void autoscaling(Map<String, ObjectNode> m) {
        m.put(AUTOSCALING + "ScaleSpec", object("ScaleSpec describes the attributes of a scale subresource.",
                "replicas", int32("replicas is the desired number of instances for the scaled object.")));
        m.put(AUTOSCALING + "ScaleStatus", required(object("ScaleStatus represents the current status of a scale subresource.",
                "replicas", int32("replicas is the actual number of observed instances of the scaled object."),
                "selector", str("selector is the label query over pods that should match the replicas count, in string form.")), "replicas"));
        m.put(AUTOSCALING + "Scale", gvk(object("Scale represents a scaling request for a resource.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "Standard object metadata."),
                "spec", ref(AUTOSCALING + "ScaleSpec", "spec defines the behavior of the scale."),
                "status", ref(AUTOSCALING + "ScaleStatus", "status is the current status of the scale. Read-only.")), "autoscaling", "v1", "Scale"));
    }

    // ------------------------------------------------------------------ policy/v1

    private static void policy(Map<String, ObjectNode> m) {
        m.put(POLICY + "PodDisruptionBudgetSpec", object("PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.",
                "maxUnavailable", SchemaBuilder.intOrString("An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction, i.e. even in absence of the evicted pod. A count or a percentage (\"25%\"), rounded up. Mutually exclusive with minAvailable."),
                "minAvailable", SchemaBuilder.intOrString("An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction, i.e. even in the absence of the evicted pod. A count or a percentage (\"50%\"), rounded up."),
                "selector", ref(META + "LabelSelector", "Label query over pods whose evictions are managed by the disruption budget. An empty selector selects no pods."),
                "unhealthyPodEvictionPolicy", enumStr("UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction.", "AlwaysAllow", "IfHealthyBudget")));
        m.put(POLICY + "PodDisruptionBudgetStatus", required(object("PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget. Status may trail the actual state of a system.",
                "conditions", keyedArray(ref(META + "Condition"), "type", "Conditions contain conditions for PDB. DisruptionAllowed is True (SufficientPods) when an eviction may proceed, else False (InsufficientPods, or SyncFailed when the expected count could not be computed)."),
                "currentHealthy", int32("current number of healthy pods"),
                "desiredHealthy", int32("minimum desired number of healthy pods"),
                "disruptedPods", stringMap("DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller."),
                "disruptionsAllowed", int32("Number of pod disruptions that are currently allowed."),
                "expectedPods", int32("total number of pods counted by this disruption budget"),
                "observedGeneration", int64("Most recent generation observed when updating this PDB status.")),
                "disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods"));
        kind(m, "policy", "PodDisruptionBudget", "PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods. Evictions (POST .../pods/{name}/eviction, as kubectl drain sends them) that would break it are refused with 429.",
                "Specification of the desired behavior of the PodDisruptionBudget.", "Most recently observed status of the PodDisruptionBudget.");
        m.put(POLICY + "Eviction", gvk(object("Eviction evicts a pod from its node subject to certain policies and safety constraints. This is a subresource of Pod: POST it to .../pods/{name}/eviction.",
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "deleteOptions", anyObject("DeleteOptions may be provided"),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "ObjectMeta describes the pod that is being evicted.")), "policy", "v1", "Eviction"));
    }

    // ------------------------------------------------------------------ helpers

    /** Adds a kind with the standard shape (apiVersion, kind, metadata, spec, status) and its list. */
    private static void kind(Map<String, ObjectNode> m, String group, String kind, String description, String specDoc,
                             String statusDoc) {
        String pkg = packageOf(group);
        ObjectNode s = object(description,
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ObjectMeta", "Standard object's metadata."),
                "spec", ref(pkg + kind + "Spec", specDoc),
                "status", ref(pkg + kind + "Status", statusDoc));
        m.put(pkg + kind, gvk(s, group, "v1", kind));
        m.put(pkg + kind + "List", list(group, kind, kind + "List is a list of " + kind + " objects."));
    }

    private static ObjectNode list(String group, String kind, String description) {
        String pkg = packageOf(group);
        ObjectNode s = required(object(description,
                "apiVersion", str("APIVersion defines the versioned schema of this representation of an object."),
                "items", array(ref(pkg + kind), "List of " + kind + " objects."),
                "kind", str("Kind is a string value representing the REST resource this object represents."),
                "metadata", ref(META + "ListMeta", "Standard list metadata.")), "items");
        return gvk(s, group, "v1", kind + "List");
    }




    private static ObjectNode withFormat(ObjectNode s, String format) {
        s.put("format", format);
        return s;
    }

    private static ObjectNode oneOf(ObjectNode s, String... types) {
        tools.jackson.databind.node.ArrayNode one = s.putArray("oneOf");
        for (String t : types) {
            one.add(Json.object().put("type", t));
        }
        return s;
    }

    private static ObjectNode granularMap(ObjectNode s) {
        s.put("x-kubernetes-map-type", "granular");
        return s;
    }

    private static ObjectNode withMapType(ObjectNode s) {
        s.put("x-kubernetes-map-type", "atomic");
        return s;
    }
}
