package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The API's answers to bad requests: 422 Invalid with causes, 409 Conflict, 400, 404 and 413, end to end. */
@IntegrationTest
class ValidationIT {
    private static final String NS = "validation-it";
    private static final String STS = "/apis/apps/v1/namespaces/" + NS + "/statefulsets";

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void namespace() {
        api = new ApiClient(port);
        if (api.get("/api/v1/namespaces/" + NS).code() == 404) {
            assertThat(api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NS + "\"}}").code()).isEqualTo(201);
        }
    }

    private static String sts(String name, String selectorApp, String templateApp) {
        return """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s"},
                 "spec":{"selector":{"matchLabels":{"app":"%s"}},"serviceName":"x","replicas":1,
                  "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"c","image":"nginx:1"}]}}}}
                """.formatted(name, selectorApp, templateApp);
    }

    private static List<String> causeFields(ApiClient.Response r) {
        return Json.list(r.json(), "details", "causes").stream().map(c -> Json.str(c, "field")).toList();
    }

    @Test
    void selectorMismatchIs422WithKubernetesStatus() {
        ApiClient.Response r = api.post(STS, sts("mismatch", "web", "x"));
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.str("kind")).isEqualTo("Status");
        assertThat(r.str("status")).isEqualTo("Failure");
        assertThat(r.str("reason")).isEqualTo("Invalid");
        assertThat(r.json().path("code").asInt()).isEqualTo(422);
        assertThat(r.str("message")).isEqualTo("StatefulSet.apps \"mismatch\" is invalid: spec.template.metadata.labels: "
                + "Invalid value: {\"app\":\"x\"}: `selector` does not match template `labels`");
        assertThat(r.str("details", "name")).isEqualTo("mismatch");
        assertThat(r.str("details", "group")).isEqualTo("apps");
        assertThat(r.str("details", "kind")).isEqualTo("StatefulSet");
        assertThat(causeFields(r)).containsExactly("spec.template.metadata.labels");
        JsonNode cause = Json.list(r.json(), "details", "causes").get(0);
        assertThat(Json.str(cause, "reason")).isEqualTo("FieldValueInvalid");
        assertThat(Json.str(cause, "message")).isEqualTo(
                "Invalid value: {\"app\":\"x\"}: `selector` does not match template `labels`");
        assertThat(api.get(STS + "/mismatch").code()).isEqualTo(404);
    }

    @Test
    void severalErrorsAreListedInBrackets() {
        String body = """
                {"metadata":{"name":"many"},"spec":{"replicas":-1,"selector":{"matchLabels":{"app":"a"}},
                 "template":{"metadata":{"labels":{"app":"a"}},"spec":{"containers":[]}}}}
                """;
        ApiClient.Response r = api.post(STS, body);
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.str("message")).isEqualTo("StatefulSet.apps \"many\" is invalid: ["
                + "spec.replicas: Invalid value: -1: must be greater than or equal to 0, "
                + "spec.template.spec.containers: Required value]");
        assertThat(causeFields(r)).containsExactly("spec.replicas", "spec.template.spec.containers");
    }

    @Test
    void claimWithoutAccessModesIs422() {
        ApiClient.Response r = api.post("/api/v1/namespaces/" + NS + "/persistentvolumeclaims",
                "{\"metadata\":{\"name\":\"c\"},\"spec\":{\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}");
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.str("message")).isEqualTo("PersistentVolumeClaim \"c\" is invalid: spec.accessModes: "
                + "Required value: at least 1 access mode is required");
        assertThat(r.json().path("details").has("group")).isFalse();
        assertThat(causeFields(r)).containsExactly("spec.accessModes");
    }

    @Test
    void createdStatefulSetIsDefaultedAndForbiddenUpdatesAre422() {
        ApiClient.Response created = api.post(STS, sts("web", "web", "web"));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.str("spec", "updateStrategy", "type")).isEqualTo("RollingUpdate");
        assertThat(created.json().path("spec").path("updateStrategy").path("rollingUpdate").path("partition").asInt(-1))
                .isZero();
        assertThat(created.str("spec", "podManagementPolicy")).isEqualTo("OrderedReady");
        ApiClient.Response r = api.patch(STS + "/web", Patches.MERGE, "{\"spec\":{\"serviceName\":\"other\"}}");
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.str("message")).isEqualTo("StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to "
                + "statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        assertThat(causeFields(r)).containsExactly("spec");
        // A replace that omits defaulted fields keeps them and is not a forbidden change.
        // The controller writes the set's status meanwhile, so a replace may meet a newer version: read and retry,
        // as any client of the API server does.
        ApiClient.Response replaced = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> {
                    JsonNode current = api.get(STS + "/web").json();
                    String replace = sts("web", "web", "web").replace("\"replicas\":1", "\"replicas\":2")
                            .replace("{\"name\":\"web\"}", "{\"name\":\"web\",\"resourceVersion\":\""
                                    + Json.str(current, "metadata", "resourceVersion") + "\"}");
                    return api.put(STS + "/web", replace);
                }, answer -> answer.code() != 409);
        assertThat(replaced.code()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.json().path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void staleResourceVersionIs409AndChangesNothing() {
        api.post(STS, sts("stale", "s", "s"));
        JsonNode before = api.get(STS + "/stale").json();
        String rv = Json.str(before, "metadata", "resourceVersion");
        String body = sts("stale", "s", "s").replace("\"replicas\":1", "\"replicas\":7")
                .replace("{\"name\":\"stale\"}", "{\"name\":\"stale\",\"resourceVersion\":\"" + (Long.parseLong(rv) - 1) + "\"}");
        ApiClient.Response r = api.put(STS + "/stale", body);
        assertThat(r.code()).isEqualTo(409);
        assertThat(r.str("reason")).isEqualTo("Conflict");
        assertThat(r.str("message")).isEqualTo("Operation cannot be fulfilled on statefulsets.apps \"stale\": the object "
                + "has been modified; please apply your changes to the latest version and try again");
        // The controller may have written the status since; the refused spec change must not be there.
        JsonNode after = api.get(STS + "/stale").json();
        assertThat(after.path("metadata").path("generation").asLong()).isEqualTo(before.path("metadata").path("generation").asLong());
        assertThat(after.path("spec").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void malformedBodiesAre400() {
        ApiClient.Response json = api.send("POST", STS, "{\"metadata\": {", "application/json", null);
        assertThat(json.code()).isEqualTo(400);
        assertThat(json.str("reason")).isEqualTo("BadRequest");
        ApiClient.Response yaml = api.send("POST", STS, "metadata: [unclosed\n  - : :", "application/yaml", null);
        assertThat(yaml.code()).isEqualTo(400);
        assertThat(yaml.str("kind")).isEqualTo("Status");
        ApiClient.Response quantity = api.post("/api/v1/namespaces/" + NS + "/persistentvolumeclaims",
                "{\"metadata\":{\"name\":\"q\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
                        + "\"resources\":{\"requests\":{\"storage\":\"lots\"}}}}");
        assertThat(quantity.code()).isEqualTo(400);
        assertThat(quantity.str("message")).contains("quantities must match the regular expression");
    }

    @Test
    void badPatchesAreNever500() {
        api.post(STS, sts("patched", "p", "p"));
        ApiClient.Response test = api.patch(STS + "/patched", Patches.JSON_PATCH,
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":5}]");
        assertThat(test.code()).isEqualTo(422);
        ApiClient.Response bad = api.patch(STS + "/patched", Patches.JSON_PATCH, "[{\"op\":\"explode\",\"path\":\"/a\"}]");
        assertThat(bad.code()).isEqualTo(400);
        ApiClient.Response smp = api.patch(STS + "/patched", Patches.STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"c\"}],"
                        + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx:2\"}]}}}}");
        assertThat(smp.code()).as(smp.text()).isEqualTo(200);
        assertThat(Json.str(smp.json().path("spec").path("template").path("spec").path("containers").get(0), "image"))
                .isEqualTo("nginx:2");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "{\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\"" + "x".repeat(3_200_000) + "\"}}}";
        ApiClient.Response r = api.post(STS, big);
        assertThat(r.code()).isEqualTo(413);
        assertThat(r.str("reason")).isEqualTo("RequestEntityTooLarge");
    }

    @Test
    void unknownPathIs404() {
        ApiClient.Response r = api.get("/apis/apps/v1/namespaces/" + NS + "/widgets");
        assertThat(r.code()).isEqualTo(404);
        assertThat(r.str("kind")).isEqualTo("Status");
        assertThat(r.str("reason")).isEqualTo("NotFound");
    }

    @Test
    void strictFieldValidationRejectsTyposInContainers() {
        String typo = sts("typo", "t", "t").replace("\"image\":\"nginx:1\"", "\"imagee\":\"nginx:1\"");
        ApiClient.Response r = api.post(STS + "?fieldValidation=Strict", typo);
        assertThat(r.code()).isEqualTo(400);
        assertThat(r.str("message")).isEqualTo(
                "strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"");
    }

    @Test
    void theSharedExamplesPassStrictValidation() {
        String ns = "/apis/apps/v1/namespaces/" + NS;
        String seed = ApiClient.manifest("/work/shared/examples/seed-statefulset.yaml").replace("name: nginx\n", "name: seed\n");
        ApiClient.Response r = api.send("POST", ns + "/statefulsets?fieldValidation=Strict", seed, "application/yaml", null);
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        String parallel = ApiClient.manifest("/work/shared/examples/seed-statefulset-parallel.yaml")
                .replace("name: nginx\n", "name: seed-parallel\n");
        r = api.send("POST", ns + "/statefulsets?fieldValidation=Strict", parallel, "application/yaml", null);
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        String[] docs = ApiClient.manifest("/work/shared/examples/seed-rc-shared-claim.yaml").split("\n---\n");
        r = api.send("POST", "/api/v1/namespaces/" + NS + "/persistentvolumeclaims?fieldValidation=Strict", docs[0],
                "application/yaml", null);
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        assertThat(r.str("spec", "storageClassName")).isEqualTo("standard");
        r = api.send("POST", "/api/v1/namespaces/" + NS + "/replicationcontrollers?fieldValidation=Strict",
                docs[1].replace("replicas: 3", "replicas: 0"), "application/yaml", null);
        assertThat(r.code()).as(r.text()).isEqualTo(201);
        assertThat(Json.stringMap(r.json(), "metadata", "labels")).containsEntry("app", "nginx");
    }
}
