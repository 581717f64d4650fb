package dev.ordinal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A node that stops heartbeating while it runs {@code nginx-1} of a StatefulSet and a ReplicaSet's pod: the node turns
 * NotReady and is tainted, the pods are marked not Ready and evicted; the ReplicaSet's pod is replaced elsewhere, the
 * StatefulSet's stays Terminating (never two {@code nginx-1}) until the node is tainted out-of-service, then comes back
 * on another node with the same claim and volume; recovery removes the taints. Deleting the lost Node object frees
 * nginx-1 too. Also: evictions against a budget.
 */
@IntegrationTest
class NodeFailureIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    ApiClient api;
    IsolatedNodes nodes;
    String ns;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        String id = "nf" + UUID.randomUUID().toString().substring(0, 6);
        ns = id;
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        nodes = new IsolatedNodes(api, id, 3);
    }

    @AfterEach
    void tearDown() {
        api.delete("/api/v1/namespaces/" + ns);
        nodes.remove();
    }

    private void statefulSet(int tolerationSeconds) {
        ApiClient.Response r = api.post("/apis/apps/v1/namespaces/" + ns + "/statefulsets", """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"nginx"},
                 "spec":{"replicas":3,"serviceName":"nginx","selector":{"matchLabels":{"app":"nginx"}},
                  "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{%s
                    "containers":[{"name":"nginx","image":"nginx","volumeMounts":[{"name":"www","mountPath":"/usr/share/nginx/html"}]}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"www"},"spec":{"accessModes":["ReadWriteOnce"],
                   "resources":{"requests":{"storage":"1Gi"}}}}]}}""".formatted(nodes.podSpecExtras(tolerationSeconds)));
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        await().atMost(WAIT).until(() -> Json.integer(sts(), 0, "status", "readyReplicas") == 3);
    }

    private JsonNode sts() {
        return api.get("/apis/apps/v1/namespaces/" + ns + "/statefulsets/nginx").json();
    }

    private JsonNode pod(String name) {
        return api.get("/api/v1/namespaces/" + ns + "/pods/" + name).json();
    }

    private JsonNode node(String name) {
        return api.get("/api/v1/nodes/" + name).json();
    }

    private List<JsonNode> pods(String selector) {
        return Json.list(api.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=" + selector).json(), "items");
    }

    private static String condition(JsonNode obj, String type) {
        return Json.list(obj, "status", "conditions").stream().filter(c -> type.equals(Json.str(c, "type")))
                .map(c -> Json.str(c, "status")).findFirst().orElse(null);
    }

    private static List<String> taintKeys(JsonNode node) {
        return Json.list(node, "spec", "taints").stream().map(t -> Json.str(t, "key") + ":" + Json.str(t, "effect"))
                .toList();
    }

    private List<String> events(String involvedName) {
        return Json.list(api.get("/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name%3D"
                + involvedName).json(), "items").stream().map(e -> Json.str(e, "reason") + ": " + Json.str(e, "message"))
                .toList();
    }

    @Test
    void aLostNodesStatefulPodWaitsForOutOfServiceWhileTheReplicaSetsPodIsReplaced() {
        statefulSet(0);
        JsonNode before = pod("nginx-1");
        String lost = Json.str(before, "spec", "nodeName");
        String claim = "www-nginx-1";
        String volume = Json.str(api.get("/api/v1/namespaces/" + ns + "/persistentvolumeclaims/" + claim).json(),
                "spec", "volumeName");
        // A ReplicaSet's pod pinned to the same node.
        ApiClient.Response rs = api.post("/apis/apps/v1/namespaces/" + ns + "/replicasets", """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{%s
                    "containers":[{"name":"web","image":"nginx"}]}}}}"""
                .formatted(nodes.podSpecExtras(0).replace("\"nodeSelector\":{\"nodetest\":\"" + nodes.id + "\"}",
                        "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + lost + "\"}")));
        assertThat(rs.code()).as(rs.text()).isEqualTo(201);
        await().atMost(WAIT).until(() -> pods("app%3Dweb").stream().anyMatch(p -> "True".equals(condition(p, "Ready"))));
        String webPod = Json.name(pods("app%3Dweb").get(0));

        assertThat(api.post("/apis/ordinal.dev/v1/nodes/" + lost + "/fail", "").code()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode n = node(lost);
            assertThat(condition(n, "Ready")).isEqualTo("Unknown");
            assertThat(taintKeys(n)).contains("node.kubernetes.io/unreachable:NoSchedule",
                    "node.kubernetes.io/unreachable:NoExecute");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p = pod("nginx-1");
            assertThat(Json.uid(p)).isEqualTo(Json.uid(before));
            assertThat(condition(p, "Ready")).isEqualTo("False");
            assertThat(Json.isTerminating(p)).isTrue();
        });
        assertThat(events("nginx-1")).contains("NodeNotReady: Node is not ready",
                "TaintManagerEviction: Marking for deletion Pod " + ns + "/nginx-1");
        // The ReplicaSet's pod is replaced on a node that works... (it is pinned, so the replacement waits
        // unschedulable); what matters: a new pod exists while the old one is still Terminating.
        await().atMost(WAIT).until(() -> pods("app%3Dweb").stream().anyMatch(p -> !Json.isTerminating(p)
                && !Json.name(p).equals(webPod)));
        // The StatefulSet never makes a second nginx-1: the same pod stays Terminating on the lost node.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode p = pod("nginx-1");
            assertThat(Json.uid(p)).isEqualTo(Json.uid(before));
            assertThat(Json.str(p, "spec", "nodeName")).isEqualTo(lost);
        });

        // Non-graceful node shutdown: the operator declares the node out of service.
        JsonNode n = node(lost);
        tools.jackson.databind.node.ArrayNode taints = Json.array();
        Json.list(n, "spec", "taints").forEach(t -> taints.add(t.deepCopy()));
        taints.addObject().put("key", "node.kubernetes.io/out-of-service").put("value", "nodeshutdown")
                .put("effect", "NoExecute");
        ApiClient.Response patched = api.patch("/api/v1/nodes/" + lost, "application/merge-patch+json",
                "{\"spec\":{\"taints\":" + taints + "}}");
        assertThat(patched.code()).as(patched.text()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p = pod("nginx-1");
            assertThat(Json.uid(p)).isNotEqualTo(Json.uid(before));
            assertThat(Json.str(p, "spec", "nodeName")).isNotEqualTo(lost);
            assertThat(condition(p, "Ready")).isEqualTo("True");
        });
        JsonNode after = pod("nginx-1");
        assertThat(Json.list(after, "spec", "volumes").stream()
                .map(v -> Json.str(v, "persistentVolumeClaim", "claimName"))).contains(claim);
        assertThat(Json.str(api.get("/api/v1/namespaces/" + ns + "/persistentvolumeclaims/" + claim).json(),
                "spec", "volumeName")).isEqualTo(volume);
        JsonNode newNode = node(Json.str(after, "spec", "nodeName"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Json.list(node(Json.str(after, "spec", "nodeName")),
                "status", "volumesAttached").stream().map(v -> Json.str(v, "name")).toList())
                .anyMatch(name -> name.endsWith("^" + volume)));
        assertThat(newNode).isNotNull();

        // Recovery: the taint is lifted and the kubelet comes back; the unreachable taints go.
        JsonNode current = node(lost);
        tools.jackson.databind.node.ArrayNode kept = Json.array();
        Json.list(current, "spec", "taints").stream()
                .filter(t -> !"node.kubernetes.io/out-of-service".equals(Json.str(t, "key")))
                .forEach(t -> kept.add(t.deepCopy()));
        api.patch("/api/v1/nodes/" + lost, "application/merge-patch+json", "{\"spec\":{\"taints\":" + kept + "}}");
        assertThat(api.post("/apis/ordinal.dev/v1/nodes/" + lost + "/recover", "").code()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode back = node(lost);
            assertThat(condition(back, "Ready")).isEqualTo("True");
            assertThat(taintKeys(back)).containsExactly("ordinal.dev/test:NoSchedule");
        });
        // The recovered kubelet finishes what the API asked while it was away: the evicted pod is removed.
        await().atMost(WAIT).until(() -> api.get("/api/v1/namespaces/" + ns + "/pods/" + webPod).code() == 404);
        JsonNode lease = api.get("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + lost).json();
        assertThat(Json.str(lease, "spec", "holderIdentity")).isEqualTo(lost);
    }

    @Test
    void deletingALostNodesObjectLetsItsStatefulPodComeBackElsewhere() {
        statefulSet(0);
        JsonNode before = pod("nginx-1");
        String lost = Json.str(before, "spec", "nodeName");
        assertThat(api.post("/apis/ordinal.dev/v1/nodes/" + lost + "/fail", "").code()).isEqualTo(200);
        await().atMost(WAIT).until(() -> Json.isTerminating(pod("nginx-1")));

        assertThat(api.delete("/api/v1/nodes/" + lost).code()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p = pod("nginx-1");
            assertThat(Json.uid(p)).isNotEqualTo(Json.uid(before));
            assertThat(Json.str(p, "spec", "nodeName")).isNotEqualTo(lost);
            assertThat(condition(p, "Ready")).isEqualTo("True");
        });
    }

    @Test
    void anEvictionThatWouldBreakTheBudgetIsRefusedUntilTheEvictedPodIsBackAndReady() {
        statefulSet(300);
        ApiClient.Response pdb = api.post("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets", """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"nginx"},
                 "spec":{"maxUnavailable":1,"selector":{"matchLabels":{"app":"nginx"}}}}""");
        assertThat(pdb.code()).as(pdb.text()).isEqualTo(201);
        String path = "/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets/nginx";
        await().atMost(WAIT).until(() -> Json.integer(api.get(path).json(), 0, "status", "disruptionsAllowed") == 1);
        JsonNode status = api.get(path).json().get("status");
        assertThat(Json.integer(status, 0, "expectedPods")).isEqualTo(3);
        assertThat(Json.integer(status, 0, "desiredHealthy")).isEqualTo(2);
        assertThat(Json.integer(status, 0, "currentHealthy")).isEqualTo(3);

        String drained = Json.str(pod("nginx-1"), "spec", "nodeName");
        // Every node cordoned for now: the replacement nginx-1 stays Pending, so the budget's arithmetic when the
        // second eviction arrives does not depend on how fast the controllers bring it back.
        for (String n : nodes.names) {
            api.patch("/api/v1/nodes/" + n, "application/merge-patch+json", "{\"spec\":{\"unschedulable\":true}}");
        }
        String uid = Json.uid(pod("nginx-1"));
        ApiClient.Response first = evict("nginx-1");
        assertThat(first.code()).as(first.text()).isEqualTo(201);
        // The refusal quotes the budget's stored status, as Kubernetes' eviction does; wait for the budget
        // controller to count the evicted pod out so the message does not depend on which came first.
        await().atMost(WAIT).until(() -> Json.integer(api.get(path).json(), 0, "status", "currentHealthy") == 2);

        ApiClient.Response refused = evict("nginx-0");
        assertThat(refused.code()).as(refused.text()).isEqualTo(429);
        assertThat(refused.str("reason")).isEqualTo("TooManyRequests");
        assertThat(refused.str("message")).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(refused.json().at("/details/causes/0/reason").asString()).isEqualTo("DisruptionBudget");
        assertThat(refused.json().at("/details/causes/0/message").asString())
                .isEqualTo("The disruption budget nginx needs 2 healthy pods and has 2 currently");
        for (String n : nodes.names) {
            if (!n.equals(drained)) {
                api.patch("/api/v1/nodes/" + n, "application/merge-patch+json", "{\"spec\":{\"unschedulable\":false}}");
            }
        }

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p = pod("nginx-1");
            assertThat(Json.uid(p)).isNotEqualTo(uid);
            assertThat(Json.str(p, "spec", "nodeName")).isNotEqualTo(drained);
            assertThat(condition(p, "Ready")).isEqualTo("True");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(evict("nginx-0").code()).isEqualTo(201));
        assertThat(taintKeys(node(drained))).contains("node.kubernetes.io/unschedulable:NoSchedule");
    }

    private ApiClient.Response evict(String pod) {
        return api.post("/api/v1/namespaces/" + ns + "/pods/" + pod + "/eviction", """
                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"%s","namespace":"%s"}}"""
                .formatted(pod, ns));
    }
}
