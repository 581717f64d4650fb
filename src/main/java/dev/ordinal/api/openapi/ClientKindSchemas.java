package dev.ordinal.api.openapi;

import static dev.ordinal.api.openapi.KubernetesSchemas.CORE;
import static dev.ordinal.api.openapi.KubernetesSchemas.COORDINATION;
import static dev.ordinal.api.openapi.KubernetesSchemas.DISCOVERY;
import static dev.ordinal.api.openapi.KubernetesSchemas.EVENTS;
import static dev.ordinal.api.openapi.KubernetesSchemas.META;
import static dev.ordinal.api.openapi.SchemaBuilder.array;
import static dev.ordinal.api.openapi.SchemaBuilder.bool;
import static dev.ordinal.api.openapi.SchemaBuilder.enumStr;
import static dev.ordinal.api.openapi.SchemaBuilder.gvk;
import static dev.ordinal.api.openapi.SchemaBuilder.int32;
import static dev.ordinal.api.openapi.SchemaBuilder.map;
import static dev.ordinal.api.openapi.SchemaBuilder.object;
import static dev.ordinal.api.openapi.SchemaBuilder.ref;
import static dev.ordinal.api.openapi.SchemaBuilder.required;
import static dev.ordinal.api.openapi.SchemaBuilder.str;
import static dev.ordinal.api.openapi.SchemaBuilder.stringMap;

import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the kinds everyday clients need besides workloads: ConfigMap, Secret, ServiceAccount, Endpoints
 * (core/v1), Lease (coordination.k8s.io/v1), EndpointSlice (discovery.k8s.io/v1) and Event (events.k8s.io/v1), with
 * Kubernetes' descriptions shortened.
 */
final class ClientKindSchemas {
    private static final String API_VERSION = "APIVersion defines the versioned schema of this representation of an object.";
    private static final String KIND = "Kind is a string value representing the REST resource this object represents.";
    private static final String METADATA = "Standard object's metadata.";

    private ClientKindSchemas() {
    }

    static void add(Map<String, ObjectNode> m) {
        ObjectNode byteString = str("Base64-encoded bytes.");
        byteString.put("format", "byte");
        top(m, CORE, "", "ConfigMap", object("ConfigMap holds configuration data for pods to consume.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "binaryData", map(byteString, "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values are base64 encoded."),
                "data", stringMap("Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'."),
                "immutable", bool("Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).")));
        top(m, CORE, "", "Secret", object("Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than 1 MiB.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "data", map(byteString.deepCopy(), "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values are base64 encoded."),
                "immutable", bool("Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified)."),
                "stringData", stringMap("stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API."),
                "type", str("Used to facilitate programmatic handling of secret data. Opaque (the default), kubernetes.io/service-account-token, kubernetes.io/dockercfg, kubernetes.io/dockerconfigjson, kubernetes.io/basic-auth, kubernetes.io/ssh-auth, kubernetes.io/tls, bootstrap.kubernetes.io/token.")));
        m.put(CORE + "LocalObjectReference", object("LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.",
                "name", str("Name of the referent.")));
        top(m, CORE, "", "ServiceAccount", object("ServiceAccount binds together: a name, understood by users, and perhaps by peripheral systems, for an identity; a principal that can be authenticated and authorized; a set of secrets.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "automountServiceAccountToken", bool("AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted."),
                "imagePullSecrets", SchemaBuilder.atomicList(ref(CORE + "LocalObjectReference"), "ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount."),
                "secrets", SchemaBuilder.mapList(ref(CORE + "ObjectReference"), "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", "name", "merge", "name")));
        endpoints(m);
        lease(m);
        endpointSlice(m);
        eventsV1(m);
    }

    private static void endpoints(Map<String, ObjectNode> m) {
        m.put(CORE + "EndpointAddress", required(object("EndpointAddress is a tuple that describes single IP address.",
                "hostname", str("The Hostname of this endpoint"),
                "ip", str("The IP of this endpoint."),
                "nodeName", str("Optional: Node hosting this endpoint."),
                "targetRef", ref(CORE + "ObjectReference", "Reference to object providing the endpoint.")), "ip"));
        m.put(CORE + "EndpointPort", required(object("EndpointPort is a tuple that describes a single port.",
                "appProtocol", str("The application protocol for this port."),
                "name", str("The name of this port. This must match the 'name' field in the corresponding ServicePort."),
                "port", int32("The port number of the endpoint."),
                "protocol", enumStr("The IP protocol for this port. Default is TCP.", "SCTP", "TCP", "UDP")), "port"));
        m.put(CORE + "EndpointSubset", object("EndpointSubset is a group of addresses with a common set of ports.",
                "addresses", SchemaBuilder.atomicList(ref(CORE + "EndpointAddress"), "IP addresses which offer the related ports that are marked as ready."),
                "notReadyAddresses", SchemaBuilder.atomicList(ref(CORE + "EndpointAddress"), "IP addresses which offer the related ports but are not currently marked as ready."),
                "ports", SchemaBuilder.atomicList(ref(CORE + "EndpointPort"), "Port numbers available on the related IP addresses.")));
        top(m, CORE, "", "Endpoints", object("Endpoints is a collection of endpoints that implement the actual service. Kept by the endpoints controller for each Service with a selector.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "subsets", SchemaBuilder.atomicList(ref(CORE + "EndpointSubset"), "The set of all endpoints is the union of all subsets.")));
    }

    private static void lease(Map<String, ObjectNode> m) {
        m.put(COORDINATION + "LeaseSpec", object("LeaseSpec is a specification of a Lease.",
                "acquireTime", ref(META + "MicroTime", "acquireTime is a time when the current lease was acquired."),
                "holderIdentity", str("holderIdentity contains the identity of the holder of a current lease."),
                "leaseDurationSeconds", int32("leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it. This is measured against the time of last observed renewTime."),
                "leaseTransitions", int32("leaseTransitions is the number of transitions of a lease between holders."),
                "preferredHolder", str("PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up."),
                "renewTime", ref(META + "MicroTime", "renewTime is a time when the current holder of a lease has last updated the lease."),
                "strategy", str("Strategy indicates the strategy for picking the leader for coordinated leader election.")));
        top(m, COORDINATION, "coordination.k8s.io", "Lease", object("Lease defines a lease concept.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "spec", ref(COORDINATION + "LeaseSpec", "spec contains the specification of the Lease.")));
    }

    private static void endpointSlice(Map<String, ObjectNode> m) {
        m.put(DISCOVERY + "EndpointConditions", object("EndpointConditions represents the current condition of an endpoint.",
                "ready", bool("ready indicates that this endpoint is ready to receive traffic. A terminating endpoint is never ready, unless the Service publishes not-ready addresses."),
                "serving", bool("serving indicates that this endpoint is able to receive traffic (its pod is ready), whether or not it is terminating."),
                "terminating", bool("terminating indicates that this endpoint is terminating.")));
        m.put(DISCOVERY + "EndpointHints", SchemaBuilder.opaqueObject("EndpointHints provides hints describing how an endpoint should be consumed (forZones). Kept as given."));
        m.put(DISCOVERY + "Endpoint", required(object("Endpoint represents a single logical \"backend\" implementing a service.",
                "addresses", SchemaBuilder.setList(str(""), "addresses of this endpoint. Consumers must handle different types of addresses in the context of their own capabilities.", false),
                "conditions", ref(DISCOVERY + "EndpointConditions", "conditions contains information about the current status of the endpoint."),
                "deprecatedTopology", stringMap("deprecatedTopology contains topology information part of the v1beta1 API. This field is deprecated."),
                "hints", SchemaBuilder.optionalRef(DISCOVERY + "EndpointHints", "hints contains information associated with how an endpoint should be consumed."),
                "hostname", str("hostname of this endpoint: the pod's name for a StatefulSet pod behind its headless Service, giving it a stable DNS name."),
                "nodeName", str("nodeName represents the name of the Node hosting this endpoint."),
                "targetRef", ref(CORE + "ObjectReference", "targetRef is a reference to a Kubernetes object that represents this endpoint."),
                "zone", str("zone is the name of the Zone this endpoint exists in.")), "addresses"));
        m.put(DISCOVERY + "EndpointPort", object("EndpointPort represents a Port used by an EndpointSlice",
                "appProtocol", str("The application protocol for this port."),
                "name", str("name represents the name of this port. It must match the name of the Service port."),
                "port", int32("port represents the port number of the endpoint."),
                "protocol", enumStr("protocol represents the IP protocol for this port. Default is TCP.", "SCTP", "TCP", "UDP")));
        top(m, DISCOVERY, "discovery.k8s.io", "EndpointSlice", required(object("EndpointSlice represents a subset of the endpoints that implement a service. The label kubernetes.io/service-name names the Service.",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "addressType", enumStr("addressType specifies the type of address carried by this EndpointSlice.", "FQDN", "IPv4", "IPv6"),
                "endpoints", SchemaBuilder.atomicList(ref(DISCOVERY + "Endpoint"), "endpoints is a list of unique endpoints in this slice."),
                "ports", SchemaBuilder.atomicList(ref(DISCOVERY + "EndpointPort"), "ports specifies the list of network ports exposed by each endpoint in this slice.")), "addressType", "endpoints"));
    }

    private static void eventsV1(Map<String, ObjectNode> m) {
        m.put(EVENTS + "EventSeries", required(object("EventSeries contain information on series of events.",
                "count", int32("count is the number of occurrences in this series up to the last heartbeat time."),
                "lastObservedTime", ref(META + "MicroTime", "lastObservedTime is the time when last Event from the series was seen before last heartbeat.")), "count", "lastObservedTime"));
        top(m, EVENTS, "events.k8s.io", "Event", required(object("Event is a report of an event somewhere in the cluster. Served from the same events as core/v1 Event, with Kubernetes' field mapping (note = message, regarding = involvedObject, reportingController = source.component, deprecatedCount = count).",
                "apiVersion", str(API_VERSION), "kind", str(KIND), "metadata", ref(META + "ObjectMeta", METADATA),
                "action", str("action is what action was taken/failed regarding to the regarding object."),
                "deprecatedCount", int32("deprecatedCount is the deprecated field assuring backward compatibility with core.v1 Event type."),
                "deprecatedFirstTimestamp", ref(META + "Time", "deprecatedFirstTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
                "deprecatedLastTimestamp", ref(META + "Time", "deprecatedLastTimestamp is the deprecated field assuring backward compatibility with core.v1 Event type."),
                "deprecatedSource", ref(CORE + "EventSource", "deprecatedSource is the deprecated field assuring backward compatibility with core.v1 Event type."),
                "eventTime", ref(META + "MicroTime", "eventTime is the time when this Event was first observed."),
                "note", str("note is a human-readable description of the status of this operation."),
                "reason", str("reason is why the action was taken."),
                "regarding", ref(CORE + "ObjectReference", "regarding contains the object this Event is about."),
                "related", ref(CORE + "ObjectReference", "related is the optional secondary object for more complex actions."),
                "reportingController", str("reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`."),
                "reportingInstance", str("reportingInstance is the ID of the controller instance."),
                "series", ref(EVENTS + "EventSeries", "series is data about the Event series this event represents or nil if it's a singleton Event."),
                "type", str("type is the type of this event (Normal, Warning).")), "eventTime"));
    }

    /** Adds a kind whose fields sit at the top level (no spec/status), with its list. */
    private static void top(Map<String, ObjectNode> m, String pkg, String group, String kind, ObjectNode schema) {
        m.put(pkg + kind, gvk(schema, group, "v1", kind));
        ObjectNode list = required(object(kind + "List is a list of " + kind + " objects.",
                "apiVersion", str(API_VERSION),
                "items", array(ref(pkg + kind), "List of " + kind + " objects."),
                "kind", str(KIND),
                "metadata", ref(META + "ListMeta", "Standard list metadata.")), "items");
        m.put(pkg + kind + "List", gvk(list, group, "v1", kind + "List"));
    }

}
