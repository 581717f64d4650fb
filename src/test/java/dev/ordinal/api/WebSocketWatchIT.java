package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Watches over WebSocket, as WebSocket-first clients open them: one message per event, closed at the timeout. */
@IntegrationTest
class WebSocketWatchIT {
    @LocalServerPort
    int port;

    /** Collects text messages (each one whole event) and the close code. */
    static final class Collector implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    @Test
    void eachEventIsOneMessageFromTheVersionGivenAndTheWatchClosesNormallyAtItsTimeout() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ws-watch\"}}");
        String cms = "/api/v1/namespaces/ws-watch/configmaps";
        api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"before\"}}");
        String rv = api.get(cms).str("metadata", "resourceVersion");
        Collector collector = new Collector();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + cms + "?watch=true&timeoutSeconds=2&resourceVersion="
                        + rv), collector).get(5, TimeUnit.SECONDS);
        api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"k\":\"v\"}}");
        api.delete(cms + "/a");
        assertThat(collector.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        List<JsonNode> events = collector.messages.stream().map(m -> (JsonNode) Json.parse(m)).toList();
        assertThat(events).extracting(e -> Json.str(e, "type")).containsExactly("ADDED", "DELETED");
        assertThat(events).extracting(e -> Json.str(e, "object", "metadata", "name")).containsOnly("a");
        assertThat(ws.isInputClosed()).isTrue();
    }

    @Test
    void aWatchWithoutAVersionStartsWithTheCurrentObjects() throws Exception {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ws-list\"}}");
        String cms = "/api/v1/namespaces/ws-list/configmaps";
        api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"one\",\"labels\":{\"x\":\"1\"}}}");
        api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"two\"}}");
        Collector collector = new Collector();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + cms
                + "?watch=true&timeoutSeconds=1&labelSelector=x%3D1"), collector).get(5, TimeUnit.SECONDS);
        assertThat(collector.closed.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        assertThat(collector.messages).singleElement().satisfies(m -> {
            assertThat(Json.str(Json.parse(m), "type")).isEqualTo("ADDED");
            assertThat(Json.str(Json.parse(m), "object", "metadata", "name")).isEqualTo("one");
        });
    }
}
