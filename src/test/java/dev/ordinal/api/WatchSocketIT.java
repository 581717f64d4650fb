package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ChangeLogTrim;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Watches upgraded to a WebSocket on their own path: the same events, one per message, and 410 as an ERROR. */
@IntegrationTest
class WatchSocketIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    dev.ordinal.store.ChangeFeed feed;

    /** Collects a WebSocket's messages; "CLOSED" is queued when the server closes it. */
    private static final class Messages implements WebSocket.Listener {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            queue.add("CLOSED");
            return CompletableFuture.completedFuture(null);
        }

        JsonNode next() throws InterruptedException {
            String m = queue.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull().isNotEqualTo("CLOSED");
            return Json.parse(m);
        }
    }

    private WebSocket open(String pathAndQuery, Messages messages) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), messages).join();
    }

    /** A namespace of the test's own, and the path of its services. */
    private String services(ApiClient api, String namespace) {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}");
        return "/api/v1/namespaces/" + namespace + "/services";
    }

    private static String service(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"ports\":[{\"port\":80}]}}";
    }

    @Test
    void aWebSocketWatchSendsTheCurrentStateThenEachChangeAsOneMessage() throws Exception {
        ApiClient api = new ApiClient(port);
        String services = services(api, "watch-ws-state");
        api.post(services, service("before"));
        Messages messages = new Messages();
        WebSocket ws = open(services + "?watch=true", messages);
        JsonNode first = messages.next();
        assertThat(Json.str(first, "type")).isEqualTo("ADDED");
        assertThat(Json.str(first, "object", "metadata", "name")).isEqualTo("before");

        api.post(services, service("after"));
        api.delete(services + "/after");
        JsonNode added = messages.next();
        JsonNode deleted = messages.next();
        assertThat(Json.str(added, "type")).isEqualTo("ADDED");
        assertThat(Json.str(added, "object", "metadata", "name")).isEqualTo("after");
        assertThat(Json.str(deleted, "type")).isEqualTo("DELETED");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void aWebSocketWatchResumesFromAVersion() throws Exception {
        ApiClient api = new ApiClient(port);
        String services = services(api, "watch-ws-resume");
        String rv = api.post(services, service("resume-1")).str("metadata", "resourceVersion");
        api.post(services, service("resume-2"));
        Messages resumed = new Messages();
        open(services + "?watch=true&resourceVersion=" + rv, resumed);
        JsonNode next = resumed.next();
        assertThat(Json.str(next, "type")).isEqualTo("ADDED");
        assertThat(Json.str(next, "object", "metadata", "name")).isEqualTo("resume-2");
    }

    @Test
    void aWebSocketWatchEndsWithA410ErrorWhenTheServerHadToListAgain() throws Exception {
        ApiClient api = new ApiClient(port);
        String services = services(api, "watch-ws-expired");
        String rv = api.get(services).str("metadata", "resourceVersion");
        Messages messages = new Messages();
        open(services + "?watch=true&resourceVersion=" + rv, messages);
        ChangeLogTrim.forceRelist(jdbc, feed);
        api.post(services, service("after-trim"));
        JsonNode error = messages.next();
        assertThat(Json.str(error, "type")).isEqualTo("ERROR");
        assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
        assertThat(messages.queue.poll(10, TimeUnit.SECONDS)).isEqualTo("CLOSED");
    }
}
