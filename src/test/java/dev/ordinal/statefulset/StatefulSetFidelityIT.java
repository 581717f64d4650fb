package dev.ordinal.statefulset;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Divergences from Kubernetes' own StatefulSet e2e tests, end to end: a pod whose labels stop matching is released
 * rather than replaced, and a set scaled to 2147483647 neither exhausts memory nor stops other sets reconciling.
 */
class StatefulSetFidelityIT extends ApiIntegrationTest {
    private static final String MERGE = "application/merge-patch+json";

    private static String sts(String ns) {
        return "/apis/apps/v1/namespaces/" + ns + "/statefulsets";
    }

    private JsonNode createSet(String ns, String name, int replicas, String podAnnotations) {
        String annotations = podAnnotations == null ? "" : ",\"annotations\":" + podAnnotations;
        return w.create(sts(ns), """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"serviceName":"%s","selector":{"matchLabels":{"foo":"%s"}},
                  "template":{"metadata":{"labels":{"foo":"%s"}%s},
                   "spec":{"containers":[{"name":"webserver","image":"nginx:1.27"}]}}}}
                """.formatted(name, replicas, name, name, name, annotations));
    }

    @Test
    void aPodWhoseLabelsStopMatchingIsReleasedAndKept() {
        String ns = w.namespace("sts-release");
        JsonNode set = createSet(ns, "ss", 1, null);
        String pod = "/api/v1/namespaces/" + ns + "/pods/ss-0";
        JsonNode before = eventually().until(() -> api.get(pod),
                r -> r.code() == 200 && Workloads.isRunningAndReady(r.json())).json();

        assertThat(api.patch(pod, MERGE, "{\"metadata\":{\"labels\":null}}").code()).isEqualTo(200);

        JsonNode released = eventually().until(() -> w.get(pod), p -> !p.path("metadata").has("ownerReferences"));
        assertThat(Json.uid(released)).isEqualTo(Json.uid(before));
        assertThat(Json.isTerminating(released)).isFalse();
        assertThat(w.eventMessages(ns, "ss", "SuccessfulDelete")).isEmpty();
        JsonNode status = eventually().until(() -> w.get(sts(ns) + "/ss"),
                s -> Json.integer(s, -1, "status", "replicas") == 0);
        assertThat(Json.uid(status)).isEqualTo(Json.uid(set));

        assertThat(api.patch(pod, MERGE, "{\"metadata\":{\"labels\":{\"foo\":\"ss\"}}}").code()).isEqualTo(200);
        // Adopted again; its revision label is gone, so the set may then replace it as an outdated revision (as
        // Kubernetes' rolling update does): ss-0 can be missing for a moment, and either pod is the set's.
        JsonNode adopted = eventually().until(() -> api.get(pod),
                r -> r.code() == 200 && r.json().path("metadata").has("ownerReferences")).json();
        assertThat(Json.str(Json.controllerRef(adopted), "uid")).isEqualTo(Json.uid(set));
    }

    @Test
    void aSetScaledToTheLargestCountDoesNotStopOtherSets() {
        String ns = w.namespace("sts-huge");
        createSet(ns, "huge", 1, "{\"sim.ordinal.dev/never-ready\":\"true\"}");
        eventually().until(() -> w.pods(ns).size() == 1);

        ApiClient.Response scaled = api.patch(sts(ns) + "/huge/scale", MERGE,
                "{\"spec\":{\"replicas\":2147483647}}");
        assertThat(scaled.code()).as(scaled.text()).isEqualTo(200);
        eventually().until(() -> Json.integer(w.get(sts(ns) + "/huge"), -1, "status", "observedGeneration") == 2);

        createSet(ns, "other", 2, null);
        List<JsonNode> others = eventually().until(() -> w.pods(ns).stream()
                        .filter(p -> Json.name(p).startsWith("other-")).toList(),
                ps -> ps.size() == 2 && ps.stream().allMatch(Workloads::isRunningAndReady));
        assertThat(Workloads.names(others)).containsExactlyInAnyOrder("other-0", "other-1");
        assertThat(w.pods(ns).stream().filter(p -> Json.name(p).startsWith("huge-")))
                .as("OrderedReady waits for huge-0, which never becomes Ready").hasSize(1);

        assertThat(api.delete(sts(ns) + "/huge").code()).isEqualTo(200);
    }
}
