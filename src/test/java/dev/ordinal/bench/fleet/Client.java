package dev.ordinal.bench.fleet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark's HTTP client for one Ordinal instance: requests, lists, timed batches over several threads. */
final class Client {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Client(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a watch and answers once the server has sent its headers, that is once it has subscribed. */
    HttpResponse<Stream<String>> watch(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** POSTs JSON and fails the run unless the answer is 2xx (409 AlreadyExists too, when {@code exists} is true). */
    void create(String path, String json, boolean exists) {
        int code = send("POST", path, json, "application/json").statusCode();
        if (code / 100 != 2 && !(exists && code == 409)) {
            throw new IllegalStateException("POST " + path + " answered HTTP " + code);
        }
    }

    int get(String path) {
        return send("GET", path, null, null).statusCode();
    }

    /** Every item of a list, following {@code continue} tokens. */
    List<JsonNode> list(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cont = "";
        do {
            String sep = path.contains("?") ? "&" : "?";
            HttpResponse<String> r = send("GET", path + sep + "limit=5000" + cont, null, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered HTTP " + r.statusCode());
            }
            JsonNode list = JSON.readTree(r.body());
            list.path("items").forEach(items::add);
            String token = list.path("metadata").path("continue").asString("");
            cont = token.isEmpty() ? "" : "&continue=" + java.net.URLEncoder.encode(token,
                    java.nio.charset.StandardCharsets.UTF_8);
        } while (!cont.isEmpty());
        return items;
    }

    void namespace(String name) {
        create("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + name + "\"}}", true);
    }

    static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asString("")) && "True".equals(c.path("status").asString(""))) {
                return true;
            }
        }
        return false;
    }

    static boolean bound(JsonNode claim) {
        return "Bound".equals(claim.path("status").path("phase").asString(""));
    }

    /** A Parallel StatefulSet of 3 replicas with one volumeClaimTemplate, as issue 10's fleet. */
    static String statefulSet(String name) {
        return """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%1$s"},
                 "spec":{"replicas":3,"serviceName":"%1$s","podManagementPolicy":"Parallel",
                  "selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9",
                     "volumeMounts":[{"name":"www","mountPath":"/usr/share/nginx/html"}]}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"www"},
                   "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
                """.formatted(name);
    }

    static String barePod(String name) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"bulk"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}
                """.formatted(name);
    }

    /** Runs {@code n} calls over {@code threads} threads; answers each call's duration, sorted, in nanoseconds. */
    static long[] batch(int n, int threads, IntConsumer call) throws Exception {
        long[] nanos = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        call.accept(i);
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** The nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentileMs(long[] sorted, double p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(idx, sorted.length - 1))] / 1e6;
    }
}
