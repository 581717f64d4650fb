package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Watches over HTTP: newline-delimited events from a resourceVersion, Table events for kubectl, server timeouts. */
@IntegrationTest
class WatchIT {
    @LocalServerPort
    int port;

    private List<JsonNode> lines(String body) {
        return body.lines().filter(l -> !l.isBlank()).map(l -> (JsonNode) Json.parse(l)).toList();
    }

    @Test
    void aWatchFromAListsVersionStreamsAddedModifiedAndDeletedUntilItsTimeout() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"watch\"}}");
        String rv = api.get("/api/v1/namespaces/watch/services").str("metadata", "resourceVersion");
        CompletableFuture<HttpResponse<String>> watch = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create(api.base() + "/api/v1/namespaces/watch/services?watch=true&timeoutSeconds=3&resourceVersion=" + rv))
                .build(), HttpResponse.BodyHandlers.ofString());
        String svc = "/api/v1/namespaces/watch/services";
        api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"w\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        JsonNode patched = api.patch(svc + "/w", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").json();
        api.delete(svc + "/w");
        HttpResponse<String> done = watch.get();
        assertThat(done.statusCode()).isEqualTo(200);
        List<JsonNode> events = lines(done.body());
        assertThat(events).extracting(e -> Json.str(e, "type")).containsExactly("ADDED", "MODIFIED", "DELETED");
        assertThat(events).extracting(e -> Json.str(e, "object", "metadata", "name")).containsOnly("w");
        // Written from the bytes the change feed read: the same object the write answered with.
        assertThat(events.get(1).get("object")).isEqualTo(patched);
    }

    @Test
    void tableWatchEventsCarryOneRowAndColumnsOnlyFirst() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"watch-table\"}}");
        String svc = "/api/v1/namespaces/watch-table/services";
        api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"t1\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"t2\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.base() + svc + "?watch=true&timeoutSeconds=1"))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        List<JsonNode> events = lines(r.body());
        assertThat(events).hasSize(2);
        assertThat(Json.str(events.get(0), "object", "kind")).isEqualTo("Table");
        assertThat(events.get(0).get("object").get("columnDefinitions")).isNotEmpty();
        assertThat(events.get(1).get("object").get("columnDefinitions")).isEmpty();
        assertThat(events.get(1).get("object").get("rows")).hasSize(1);
    }

    @Test
    void threeHundredOpenWatchesLeaveTheApiAnswering() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"many-watches\"}}");
        String svc = "/api/v1/namespaces/many-watches/services";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<java.io.InputStream>>> watches = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            watches.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api.base() + svc + "?watch=true&timeoutSeconds=300"))
                    .build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
        try {
            for (CompletableFuture<HttpResponse<java.io.InputStream>> w : watches) {
                open.add(w.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(open).allMatch(r -> r.statusCode() == 200);
            // More watches than Tomcat has request threads, and the API still answers reads and writes.
            assertThat(api.get("/api/v1/namespaces/default/services").code()).isEqualTo(200);
            assertThat(api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"seen\"},"
                    + "\"spec\":{\"ports\":[{\"port\":80}]}}").code()).isEqualTo(201);
            for (HttpResponse<java.io.InputStream> w : List.of(open.get(0), open.get(299))) {
                String first = new java.io.BufferedReader(new java.io.InputStreamReader(w.body())).readLine();
                assertThat(Json.str(Json.parse(first), "object", "metadata", "name")).isEqualTo("seen");
            }
        } finally {
            for (HttpResponse<java.io.InputStream> w : open) {
                w.body().close();
            }
        }
    }

    @Test
    void getsAndListsWithAResourceVersionAreServedAsTheWatchCacheServesThem() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response created = api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"rv-reads\"},"
                        + "\"data\":{\"a\":\"1\"}}");
        assertThat(created.code()).isEqualTo(201);
        String rv = created.str("metadata", "resourceVersion");
        // A version: not older than it (waits for the cache); "0": the cache as it stands, which may not show a write
        // just made (Kubernetes' "any"), so it is read after the cache has been seen to hold it.
        assertThat(api.get("/api/v1/namespaces/default/configmaps/rv-reads?resourceVersion=" + rv)
                .str("metadata", "resourceVersion")).isEqualTo(rv);
        assertThat(api.get("/api/v1/namespaces/default/configmaps/rv-reads?resourceVersion=0")
                .str("metadata", "resourceVersion")).isEqualTo(rv);
        ApiClient.Response list = api.get("/api/v1/namespaces/default/configmaps?resourceVersion=0");
        assertThat(list.code()).isEqualTo(200);
        assertThat(Long.parseLong(list.str("metadata", "resourceVersion"))).isGreaterThanOrEqualTo(Long.parseLong(rv));
        ApiClient.Response tooNew = api.get("/api/v1/namespaces/default/configmaps/rv-reads?resourceVersion=999999999");
        assertThat(tooNew.code()).isEqualTo(504);
        assertThat(tooNew.str("message")).startsWith("Timeout: Too large resource version: 999999999, current: ");
        assertThat(api.get("/api/v1/namespaces/default/configmaps/missing?resourceVersion=0").code()).isEqualTo(404);
    }

    @Test
    void aVersionTheServerHasNotReachedIsATimeoutAfterAShortWait() {
        ApiClient api = new ApiClient(port);
        ApiClient.Response r = api.get("/api/v1/namespaces/default/services?resourceVersion=999999999");
        assertThat(r.code()).isEqualTo(504);
        assertThat(r.str("reason")).isEqualTo("Timeout");
        assertThat(r.str("message")).startsWith("Timeout: Too large resource version: 999999999, current: ");
        assertThat(r.json().get("details").get("causes").get(0).get("reason").asString()).isEqualTo("ResourceVersionTooLarge");
        String now = api.get("/api/v1/namespaces/default/services").str("metadata", "resourceVersion");
        assertThat(api.get("/api/v1/namespaces/default/services?resourceVersion=" + now).code()).isEqualTo(200);
    }

    /**
     * A client that reads a watch's first event and hangs up leaves a watch that the server closes later, when it next
     * writes to it; that late close must never touch a response the container has since given to another request.
     * Before the fix, about one watch in forty, opened just after another client hung up, ended at once with an
     * empty body. Each watch here is on its own connection, as a client that closes its connection has it.
     */
    @Test
    void aWatchOpenedAsAnotherClientHangsUpGetsItsEvents() throws Exception {
        ApiClient api = new ApiClient(port);
        String ns = "watch-hangup";
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        for (int i = 0; i < 80; i++) {
            String name = "p-" + i;
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write(("GET /api/v1/namespaces/" + ns + "/pods?watch=true&timeoutSeconds=20"
                        + "&fieldSelector=metadata.name%3D" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
                String line = in.readLine();
                assertThat(line).startsWith("HTTP/1.1 200");
                while (!(line = in.readLine()).isEmpty()) {
                    // Headers.
                }
                assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", """
                        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                         "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".formatted(name)).code())
                        .isEqualTo(201);
                boolean added = false;
                while (!added && (line = in.readLine()) != null) {
                    added = line.contains("\"type\":\"ADDED\"");
                }
                assertThat(added).as("watch %d received its pod's ADDED event", i).isTrue();
            }
        }
    }
}
