package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;

/** Helpers for end-to-end tests of the simulated cluster (pods, claims, volumes), over the real HTTP API. */
public final class SimCluster {
    private final ApiClient api;

    public SimCluster(ApiClient api) {
        this.api = api;
    }

    public ApiClient api() {
        return api;
    }

    /** Awaitility with a generous ceiling for a shared, busy machine; it returns as soon as the condition holds. */
    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }

    /** A short random suffix for cluster-scoped names (volumes, classes) that tests share. */
    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a namespace with a unique name starting with {@code prefix} and returns its name. */
    public String namespace(String prefix) {
        String ns = prefix + "-" + suffix();
        create("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        return ns;
    }

    /** POSTs {@code body} and asserts 201 Created; returns the created object. */
    public JsonNode create(String path, String body) {
        ApiClient.Response r = api.post(path, body);
        assertThat(r.code()).as("POST %s: %s", path, r.text()).isEqualTo(201);
        return r.json();
    }

    public JsonNode get(String path) {
        ApiClient.Response r = api.get(path);
        assertThat(r.code()).as("GET %s: %s", path, r.text()).isEqualTo(200);
        return r.json();
    }

    /** The object, or empty when the API answers 404. */
    public Optional<JsonNode> find(String path) {
        ApiClient.Response r = api.get(path);
        if (r.code() == 404) {
            return Optional.empty();
        }
        assertThat(r.code()).as("GET %s: %s", path, r.text()).isEqualTo(200);
        return Optional.of(r.json());
    }

    public static String podPath(String ns, String name) {
        return "/api/v1/namespaces/" + ns + "/pods/" + name;
    }

    public static String claimPath(String ns, String name) {
        return "/api/v1/namespaces/" + ns + "/persistentvolumeclaims/" + name;
    }

    public static String volumePath(String name) {
        return "/api/v1/persistentvolumes/" + name;
    }

    public JsonNode pod(String ns, String name) {
        return get(podPath(ns, name));
    }

    public JsonNode claim(String ns, String name) {
        return get(claimPath(ns, name));
    }

    public List<JsonNode> pods(String ns) {
        return Json.list(get("/api/v1/namespaces/" + ns + "/pods"), "items");
    }

    /** Creates a claim of {@code size} with the access modes (JSON strings) and class (null: the default class). */
    public JsonNode createClaim(String ns, String name, String accessModes, String size, String storageClass) {
        String cls = storageClass == null ? "" : ",\"storageClassName\":\"" + storageClass + "\"";
        return create("/api/v1/namespaces/" + ns + "/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"%s"},
                 "spec":{"accessModes":[%s],"resources":{"requests":{"storage":"%s"}}%s}}
                """.formatted(name, accessModes, size, cls));
    }

    /**
     * Creates a pod with one nginx container; {@code claim} (or null) is mounted as volume "data"; {@code node} (or
     * null) pins it with the nodeSelector {@code kubernetes.io/hostname}; {@code annotations} is a JSON object body.
     */
    public JsonNode createPod(String ns, String name, String claim, String node, String annotations) {
        String volumes = claim == null ? "" : """
                ,"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"%s"}}]""".formatted(claim);
        String mounts = claim == null ? "" : ",\"volumeMounts\":[{\"name\":\"data\",\"mountPath\":\"/data\"}]";
        String selector = node == null ? "" : ",\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + node + "\"}";
        String meta = annotations == null ? "" : ",\"annotations\":" + annotations;
        return create("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"%s},
                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"%s}]%s%s}}
                """.formatted(name, meta, mounts, volumes, selector));
    }

    public JsonNode awaitPod(String ns, String name, java.util.function.Predicate<JsonNode> condition) {
        return eventually().until(() -> pod(ns, name), condition);
    }

    /** Events about the object named {@code name} in {@code ns}. */
    public List<JsonNode> eventsAbout(String ns, String name) {
        api.awaitEventsStored();
        return Json.list(get("/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name%3D" + name), "items");
    }

    /** The messages of the events with {@code reason} about the object named {@code name}. */
    public List<String> eventMessages(String ns, String name, String reason) {
        return eventsAbout(ns, name).stream().filter(e -> reason.equals(Json.str(e, "reason")))
                .map(e -> Json.str(e, "message")).toList();
    }

    /** Waits for an event with {@code reason} about the object and returns it. */
    public JsonNode awaitEvent(String ns, String name, String reason) {
        return eventually().until(() -> eventsAbout(ns, name).stream()
                .filter(e -> reason.equals(Json.str(e, "reason"))).findFirst(), Optional::isPresent).orElseThrow();
    }

    public static boolean isRunningAndReady(JsonNode pod) {
        return Pods.isRunningAndReady(pod);
    }

    /** Pending with a container waiting for reason ContainerCreating, as kubectl shows "ContainerCreating". */
    public static boolean isContainerCreating(JsonNode pod) {
        return "Pending".equals(Json.str(pod, "status", "phase")) && Json.list(pod, "status", "containerStatuses")
                .stream().anyMatch(cs -> "ContainerCreating".equals(Json.str(cs, "state", "waiting", "reason")));
    }

    /** A watch over a namespace's pods that records every event it receives, on a background thread. */
    public static final class PodWatch implements AutoCloseable {
        public final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile java.io.InputStream in;

        PodWatch(String base, String ns, String fromVersion) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/namespaces/" + ns
                    + "/pods?watch=true&timeoutSeconds=60&resourceVersion=" + fromVersion)).GET().build();
            reader = new Thread(() -> {
                try {
                    HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(request,
                            HttpResponse.BodyHandlers.ofInputStream());
                    in = r.body();
                    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    String line;
                    while ((line = lines.readLine()) != null) {
                        if (!line.isBlank()) {
                            events.add(Json.parse(line));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // Closed by the test, or the stream ended.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pod-watch-" + ns);
            reader.setDaemon(true);
            reader.start();
        }

        /** The pod objects the watch has delivered so far, in order. */
        public List<JsonNode> objects() {
            return events.stream().map(e -> e.get("object")).toList();
        }

        /** Stops reading: closes the response stream itself (closing the reader would wait for its blocked read). */
        @Override
        public void close() throws IOException {
            java.io.InputStream stream = in;
            if (stream != null) {
                stream.close();
            }
            reader.interrupt();
        }
    }

    /** Watches the namespace's pods from the current list version, so no later change is missed. */
    public PodWatch watchPods(String ns) {
        String rv = Json.str(get("/api/v1/namespaces/" + ns + "/pods"), "metadata", "resourceVersion");
        return new PodWatch(api.base(), ns, rv);
    }
}
