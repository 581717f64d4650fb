package dev.ordinal.statefulset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A StatefulSet deleted with propagationPolicy Orphan and made again with the same template takes back its pods and
 * its ControllerRevisions: nothing restarts and no colliding revision is made.
 */
@IntegrationTest
class StatefulSetAdoptionIT {
    @LocalServerPort
    int port;

    @Test
    void aSetMadeAgainAfterAnOrphaningDeleteAdoptsItsPodsAndRevisions() throws Exception {
        ApiClient api = new ApiClient(port);
        String ns = "sts-adopt";
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        String manifest = Files.readString(Path.of("src/test/resources/manifests/seed-statefulset.yaml"));
        String sets = "/apis/apps/v1/namespaces/" + ns + "/statefulsets";
        assertThat(api.post(sets, manifest).code()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyPods(api, ns).size() == 3);
        Map<String, String> before = readyPods(api, ns);
        String revision = api.get(sets + "/nginx").str("status", "updateRevision");

        assertThat(api.delete(sets + "/nginx", "{\"propagationPolicy\":\"Orphan\"}").code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(sets + "/nginx").code() == 404
                && Json.controllerRef(api.get("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions/" + revision)
                .json()) == null);

        assertThat(api.post(sets, manifest).code()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode status = api.get(sets + "/nginx").json().get("status");
            assertThat(Json.str(status, "updateRevision")).isEqualTo(revision);
            assertThat(Json.integer(status, 0, "readyReplicas")).isEqualTo(3);
        });
        assertThat(api.get(sets + "/nginx").json().get("status").path("collisionCount").asInt(0)).isZero();
        assertThat(readyPods(api, ns)).isEqualTo(before);
        JsonNode adopted = api.get("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions/" + revision).json();
        assertThat(Json.str(Json.controllerRef(adopted), "uid")).isEqualTo(api.get(sets + "/nginx").str("metadata", "uid"));
    }

    /** Ready pods by name, with their uids (a restarted pod has a new uid). */
    private static Map<String, String> readyPods(ApiClient api, String ns) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode p : api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items")) {
            boolean ready = Json.list(p, "status", "conditions").stream()
                    .anyMatch(c -> "Ready".equals(Json.str(c, "type")) && "True".equals(Json.str(c, "status")));
            if (ready && !Json.isTerminating(p)) {
                out.put(Json.name(p), Json.uid(p));
            }
        }
        return out;
    }
}
