package dev.ordinal.endpoints;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import dev.ordinal.support.Manifests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The endpoints controller end to end: the headless Service of the article's StatefulSet lists nginx-0..2 by
 * hostname, so each pod has its stable DNS name; a rescheduled pod keeps its hostname with a new IP.
 */
@IntegrationTest
class EndpointsIT {
    private static final String HEADLESS = Manifests.text(Manifests.HEADLESS_SERVICE);

    @LocalServerPort
    int port;

    private static List<String> hostnames(JsonNode slice) {
        return Json.list(slice, "endpoints").stream().map(e -> Json.strOr(e, "", "hostname")).toList();
    }

    @Test
    void theHeadlessServiceOfTheArticlesStatefulSetListsEachPodByHostname() {
        ApiClient api = new ApiClient(port);
        Workloads w = new Workloads(api);
        String ns = w.namespace("endpoints-sts");
        w.create("/api/v1/namespaces/" + ns + "/services", HEADLESS);
        w.create("/apis/apps/v1/namespaces/" + ns + "/statefulsets",
                Manifests.text(Manifests.STATEFUL_SET));
        String slices = "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices?labelSelector="
                + "kubernetes.io%2Fservice-name%3Dnginx";
        JsonNode slice = eventually().until(() -> api.get(slices).json().path("items").path(0),
                s -> hostnames(s).equals(List.of("nginx-0", "nginx-1", "nginx-2"))
                        && Json.list(s, "endpoints").stream().allMatch(e -> e.path("conditions").path("ready").asBoolean()));
        assertThat(Json.str(slice, "addressType")).isEqualTo("IPv4");
        assertThat(Json.list(slice, "ports")).extracting(p -> p.path("port").asInt()).containsExactly(80);
        assertThat(Json.list(slice, "endpoints")).allSatisfy(e -> {
            assertThat(Json.str(e, "nodeName")).startsWith("node-");
            assertThat(Json.str(e, "targetRef", "kind")).isEqualTo("Pod");
            assertThat(Json.str(e, "targetRef", "name")).isEqualTo(Json.str(e, "hostname"));
        });
        assertThat(Json.labels(slice)).containsEntry("endpointslice.kubernetes.io/managed-by",
                "endpointslice-controller.k8s.io");
        assertThat(slice.path("metadata").path("ownerReferences").path(0).path("name").asString()).isEqualTo("nginx");

        JsonNode endpoints = api.get("/api/v1/namespaces/" + ns + "/endpoints/nginx").json();
        List<JsonNode> addresses = Json.list(endpoints.path("subsets").path(0), "addresses");
        assertThat(addresses).extracting(a -> Json.str(a, "hostname"))
                .containsExactlyInAnyOrder("nginx-0", "nginx-1", "nginx-2");

        // The pod is deleted and created again by its StatefulSet: same hostname, the endpoint follows its new pod.
        String oldUid = Json.list(slice, "endpoints").get(1).path("targetRef").path("uid").asString();
        assertThat(api.delete("/api/v1/namespaces/" + ns + "/pods/nginx-1").code()).isEqualTo(200);
        eventually().until(() -> api.get(slices).json().path("items").path(0), s -> {
            List<JsonNode> eps = Json.list(s, "endpoints");
            return hostnames(s).equals(List.of("nginx-0", "nginx-1", "nginx-2"))
                    && !eps.get(1).path("targetRef").path("uid").asString().equals(oldUid)
                    && eps.get(1).path("conditions").path("ready").asBoolean();
        });
    }

    @Test
    void notReadyPodsAreNotReadyAddressesUnlessTheServicePublishesThem() {
        ApiClient api = new ApiClient(port);
        Workloads w = new Workloads(api);
        String ns = w.namespace("endpoints-ready");
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db","labels":{"app":"db"},
                 "annotations":{"sim.ordinal.dev/never-ready":"true"}},
                 "spec":{"containers":[{"name":"db","image":"postgres","ports":[{"name":"pg","containerPort":5432}]}]}}""";
        w.create("/api/v1/namespaces/" + ns + "/pods", pod);
        w.create("/api/v1/namespaces/" + ns + "/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"db"},
                 "spec":{"selector":{"app":"db"},"ports":[{"port":5432,"targetPort":"pg"}]}}""");
        JsonNode ep = eventually().until(() -> api.get("/api/v1/namespaces/" + ns + "/endpoints/db").json(),
                e -> !Json.list(e.path("subsets").path(0), "notReadyAddresses").isEmpty());
        assertThat(Json.list(ep.path("subsets").path(0), "addresses")).isEmpty();
        assertThat(ep.path("subsets").path(0).path("ports").path(0).path("port").asInt()).isEqualTo(5432);

        api.patch("/api/v1/namespaces/" + ns + "/services/db", "application/merge-patch+json",
                "{\"spec\":{\"publishNotReadyAddresses\":true}}");
        eventually().until(() -> api.get("/api/v1/namespaces/" + ns + "/endpoints/db").json(),
                e -> Json.list(e.path("subsets").path(0), "addresses").size() == 1);
        JsonNode slice = eventually().until(() -> api.get("/apis/discovery.k8s.io/v1/namespaces/" + ns
                        + "/endpointslices").json().path("items").path(0),
                s -> s.path("endpoints").path(0).path("conditions").path("ready").asBoolean());
        assertThat(slice.path("endpoints").path(0).path("conditions").path("serving").asBoolean()).isFalse();
    }
}
