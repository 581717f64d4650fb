package dev.ordinal.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.support.Manifests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EndpointsPlannerTest {

    private static ObjectNode service(String json) {
        ObjectNode s = Json.parse(json);
        Json.meta(s).put("namespace", "default");
        Json.meta(s).put("uid", "svc-uid");
        return s;
    }

    /** The article's headless Service (nginx-headless-service.yaml) in namespace default. */
    private static ObjectNode headless() {
        ObjectNode s = Manifests.object(Manifests.HEADLESS_SERVICE);
        Json.meta(s).put("namespace", "default");
        Json.meta(s).put("uid", "svc-uid");
        return s;
    }

    private static ObjectNode pod(String name, String ip, boolean ready) {
        ObjectNode p = Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"uid-%s",
                 "labels":{"app":"nginx"}},
                 "spec":{"hostname":"%s","subdomain":"nginx","nodeName":"node-1",
                  "containers":[{"name":"nginx","ports":[{"name":"web","containerPort":8080}]}]},
                 "status":{"phase":"Running","podIP":"%s","conditions":[{"type":"Ready","status":"%s"}]}}"""
                .formatted(name, name, name, ip, ready ? "True" : "False"));
        return p;
    }

    private static List<EndpointsAction> plan(ObjectNode svc, List<ObjectNode> pods) {
        return EndpointsPlanner.plan(new EndpointsPlanner.Snapshot(Json.name(svc), Optional.of(svc), pods,
                Optional.empty(), List.of()));
    }

    private static ObjectNode created(List<EndpointsAction> actions, String kind) {
        return actions.stream().filter(a -> a instanceof EndpointsAction.Create c && Json.kind(c.object()).equals(kind))
                .map(a -> ((EndpointsAction.Create) a).object()).findFirst().orElseThrow();
    }

    @Test
    void statefulSetPodsBehindTheirHeadlessServiceAreNamedByHostname() {
        List<EndpointsAction> actions = plan(headless(), List.of(pod("nginx-1", "10.0.0.2", true),
                pod("nginx-0", "10.0.0.9", true)));
        ObjectNode slice = created(actions, "EndpointSlice");
        assertThat(Json.list(slice, "endpoints")).extracting(e -> Json.str(e, "hostname"))
                .containsExactly("nginx-0", "nginx-1");
        assertThat(Json.str(slice, "metadata", "generateName")).isEqualTo("nginx-");
        assertThat(Json.labels(slice)).containsEntry("kubernetes.io/service-name", "nginx")
                .containsEntry("service.kubernetes.io/headless", "");
        ObjectNode endpoints = created(actions, "Endpoints");
        List<JsonNode> addresses = Json.list(endpoints.path("subsets").path(0), "addresses");
        assertThat(addresses).extracting(a -> Json.str(a, "ip")).containsExactly("10.0.0.2", "10.0.0.9");
        assertThat(endpoints.path("subsets").path(0).path("ports").path(0).path("port").asInt()).isEqualTo(80);
    }

    @Test
    void aPodWhoseSubdomainIsAnotherServiceHasNoHostname() {
        ObjectNode svc = service("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},
                 "spec":{"selector":{"app":"nginx"},"ports":[{"port":80,"targetPort":"web"}]}}""");
        ObjectNode slice = created(plan(svc, List.of(pod("nginx-0", "10.0.0.1", true))), "EndpointSlice");
        assertThat(slice.path("endpoints").path(0).has("hostname")).isFalse();
        assertThat(slice.path("ports").path(0).path("port").asInt()).as("the named target port").isEqualTo(8080);
    }

    @Test
    void unreadyAndTerminatingPodsFollowKubernetesConditions() {
        ObjectNode terminating = pod("nginx-2", "10.0.0.3", true);
        Json.meta(terminating).put("deletionTimestamp", "2026-01-01T00:00:00Z");
        List<EndpointsAction> actions = plan(headless(), List.of(pod("nginx-0", "10.0.0.1", true),
                pod("nginx-1", "10.0.0.2", false), terminating));
        ObjectNode slice = created(actions, "EndpointSlice");
        List<JsonNode> conditions = Json.list(slice, "endpoints").stream().map(e -> e.path("conditions")).toList();
        assertThat(conditions).extracting(c -> c.path("ready").asBoolean()).containsExactly(true, false, false);
        assertThat(conditions).extracting(c -> c.path("serving").asBoolean()).containsExactly(true, false, true);
        assertThat(conditions).extracting(c -> c.path("terminating").asBoolean()).containsExactly(false, false, true);
        JsonNode subset = created(actions, "Endpoints").path("subsets").path(0);
        assertThat(Json.list(subset, "addresses")).extracting(a -> Json.str(a, "ip")).containsExactly("10.0.0.1");
        assertThat(Json.list(subset, "notReadyAddresses")).extracting(a -> Json.str(a, "ip")).containsExactly("10.0.0.2");
    }

    @Test
    void publishNotReadyAddressesMakesEveryEndpointReady() {
        ObjectNode svc = headless();
        Json.with(svc, "spec").put("publishNotReadyAddresses", true);
        List<EndpointsAction> actions = plan(svc, List.of(pod("nginx-0", "10.0.0.1", false)));
        assertThat(created(actions, "EndpointSlice").path("endpoints").path(0).path("conditions").path("ready")
                .asBoolean()).isTrue();
        assertThat(Json.list(created(actions, "Endpoints").path("subsets").path(0), "addresses")).hasSize(1);
    }

    @Test
    void anUnchangedStateNeedsNothingAndAGoneServiceLosesItsObjects() {
        ObjectNode svc = headless();
        List<ObjectNode> pods = List.of(pod("nginx-0", "10.0.0.1", true));
        List<EndpointsAction> first = plan(svc, pods);
        ObjectNode endpoints = created(first, "Endpoints");
        ObjectNode slice = created(first, "EndpointSlice");
        Json.meta(slice).put("name", "nginx-abcde");
        var again = EndpointsPlanner.plan(new EndpointsPlanner.Snapshot("nginx", Optional.of(svc), pods,
                Optional.of(endpoints), List.of(slice)));
        assertThat(again).isEmpty();
        var gone = EndpointsPlanner.plan(new EndpointsPlanner.Snapshot("nginx", Optional.empty(), List.of(),
                Optional.of(endpoints), List.of(slice)));
        assertThat(gone).containsExactly(new EndpointsAction.Delete(ResourceTypes.ENDPOINTS, "nginx"),
                new EndpointsAction.Delete(ResourceTypes.ENDPOINT_SLICE, "nginx-abcde"));
    }

    @Test
    void aServiceWithoutASelectorIsLeftToItsUser() {
        ObjectNode svc = service("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"external"},"spec":{"ports":[{"port":80}]}}""");
        assertThat(plan(svc, List.of(pod("nginx-0", "10.0.0.1", true)))).isEmpty();
    }
}
