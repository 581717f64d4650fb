package dev.ordinal.endpoints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides one Service's Endpoints and EndpointSlices from its pods, as Kubernetes' endpoints and EndpointSlice
 * controllers do. Pure: no Spring, store or clock.
 *
 * <p>A pod is an endpoint when the Service's selector matches its labels, it has an IP and it has not terminated.
 * Its hostname is its {@code spec.hostname} when its {@code spec.subdomain} names the Service: a StatefulSet's pods
 * behind their headless Service, whose stable DNS names are {@code <pod>.<service>.<namespace>.svc.cluster.local}.
 * Each port is the Service port's {@code targetPort} resolved in the pod (a name finds the container port so named;
 * none means {@code port}). In the Endpoints a ready pod is an address and an unready one a not-ready address; a
 * terminating pod is left out. In an EndpointSlice every such pod is an endpoint with conditions
 * {@code ready} (ready and not terminating), {@code serving} (ready) and {@code terminating}.
 * {@code publishNotReadyAddresses} makes every endpoint ready. A Service without a selector, or of type
 * ExternalName, is left to its user; a Service that is gone loses its Endpoints and slices.
 */
public final class EndpointsPlanner {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    public static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private EndpointsPlanner() {
    }

    /**
     * What one Service needs.
     *
     * @param serviceName the Service's name (the key)
     * @param service     the Service, empty when it is gone
     * @param pods        the pods of the Service's namespace
     * @param endpoints   the stored Endpoints named after the Service, if any
     * @param slices      the stored EndpointSlices this controller manages for the Service
     */
    public record Snapshot(String serviceName, Optional<ObjectNode> service, List<ObjectNode> pods,
                           Optional<ObjectNode> endpoints, List<ObjectNode> slices) {
    }

    public static List<EndpointsAction> plan(Snapshot s) {
        List<EndpointsAction> actions = new ArrayList<>();
        if (s.service().isEmpty()) {
            s.endpoints().ifPresent(e -> actions.add(new EndpointsAction.Delete(ResourceTypes.ENDPOINTS, Json.name(e))));
            s.slices().forEach(e -> actions.add(new EndpointsAction.Delete(ResourceTypes.ENDPOINT_SLICE, Json.name(e))));
            return actions;
        }
        ObjectNode service = s.service().get();
        Map<String, String> selector = Json.stringMap(service, "spec", "selector");
        if (selector.isEmpty() || "ExternalName".equals(Json.str(service, "spec", "type"))) {
            // Endpoints of a selectorless Service are the user's; slices this controller made are not needed.
            s.slices().forEach(e -> actions.add(new EndpointsAction.Delete(ResourceTypes.ENDPOINT_SLICE, Json.name(e))));
            return actions;
        }
        boolean publishNotReady = Json.bool(service, "spec", "publishNotReadyAddresses");
        List<Endpoint> endpoints = s.pods().stream()
                .filter(p -> dev.ordinal.core.LabelSelectorMatcher.matchesMap(selector, Json.labels(p)))
                .map(p -> endpoint(service, p, publishNotReady))
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Endpoint::podName))
                .toList();
        planEndpoints(s, service, endpoints, publishNotReady, actions);
        planSlices(s, service, endpoints, actions);
        return actions;
    }

    /** One pod as an endpoint, with its resolved ports. */
    record Endpoint(String podName, String ip, String hostname, String nodeName, ObjectNode targetRef,
                    boolean ready, boolean serving, boolean terminating, ArrayNode ports) {
    }

    private static Optional<Endpoint> endpoint(ObjectNode service, ObjectNode pod, boolean publishNotReady) {
        String ip = Json.str(pod, "status", "podIP");
        if (ip == null || ip.isEmpty() || dev.ordinal.controller.Pods.isTerminated(pod)) {
            return Optional.empty();
        }
        String hostname = null;
        String podHostname = Json.str(pod, "spec", "hostname");
        if (podHostname != null && !podHostname.isEmpty()
                && Json.name(service).equals(Json.str(pod, "spec", "subdomain"))) {
            hostname = podHostname;
        }
        boolean serving = podReady(pod);
        boolean terminating = Json.isTerminating(pod);
        boolean ready = publishNotReady || (serving && !terminating);
        ObjectNode ref = Json.object();
        ref.put("kind", "Pod");
        ref.put("namespace", Json.namespace(pod));
        ref.put("name", Json.name(pod));
        ref.put("uid", Json.uid(pod));
        ArrayNode ports = Json.array();
        for (JsonNode sp : Json.list(service, "spec", "ports")) {
            Integer port = targetPort(sp, pod);
            if (port == null) {
                continue;
            }
            ObjectNode p = ports.addObject();
            p.put("name", Json.strOr(sp, "", "name"));
            p.put("port", port);
            p.put("protocol", Json.strOr(sp, "TCP", "protocol"));
        }
        return Optional.of(new Endpoint(Json.name(pod), ip, hostname, Json.str(pod, "spec", "nodeName"), ref, ready,
                serving, terminating, ports));
    }

    /** FindPort: a number is itself; a name is the pod's container port so named; none is the Service port. */
    static Integer targetPort(JsonNode servicePort, JsonNode pod) {
        JsonNode target = servicePort.get("targetPort");
        if (target == null || target.isNull() || (target.isString() && target.asString().isEmpty())) {
            return servicePort.path("port").asInt();
        }
        if (target.isNumber()) {
            return target.asInt();
        }
        String name = target.asString();
        if (name.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(name);
        }
        for (JsonNode c : Json.list(pod, "spec", "containers")) {
            for (JsonNode p : Json.list(c, "ports")) {
                if (name.equals(Json.str(p, "name"))) {
                    return p.path("containerPort").asInt();
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ core/v1 Endpoints

    private static void planEndpoints(Snapshot s, ObjectNode service, List<Endpoint> endpoints,
                                      boolean publishNotReady, List<EndpointsAction> actions) {
        // One subset per distinct set of ports, as RepackSubsets groups them; addresses sorted by IP.
        Map<String, ObjectNode> subsets = new LinkedHashMap<>();
        boolean headless = "None".equals(Json.str(service, "spec", "clusterIP"));
        for (Endpoint e : endpoints) {
            if (e.terminating() && !publishNotReady) {
                continue;
            }
            if (e.ports().isEmpty() && !(headless && Json.list(service, "spec", "ports").isEmpty())) {
                continue;
            }
            ObjectNode subset = subsets.computeIfAbsent(Json.write(e.ports()), k -> {
                ObjectNode n = Json.object();
                n.set("ports", e.ports().deepCopy());
                return n;
            });
            ObjectNode address = Json.object();
            address.put("ip", e.ip());
            if (e.hostname() != null) {
                address.put("hostname", e.hostname());
            }
            if (e.nodeName() != null) {
                address.put("nodeName", e.nodeName());
            }
            address.set("targetRef", e.targetRef().deepCopy());
            String field = e.ready() ? "addresses" : "notReadyAddresses";
            if (!subset.has(field)) {
                subset.putArray(field);
            }
            ((ArrayNode) subset.get(field)).add(address);
        }
        ArrayNode desiredSubsets = Json.array();
        for (ObjectNode subset : subsets.values()) {
            ObjectNode ordered = Json.object();
            for (String f : List.of("addresses", "notReadyAddresses")) {
                if (subset.has(f)) {
                    List<JsonNode> sorted = new ArrayList<>(Json.list(subset, f));
                    sorted.sort(Comparator.comparing((JsonNode a) -> Json.strOr(a, "", "ip"))
                            .thenComparing(a -> Json.strOr(a, "", "targetRef", "uid")));
                    ordered.putArray(f).addAll(sorted);
                }
            }
            if (!subset.path("ports").isEmpty()) {
                ordered.set("ports", subset.get("ports"));
            }
            desiredSubsets.add(ordered);
        }
        Map<String, String> labels = new LinkedHashMap<>(Json.labels(service));
        if (headless) {
            labels.put(HEADLESS_LABEL, "");
        }
        if (s.endpoints().isEmpty()) {
            ObjectNode ep = Json.object();
            ep.put("apiVersion", "v1");
            ep.put("kind", "Endpoints");
            ObjectNode meta = ep.putObject("metadata");
            meta.put("name", s.serviceName());
            if (!labels.isEmpty()) {
                meta.set("labels", Json.stringMapNode(labels));
            }
            if (!desiredSubsets.isEmpty()) {
                ep.set("subsets", desiredSubsets);
            }
            actions.add(new EndpointsAction.Create(ResourceTypes.ENDPOINTS, ep));
            return;
        }
        ObjectNode current = s.endpoints().get();
        boolean sameSubsets = Json.same(current.path("subsets").isMissingNode() ? Json.array() : current.get("subsets"),
                desiredSubsets);
        if (sameSubsets && Json.labels(current).equals(labels)) {
            return;
        }
        ObjectNode updated = Json.copy(current);
        if (labels.isEmpty()) {
            Json.meta(updated).remove("labels");
        } else {
            Json.meta(updated).set("labels", Json.stringMapNode(labels));
        }
        if (desiredSubsets.isEmpty()) {
            updated.remove("subsets");
        } else {
            updated.set("subsets", desiredSubsets);
        }
        actions.add(new EndpointsAction.Update(ResourceTypes.ENDPOINTS, updated));
    }

    // ------------------------------------------------------------------ discovery.k8s.io/v1 EndpointSlices

    private static void planSlices(Snapshot s, ObjectNode service, List<Endpoint> endpoints,
                                   List<EndpointsAction> actions) {
        // One slice per distinct set of ports; with no endpoints, one empty placeholder slice, as Kubernetes keeps.
        Map<String, List<Endpoint>> byPorts = new LinkedHashMap<>();
        for (Endpoint e : endpoints) {
            byPorts.computeIfAbsent(Json.write(e.ports()), k -> new ArrayList<>()).add(e);
        }
        if (byPorts.isEmpty()) {
            byPorts.put(Json.write(Json.array()), List.of());
        }
        List<ObjectNode> unused = new ArrayList<>(s.slices());
        unused.sort(Comparator.comparing(Json::name));
        List<Map.Entry<String, List<Endpoint>>> unmatched = new ArrayList<>();
        for (Map.Entry<String, List<Endpoint>> group : byPorts.entrySet()) {
            Optional<ObjectNode> same = unused.stream()
                    .filter(sl -> Json.write(sl.path("ports").isMissingNode() ? Json.array() : sl.get("ports"))
                            .equals(group.getKey()))
                    .findFirst();
            if (same.isPresent()) {
                unused.remove(same.get());
                update(service, same.get(), group.getValue(), Json.parse("{\"p\":" + group.getKey() + "}").get("p"),
                        actions);
            } else {
                unmatched.add(group);
            }
        }
        for (Map.Entry<String, List<Endpoint>> group : unmatched) {
            JsonNode ports = Json.parse("{\"p\":" + group.getKey() + "}").get("p");
            if (!unused.isEmpty()) {
                update(service, unused.remove(0), group.getValue(), ports, actions);
                continue;
            }
            ObjectNode slice = Json.object();
            slice.put("apiVersion", "discovery.k8s.io/v1");
            slice.put("kind", "EndpointSlice");
            ObjectNode meta = slice.putObject("metadata");
            meta.put("generateName", s.serviceName() + "-");
            fill(service, slice, group.getValue(), ports);
            actions.add(new EndpointsAction.Create(ResourceTypes.ENDPOINT_SLICE, slice));
        }
        unused.forEach(sl -> actions.add(new EndpointsAction.Delete(ResourceTypes.ENDPOINT_SLICE, Json.name(sl))));
    }

    private static void update(ObjectNode service, ObjectNode current, List<Endpoint> endpoints, JsonNode ports,
                               List<EndpointsAction> actions) {
        ObjectNode desired = Json.copy(current);
        fill(service, desired, endpoints, ports);
        if (!Json.same(desired, current)) {
            actions.add(new EndpointsAction.Update(ResourceTypes.ENDPOINT_SLICE, desired));
        }
    }

    /** Sets a slice's labels, owner, address type, endpoints and ports. */
    private static void fill(ObjectNode service, ObjectNode slice, List<Endpoint> endpoints, JsonNode ports) {
        ObjectNode meta = Json.meta(slice);
        Map<String, String> labels = new LinkedHashMap<>(Json.labels(service));
        labels.put(SERVICE_NAME_LABEL, Json.name(service));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        if ("None".equals(Json.str(service, "spec", "clusterIP"))) {
            labels.put(HEADLESS_LABEL, "");
        }
        meta.set("labels", Json.stringMapNode(labels));
        meta.putArray("ownerReferences").add(OwnerReferences.controllerRef("v1", "Service", service));
        slice.put("addressType", "IPv4");
        ArrayNode list = slice.putArray("endpoints");
        for (Endpoint e : endpoints) {
            ObjectNode ep = list.addObject();
            ep.putArray("addresses").add(e.ip());
            ObjectNode c = ep.putObject("conditions");
            c.put("ready", e.ready());
            c.put("serving", e.serving());
            c.put("terminating", e.terminating());
            if (e.hostname() != null) {
                ep.put("hostname", e.hostname());
            }
            if (e.nodeName() != null) {
                ep.put("nodeName", e.nodeName());
            }
            ep.set("targetRef", e.targetRef().deepCopy());
        }
        slice.set("ports", ports.deepCopy());
    }

    private static boolean podReady(JsonNode pod) {
        for (JsonNode c : Json.list(pod, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                return "True".equals(Json.str(c, "status"));
            }
        }
        return false;
    }
}
