package dev.ordinal.api;

import static dev.ordinal.replicaset.Workloads.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.replicaset.Workloads;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the server serves, it accepts back: {@code kubectl get -o yaml | kubectl replace -f -} of any object, with the
 * strict field validation kubectl asks for. Every field the server or its controllers write (status, conditions,
 * events, leases, attachments) must be declared in the kind's schema with the type it is written with, since unknown
 * fields and field types are checked against that schema.
 */
class RoundTripIT extends ApiIntegrationTest {

    @Test
    void everyObjectOfEveryKindIsAcceptedBackUnchangedUnderStrictValidation() {
        String ns = w.namespace("round-trip");
        for (String file : List.of("seed-statefulset.yaml", "nginx-headless-service.yaml", "seed-rc-shared-claim.yaml")) {
            String yaml = ApiClient.manifest("src/test/resources/manifests/" + file);
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                JsonNode obj = Json.YAML.readTree(doc);
                if (obj == null || !obj.isObject()) {
                    continue;
                }
                String path = collection(obj, ns);
                assertThat(api.send("POST", path, doc, "application/yaml", null).code()).as(file).isEqualTo(201);
            }
        }
        eventually().atMost(Duration.ofSeconds(60)).until(() -> w.pods(ns).stream()
                .filter(Workloads::isRunningAndReady).count() >= 3);
        api.awaitEventsStored();

        List<String> refused = new ArrayList<>();
        int checked = 0;
        for (String list : listPaths(ns)) {
            for (JsonNode item : api.get(list).json().path("items")) {
                String name = Json.str(item, "metadata", "name");
                String one = list + "/" + name + "?fieldValidation=Strict&dryRun=All";
                ApiClient.Response r = api.put(one, Json.write(item));
                if (r.code() == 409) {
                    // Changed since the list: take it again.
                    JsonNode fresh = api.get(list + "/" + name).json();
                    r = api.put(one, Json.write(fresh));
                }
                checked++;
                if (r.code() != 200 && r.code() != 409) {
                    refused.add(list + "/" + name + ": " + r.code() + " " + r.str("message"));
                }
                if (r.raw().headers().firstValue("Warning").isPresent()) {
                    refused.add(list + "/" + name + ": warning " + r.raw().headers().allValues("Warning"));
                }
            }
        }
        assertThat(refused).isEmpty();
        assertThat(checked).as("objects put back").isGreaterThan(20);
    }

    private static String collection(JsonNode obj, String ns) {
        return switch (Json.kind(obj)) {
            case "StatefulSet" -> "/apis/apps/v1/namespaces/" + ns + "/statefulsets";
            case "Service" -> "/api/v1/namespaces/" + ns + "/services";
            case "PersistentVolumeClaim" -> "/api/v1/namespaces/" + ns + "/persistentvolumeclaims";
            case "ReplicationController" -> "/api/v1/namespaces/" + ns + "/replicationcontrollers";
            default -> throw new AssertionError("no path for " + Json.kind(obj));
        };
    }

    /**
     * The list path of every kind discovery serves that can be listed and updated: in {@code ns} and the system
     * namespaces when namespaced, the whole cluster otherwise. Read from discovery so that a kind added later is covered too.
     */
    private List<String> listPaths(String ns) {
        List<String> paths = new ArrayList<>();
        List<String> groupVersions = new ArrayList<>(List.of("/api/v1"));
        for (JsonNode g : api.get("/apis").json().path("groups")) {
            groupVersions.add("/apis/" + Json.str(g.path("preferredVersion"), "groupVersion"));
        }
        for (String gv : groupVersions) {
            for (JsonNode r : api.get(gv).json().path("resources")) {
                String plural = Json.str(r, "name");
                List<String> verbs = Json.list(r.path("verbs")).stream().map(JsonNode::asString).toList();
                if (plural.contains("/") || !verbs.contains("list") || !verbs.contains("update")) {
                    continue;
                }
                if (!r.path("namespaced").asBoolean()) {
                    paths.add(gv + "/" + plural);
                    continue;
                }
                for (String n : List.of(ns, "default", "kube-node-lease", "kube-system")) {
                    paths.add(gv + "/namespaces/" + n + "/" + plural);
                }
            }
        }
        return paths;
    }
}
