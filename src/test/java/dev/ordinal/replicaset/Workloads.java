package dev.ordinal.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;

/** Helpers for end-to-end tests of replica sets and garbage collection, over the real HTTP API. */
public final class Workloads {
    private final ApiClient api;

    public Workloads(ApiClient api) {
        this.api = api;
    }

    /** Awaitility with a generous ceiling for a shared, busy machine; it returns as soon as the condition holds. */
    public static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100));
    }

    /** Creates a namespace with a unique name starting with {@code prefix} and returns its name. */
    public String namespace(String prefix) {
        String ns = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        create("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        return ns;
    }

    /** POSTs {@code body} and asserts 201 Created; returns the created object. */
    public JsonNode create(String path, String body) {
        ApiClient.Response r = api.post(path, body);
        assertThat(r.code()).as("POST %s: %s", path, r.text()).isEqualTo(201);
        return r.json();
    }

    /** A ReplicaSet named {@code name} with {@code replicas}, selecting and labelling pods app={name}. */
    public JsonNode replicaSet(String ns, String name, int replicas) {
        return create("/apis/apps/v1/namespaces/" + ns + "/replicasets", """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"containers":[{"name":"nginx","image":"nginx:1.7.9"}]}}}}
                """.formatted(name, replicas, name, name));
    }

    public List<JsonNode> pods(String ns) {
        ApiClient.Response r = api.get("/api/v1/namespaces/" + ns + "/pods");
        assertThat(r.code()).isEqualTo(200);
        return Json.list(r.json(), "items");
    }

    /** Pods that are not being deleted and not Failed or Succeeded. */
    public List<JsonNode> activePods(String ns) {
        return pods(ns).stream().filter(Workloads::isActive).toList();
    }

    public List<JsonNode> podsOwnedBy(String ns, String ownerUid) {
        return pods(ns).stream().filter(p -> Json.list(p, "metadata", "ownerReferences").stream()
                .anyMatch(ref -> ownerUid.equals(Json.str(ref, "uid")))).toList();
    }

    public static boolean isActive(JsonNode pod) {
        String phase = Json.strOr(pod, "", "status", "phase");
        return !Json.isTerminating(pod) && !phase.equals("Failed") && !phase.equals("Succeeded");
    }

    public static boolean isRunningAndReady(JsonNode pod) {
        return "Running".equals(Json.str(pod, "status", "phase")) && Json.list(pod, "status", "conditions").stream()
                .anyMatch(c -> "Ready".equals(Json.str(c, "type")) && "True".equals(Json.str(c, "status")));
    }

    public static List<String> names(List<JsonNode> objects) {
        List<String> out = new ArrayList<>();
        objects.forEach(o -> out.add(Json.name(o)));
        return out;
    }

    /** Events about the object named {@code name} in {@code ns}. */
    public List<JsonNode> eventsAbout(String ns, String name) {
        api.awaitEventsStored();
        ApiClient.Response r = api.get("/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name%3D" + name);
        assertThat(r.code()).isEqualTo(200);
        return Json.list(r.json(), "items");
    }

    /** The messages of the events with {@code reason} about the object named {@code name}. */
    public List<String> eventMessages(String ns, String name, String reason) {
        return eventsAbout(ns, name).stream().filter(e -> reason.equals(Json.str(e, "reason")))
                .map(e -> Json.str(e, "message")).toList();
    }

    public int status(String path) {
        return api.get(path).code();
    }

    public JsonNode get(String path) {
        ApiClient.Response r = api.get(path);
        assertThat(r.code()).as("GET %s: %s", path, r.text()).isEqualTo(200);
        return r.json();
    }
}
