package dev.ordinal.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import javax.sql.DataSource;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Figures for BENCHMARKS.md: API throughput and latency, StatefulSet start and scale-in times, event-driven latency
 * and memory, measured over real HTTP against the whole service on the embedded PostgreSQL with zero simulated delays.
 * It prints; it never asserts on timing. Run with {@code ./mvnw -Pbench verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; a plain {@code ./mvnw verify} does not run it.
 *
 * <p>The embedded PostgreSQL is used on purpose even where Docker runs, so figures are comparable between machines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ordinal.embedded-postgres.data-dir=target/bench-postgres-${random.uuid}",
        "ordinal.simulation.start-seconds=0",
        "ordinal.simulation.ready-seconds=0",
        "ordinal.simulation.termination-grace-seconds=0",
        "ordinal.controllers.resync-seconds=30",
        "logging.level.dev.ordinal=WARN",
        "logging.level.root=WARN"})
class ControlPlaneBench {
    private static final int CLIENTS = 8;
    private static final String SEED_STATEFULSET = "src/test/resources/manifests/seed-statefulset.yaml";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> report = new ArrayList<>();

    @Test
    void run() throws Exception {
        line("Ordinal control-plane benchmark (zero simulated delays, embedded PostgreSQL)");
        line("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " cpus, max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
        line("database: " + databaseVersion());

        apiThroughput();
        statefulSets();
        eventDrivenLatency();
        memory();

        System.out.println();
        System.out.println("==================== ORDINAL BENCHMARK ====================");
        report.forEach(System.out::println);
        System.out.println("===========================================================");
    }

    // ---------------------------------------------------------------- (a) API throughput

    private void apiThroughput() throws Exception {
        namespace("bench-api");
        namespace("bench-list");
        String services = "/api/v1/namespaces/bench-api/services";
        // Warm-up: JIT, connection pools, Hibernate caches; not measured.
        timedBatch(300, CLIENTS, i -> post(services, service("warm-" + i)));
        timedBatch(300, CLIENTS, i -> get(services + "/warm-" + i));

        int n = 2000;
        report("create service (POST, " + CLIENTS + " clients)",
                timedBatch(n, CLIENTS, i -> post(services, service("svc-" + i))));
        report("get service (GET, " + CLIENTS + " clients)",
                timedBatch(n, CLIENTS, i -> get(services + "/svc-" + (i % n))));
        report("create service (POST, 1 client)",
                timedBatch(300, 1, i -> post(services, service("seq-" + i))));
        report("get service (GET, 1 client)",
                timedBatch(1000, 1, i -> get(services + "/svc-" + i)));

        String small = "/api/v1/namespaces/bench-list/services";
        for (int i = 0; i < 100; i++) {
            post(small, service("l-" + i));
        }
        report("list 100 services (GET, " + CLIENTS + " clients)", timedBatch(500, CLIENTS, i -> get(small)));
        report("list 100 services by label (GET, " + CLIENTS + " clients)",
                timedBatch(500, CLIENTS, i -> get(small + "?labelSelector=tier%3Dweb")));
        report("list " + (n + 600) + " services (GET, 1 client)", timedBatch(20, 1, i -> get(services)));
    }

    private static String service(String name) {
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","labels":{"tier":"web"}},
                 "spec":{"selector":{"app":"web"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}
                """.formatted(name);
    }

    /** Runs {@code n} requests over {@code clients} threads; each returns its HTTP status; a non-2xx one fails the run. */
    private Batch timedBatch(int n, int clients, IntFunction<Integer> request) throws Exception {
        long[] nanos = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    int code = request.apply(i);
                    nanos[i] = System.nanoTime() - t0;
                    if (code / 100 != 2) {
                        throw new IllegalStateException("request " + i + " answered " + code);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        Arrays.sort(nanos);
        return new Batch(n, elapsed, nanos);
    }

    private record Batch(int n, long elapsedNanos, long[] sortedNanos) {
        double perSecond() {
            return n / (elapsedNanos / 1e9);
        }

        double percentileMs(double p) {
            int idx = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(idx, sortedNanos.length - 1))] / 1e6;
        }
    }

    private void report(String what, Batch b) {
        line(String.format(Locale.ROOT, "%-44s %6d req  %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms",
                what, b.n(), b.perSecond(), b.percentileMs(50), b.percentileMs(99), b.percentileMs(100)));
    }

    // ---------------------------------------------------------------- (b, c) StatefulSets

    private void statefulSets() throws Exception {
        String seed = Files.readString(Path.of(SEED_STATEFULSET));

        namespace("bench-sts3");
        double ordered3 = createAndAwaitReady("bench-sts3", seed, 3);
        line(String.format(Locale.ROOT, "article StatefulSet (OrderedReady, 3) POST -> all Running+Ready: %8.0f ms",
                ordered3));

        namespace("bench-par50");
        String parallel50 = seed.replace("replicas: 3", "replicas: 50")
                .replace(" serviceName:", " podManagementPolicy: Parallel\n serviceName:");
        double par50 = createAndAwaitReady("bench-par50", parallel50, 50);
        line(String.format(Locale.ROOT, "Parallel StatefulSet, 50 replicas     POST -> all Running+Ready: %8.0f ms",
                par50));

        namespace("bench-ord20");
        String ordered20 = seed.replace("replicas: 3", "replicas: 20");
        double ord20 = createAndAwaitReady("bench-ord20", ordered20, 20);
        line(String.format(Locale.ROOT, "OrderedReady StatefulSet, 20 replicas POST -> all Running+Ready: %8.0f ms"
                + "  (%.0f ms per pod)", ord20, ord20 / 20));

        long t0 = System.nanoTime();
        int code = send("PATCH", "/apis/apps/v1/namespaces/bench-ord20/statefulsets/nginx/scale",
                "{\"spec\":{\"replicas\":0}}", "application/merge-patch+json").statusCode();
        check(code, "scale to 0");
        awaitPods("bench-ord20", List::isEmpty);
        double down = (System.nanoTime() - t0) / 1e6;
        line(String.format(Locale.ROOT, "OrderedReady StatefulSet, scale 20 -> 0 PATCH -> no pods left:  %8.0f ms"
                + "  (%.0f ms per pod)", down, down / 20));
    }

    /** POSTs a StatefulSet and polls its pods every 10 ms; answers milliseconds until {@code n} are Running+Ready. */
    private double createAndAwaitReady(String ns, String manifest, int n) throws Exception {
        long t0 = System.nanoTime();
        check(send("POST", "/apis/apps/v1/namespaces/" + ns + "/statefulsets", manifest, "application/yaml")
                .statusCode(), "create StatefulSet");
        awaitPods(ns, pods -> pods.size() == n && pods.stream().allMatch(ControlPlaneBench::runningAndReady));
        return (System.nanoTime() - t0) / 1e6;
    }

    private void awaitPods(String ns, Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send("GET", "/api/v1/namespaces/" + ns + "/pods", null, null);
            if (r.statusCode() == 200 && done.test(Json.list(Json.MAPPER.readTree(r.body()), "items"))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("pods in " + ns + " did not reach the expected state in 5 minutes");
    }

    private static boolean runningAndReady(JsonNode pod) {
        return "Running".equals(Json.str(pod, "status", "phase")) && Json.list(pod, "status", "conditions").stream()
                .anyMatch(c -> "Ready".equals(Json.str(c, "type")) && "True".equals(Json.str(c, "status")));
    }

    // ---------------------------------------------------------------- (d) event-driven latency

    private void eventDrivenLatency() throws Exception {
        namespace("bench-latency");
        String pods = "/api/v1/namespaces/bench-latency/pods";
        int rounds = 30;
        long[] firstChange = new long[rounds];
        long[] ready = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            String name = "lat-" + i;
            long t0 = System.nanoTime();
            HttpResponse<String> created = send("POST", pods, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}
                    """.formatted(name), "application/json");
            check(created.statusCode(), "create pod");
            String rv = Json.str(Json.MAPPER.readTree(created.body()), "metadata", "resourceVersion");
            firstChange[i] = -1;
            long deadline = t0 + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode pod = Json.MAPPER.readTree(send("GET", pods + "/" + name, null, null).body());
                long now = System.nanoTime();
                if (firstChange[i] < 0 && !rv.equals(Json.str(pod, "metadata", "resourceVersion"))) {
                    firstChange[i] = now - t0;
                }
                if (runningAndReady(pod)) {
                    ready[i] = now - t0;
                    break;
                }
                Thread.sleep(2);
            }
        }
        Arrays.sort(firstChange);
        Arrays.sort(ready);
        Batch change = new Batch(rounds, 0, firstChange);
        Batch readyB = new Batch(rounds, 0, ready);
        line(String.format(Locale.ROOT, "bare pod POST -> first change by a controller (%d pods): p50 %6.1f ms  "
                + "max %6.1f ms", rounds, change.percentileMs(50), change.percentileMs(100)));
        line(String.format(Locale.ROOT, "bare pod POST -> Running+Ready            (%d pods): p50 %6.1f ms  "
                + "max %6.1f ms", rounds, readyB.percentileMs(50), readyB.percentileMs(100)));
    }

    // ---------------------------------------------------------------- (e) memory

    private void memory() throws IOException {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        line(String.format(Locale.ROOT, "heap used after System.gc(): %d MiB (committed %d MiB, max %d MiB)",
                used >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20));
        line("JVM process (service + test client) " + procStatus("self", "VmRSS") + ", peak " + procStatus("self", "VmHWM"));
        // The postmaster is the parent of this connection's backend; its children are the other backends and workers.
        Optional<ProcessHandle> postmaster = backendPid().flatMap(ProcessHandle::of).flatMap(ProcessHandle::parent);
        if (postmaster.isPresent()) {
            List<ProcessHandle> all = new ArrayList<>();
            all.add(postmaster.get());
            postmaster.get().children().forEach(all::add);
            long pgKib = all.stream().mapToLong(p -> kib(procStatus(Long.toString(p.pid()), "VmRSS"))).sum();
            line("embedded PostgreSQL: " + all.size() + " processes, summed VmRSS " + (pgKib >> 10)
                    + " MiB (shared buffers counted once per process that touched them), postmaster "
                    + procStatus(Long.toString(postmaster.get().pid()), "VmRSS"));
        } else {
            line("embedded PostgreSQL: processes not found");
        }
    }

    private Optional<Long> backendPid() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return Optional.of(rs.getLong(1));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String procStatus(String pid, String key) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).trim())
                    .findFirst().orElse("n/a");
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static long kib(String value) {
        try {
            return Long.parseLong(value.replace("kB", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void namespace(String name) throws Exception {
        check(post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}"),
                "create namespace " + name);
    }

    private int post(String path, String json) {
        return send("POST", path, json, "application/json").statusCode();
    }

    private int get(String path) {
        return send("GET", path, null, null).statusCode();
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(int code, String what) {
        if (code / 100 != 2) {
            throw new IllegalStateException(what + " answered HTTP " + code);
        }
    }

    private String databaseVersion() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version()")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private void line(String s) {
        report.add(s);
        System.out.println("[bench] " + s);
    }
}
