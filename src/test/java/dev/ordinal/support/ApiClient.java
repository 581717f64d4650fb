package dev.ordinal.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for end-to-end tests: real requests to the running service, JSON or YAML bodies. */
public final class ApiClient {
    private final HttpClient http;
    private final String base;
    private final String token;

    /** A response: status code, the body parsed as JSON (or null when it is not JSON), the raw text. */
    public record Response(int code, JsonNode json, String text, HttpResponse<String> raw) {
        public String str(String... path) {
            return Json.str(json, path);
        }
    }

    public ApiClient(int port) {
        this(port, null);
    }

    /** A client that sends {@code token} as its bearer token (none when null). */
    public ApiClient(int port, String token) {
        this("http://127.0.0.1:" + port, token, HttpClient.newHttpClient());
    }

    /** A client of {@code base} (e.g. an https URL, with an {@code http} client that trusts its certificate). */
    public ApiClient(String base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    public String base() {
        return base;
    }

    /**
     * Waits (up to ten seconds) until the server has stored every event recorded so far: events are written in the
     * background, as client-go's recorder writes them, so a test that reads events right after an action waits here.
     */
    public void awaitEventsStored() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Response r = get("/actuator/metrics/ordinal.events.queued");
            if (r.code() == 200 && r.json().path("measurements").path(0).path("value").asDouble(-1) == 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null, null);
    }

    public Response get(String path, String accept) {
        return send("GET", path, null, null, accept);
    }

    public Response post(String path, String body) {
        return send("POST", path, body, contentTypeOf(body), null);
    }

    public Response put(String path, String body) {
        return send("PUT", path, body, contentTypeOf(body), null);
    }

    public Response patch(String path, String contentType, String body) {
        return send("PATCH", path, body, contentType, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null, null);
    }

    public Response delete(String path, String body) {
        return send("DELETE", path, body, "application/json", null);
    }

    /** Reads a manifest from the repository's shared examples or from a path relative to the project. */
    public static String manifest(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentTypeOf(String body) {
        return body != null && body.stripLeading().startsWith("{") ? "application/json" : "application/yaml";
    }

    public Response send(String method, String path, String body, String contentType, String accept) {
        return sendBytes(method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                contentType, accept);
    }

    /** Sends raw bytes, which need not be valid UTF-8. */
    public Response sendBytes(String method, String path, byte[] body, String contentType, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = Json.MAPPER.readTree(r.body());
            } catch (RuntimeException notJson) {
                // Left null: YAML or plain text.
            }
            return new Response(r.statusCode(), json, r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
