package dev.ordinal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** events.k8s.io/v1 serves the same events as core/v1, with Kubernetes' field mapping both ways. */
@IntegrationTest
class EventsV1IT {
    @LocalServerPort
    int port;

    @Test
    void anEventWrittenInOneVersionIsReadInTheOther() {
        ApiClient api = new ApiClient(port);
        String ns = new Workloads(api).namespace("events-v1");
        ApiClient.Response created = api.post("/apis/events.k8s.io/v1/namespaces/" + ns + "/events", """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"e1"},
                 "eventTime":"2026-12-01T10:00:00.000000Z","reportingController":"example.com/operator",
                 "reportingInstance":"operator-0","action":"Reconcile","reason":"Synced","type":"Normal",
                 "note":"all good","regarding":{"kind":"ConfigMap","namespace":"%s","name":"app"}}""".formatted(ns));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.str("note")).isEqualTo("all good");

        ApiClient.Response core = api.get("/api/v1/namespaces/" + ns + "/events/e1");
        assertThat(core.str("message")).isEqualTo("all good");
        assertThat(core.str("involvedObject", "name")).isEqualTo("app");
        assertThat(core.str("reportingComponent")).isEqualTo("example.com/operator");

        ApiClient.Response selected = api.get("/apis/events.k8s.io/v1/namespaces/" + ns
                + "/events?fieldSelector=regarding.name%3Dapp");
        assertThat(selected.json().path("items")).hasSize(1);
        assertThat(selected.json().path("items").path(0).path("regarding").path("kind").asString()).isEqualTo("ConfigMap");
        assertThat(selected.json().path("items").path(0).path("deprecatedCount").asInt()).isEqualTo(1);
        assertThat(selected.str("apiVersion")).isEqualTo("events.k8s.io/v1");

        ApiClient.Response invalid = api.post("/apis/events.k8s.io/v1/namespaces/" + ns + "/events",
                "{\"apiVersion\":\"events.k8s.io/v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"e2\"},\"type\":\"Normal\"}");
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.str("message")).startsWith("Event.events.k8s.io \"e2\" is invalid: [eventTime: Required value");
    }
}
