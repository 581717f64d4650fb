package dev.ordinal.api.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.ordinal.OrdinalApplication;
import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Request bodies must arrive within the request timeout, and requests beyond the in-flight limits get 429 with
 * Retry-After, on a service started with the limits lowered (one read, one write, a two-second request timeout).
 */
class RequestLimitsIT {
    private static ConfigurableApplicationContext app;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        app = new SpringApplicationBuilder(OrdinalApplication.class).run(
                "--server.port=0",
                "--ordinal.embedded-postgres.data-dir=" + Files.createTempDirectory("ordinal-limits").resolve("pg"),
                "--ordinal.embedded-postgres.durable=false",
                "--ordinal.controllers.enabled=false",
                "--ordinal.api.request-timeout-seconds=2",
                "--ordinal.api.max-requests-inflight=1",
                "--ordinal.api.max-mutating-requests-inflight=1");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBodyWhoseSecondHalfComesLaterIsReadWhole() throws Exception {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"halves\"},"
                + "\"data\":{\"k\":\"" + "v".repeat(3000) + "\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            Thread.sleep(300);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            assertThat(readUntilClosed(s.getInputStream())).startsWith("HTTP/1.1 201");
        }
        assertThat(new ApiClient(port).get("/api/v1/namespaces/default/configmaps/halves").json()
                .path("data").path("k").asString()).hasSize(3000);
    }

    @Test
    void aBodyThatTricklesInIsCutOffWhileOtherWritesGoOn() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /api/v1/namespaces/default/services HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 400; i++) {
                        Thread.sleep(250);
                        out.write(' ');
                        out.flush();
                    }
                } catch (Exception closed) {
                    // The server cut the connection.
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            // The slow body holds neither a thread nor the one write slot.
            ApiClient api = new ApiClient(port);
            assertThat(api.post("/api/v1/namespaces/default/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                    + "\"metadata\":{\"name\":\"fast\"},\"spec\":{\"ports\":[{\"port\":80}]}}").code()).isEqualTo(201);
            // The one write slot was given back: another write gets through.
            assertThat(api.post("/api/v1/namespaces/default/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                    + "\"metadata\":{\"name\":\"fast2\"},\"spec\":{\"ports\":[{\"port\":80}]}}").code()).isEqualTo(201);
            String answer = readUntilClosed(slow.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 504");
            assertThat(answer).contains("Timeout: request did not complete within the allotted timeout");
            assertThat(answer).containsIgnoringCase("connection: close");
        }
    }

    @Test
    void aReadBeyondTheLimitIsTooManyRequestsAndWatchesDoNotCount() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        List<CompletableFuture<HttpResponse<InputStream>>> watches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            watches.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/namespaces/default/services?watch=true&timeoutSeconds=60")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        for (CompletableFuture<HttpResponse<InputStream>> w : watches) {
            assertThat(w.get().statusCode()).isEqualTo(200);
        }
        assertThat(new ApiClient(port).get("/api/v1/namespaces/default/services").code()).isEqualTo(200);
        HttpResponse<String> refused = null;
        for (int attempt = 0; attempt < 20 && refused == null; attempt++) {
            // A list from a version the server has not reached holds the one read slot for three seconds.
            CompletableFuture<HttpResponse<String>> holder = http.sendAsync(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/namespaces/default/services?resourceVersion=999999999")).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (int i = 0; i < 50 && refused == null && !holder.isDone(); i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/v1/namespaces/default/pods")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 429) {
                    refused = r;
                }
                Thread.sleep(20);
            }
            holder.get();
        }
        assertThat(refused).isNotNull();
        // Places are given back however a request ended: reads get through again, one after another.
        // (A client may see an answer a moment before the server has given its place back.)
        for (int i = 0; i < 3; i++) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                    new ApiClient(port).get("/api/v1/namespaces/default/services").code() == 200);
        }
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        JsonNode status = Json.parse(refused.body());
        assertThat(Json.str(status, "kind")).isEqualTo("Status");
        assertThat(Json.str(status, "reason")).isEqualTo("TooManyRequests");
        assertThat(Json.str(status, "message")).isEqualTo("Too many requests, please try again later.");
        assertThat(status.get("details").get("retryAfterSeconds").asInt()).isEqualTo(1);
        assertThat(status.get("code").asInt()).isEqualTo(429);
        for (CompletableFuture<HttpResponse<InputStream>> w : watches) {
            w.get().body().close();
        }
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
