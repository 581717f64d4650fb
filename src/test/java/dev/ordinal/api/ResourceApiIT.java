package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The resource API core that every kind shares, driven over HTTP against real PostgreSQL. */
@IntegrationTest
class ResourceApiIT {
    private static final String NS = "api-core";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void namespace() {
        api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
    }

    /** A collection path and a minimal valid object for every kind served. */
    record Sample(String collection, String body) {
    }

    static List<Sample> samples() {
        String ns = "/api/v1/namespaces/" + NS;
        String apps = "/apis/apps/v1/namespaces/" + NS;
        String template = "\"template\":{\"metadata\":{\"labels\":{\"app\":\"crud\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"nginx:1.25\"}]}}";
        return List.of(
                new Sample("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"crud-ns\"}}"),
                new Sample("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"crud-node\"},"
                        + "\"spec\":{\"unschedulable\":true}}"),
                new Sample("/apis/storage.k8s.io/v1/storageclasses", "{\"apiVersion\":\"storage.k8s.io/v1\",\"kind\":"
                        + "\"StorageClass\",\"metadata\":{\"name\":\"crud-sc\"},\"provisioner\":\"ordinal.dev/simulated\"}"),
                new Sample("/api/v1/persistentvolumes", "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolume\",\"metadata\":"
                        + "{\"name\":\"crud-pv\"},\"spec\":{\"capacity\":{\"storage\":\"1Gi\"},\"accessModes\":[\"ReadWriteOnce\"],"
                        + "\"storageClassName\":\"crud-none\",\"hostPath\":{\"path\":\"/tmp/crud\"}}}"),
                new Sample(ns + "/persistentvolumeclaims", "{\"apiVersion\":\"v1\",\"kind\":\"PersistentVolumeClaim\","
                        + "\"metadata\":{\"name\":\"crud-pvc\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
                        + "\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}"),
                new Sample(ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"crud-pod\"},"
                        + "\"spec\":{\"nodeSelector\":{\"nowhere\":\"true\"},\"containers\":[{\"name\":\"c\",\"image\":\"nginx:1.25\"}]}}"),
                new Sample(ns + "/events", "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"crud-ev\"},"
                        + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"x\",\"namespace\":\"" + NS + "\"},"
                        + "\"reason\":\"Test\",\"message\":\"hello\",\"type\":\"Normal\"}"),
                new Sample(ns + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"crud-svc\"},"
                        + "\"spec\":{\"clusterIP\":\"None\",\"selector\":{\"app\":\"crud\"},\"ports\":[{\"port\":80}]}}"),
                new Sample(ns + "/replicationcontrollers", "{\"apiVersion\":\"v1\",\"kind\":\"ReplicationController\","
                        + "\"metadata\":{\"name\":\"crud-rc\"},\"spec\":{\"replicas\":0,\"selector\":{\"app\":\"crud\"}," + template + "}}"),
                new Sample(apps + "/replicasets", "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"metadata\":"
                        + "{\"name\":\"crud-rs\"},\"spec\":{\"replicas\":0,\"selector\":{\"matchLabels\":{\"app\":\"crud\"}}," + template + "}}"),
                new Sample(apps + "/statefulsets", "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":"
                        + "{\"name\":\"crud-sts\"},\"spec\":{\"replicas\":0,\"serviceName\":\"crud\",\"selector\":"
                        + "{\"matchLabels\":{\"app\":\"crud\"}}," + template + "}}"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyKindSupportsCreateGetListReplacePatchAndDelete(Sample sample) {
        ApiClient.Response created = api.post(sample.collection(), sample.body());
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        String name = created.str("metadata", "name");
        String item = sample.collection() + "/" + name;
        assertThat(created.str("metadata", "uid")).isNotBlank();
        assertThat(created.str("metadata", "creationTimestamp")).isNotBlank();

        ApiClient.Response got = api.get(item);
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.str("metadata", "uid")).isEqualTo(created.str("metadata", "uid"));

        ApiClient.Response list = api.get(sample.collection());
        assertThat(list.code()).isEqualTo(200);
        assertThat(list.str("kind")).endsWith("List");
        assertThat(list.json().get("items").valueStream().map(i -> Json.name(i)).toList()).contains(name);

        // Controllers may write the object between our read and our replace, as in Kubernetes: read again and retry.
        ApiClient.Response replaced = await().atMost(Duration.ofSeconds(10)).until(() -> {
            ObjectNodeEdit edit = new ObjectNodeEdit(api.get(item).json());
            edit.label("edited", "yes");
            return api.put(item, edit.json());
        }, r -> r.code() != 409);
        assertThat(replaced.code()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.str("metadata", "labels", "edited")).isEqualTo("yes");
        assertThat(Long.parseLong(replaced.str("metadata", "resourceVersion")))
                .isGreaterThan(Long.parseLong(created.str("metadata", "resourceVersion")));

        ApiClient.Response patched = api.patch(item, "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"patched\":\"yes\"}}}");
        assertThat(patched.code()).as(patched.text()).isEqualTo(200);
        assertThat(patched.str("metadata", "annotations", "patched")).isEqualTo("yes");
        assertThat(patched.str("metadata", "labels", "edited")).isEqualTo("yes");

        ApiClient.Response deleted = api.delete(item);
        assertThat(deleted.code()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.str("kind")).isNotBlank();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.get(item).code()).isEqualTo(404));
    }

    @Test
    void yamlBodiesAreAcceptedAndYamlIsReturnedWhenAsked() {
        String yaml = """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: yaml-claim
                  labels: {tier: db}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: none-such
                  resources: {requests: {storage: 2Gi}}
                """;
        ApiClient.Response created = api.post("/api/v1/namespaces/" + NS + "/persistentvolumeclaims", yaml);
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        ApiClient.Response asYaml = api.get("/api/v1/namespaces/" + NS + "/persistentvolumeclaims/yaml-claim",
                "application/yaml");
        assertThat(asYaml.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("yaml"));
        assertThat(asYaml.text()).startsWith("apiVersion: v1\nkind: PersistentVolumeClaim\n")
                .contains("name: yaml-claim").contains("tier: db").contains("storage: 2Gi");
        ApiClient.Response numericLabel = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"numeric\",\"labels\":{\"v\":\"1\",\"b\":\"true\"}},"
                        + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(numericLabel.code()).isEqualTo(201);
        String yamlOut = api.get("/api/v1/namespaces/" + NS + "/services/numeric", "application/yaml").text();
        // Strings that YAML would read back as numbers or booleans stay quoted, so the output re-applies cleanly.
        assertThat(yamlOut).contains("v: \"1\"").contains("b: \"true\"");
    }

    @Test
    void staleResourceVersionIsAConflictAndChangesNothing() {
        ApiClient.Response created = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"stale\",\"labels\":{\"v\":\"1\"}},"
                        + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        String path = "/api/v1/namespaces/" + NS + "/services/stale";
        ObjectNodeEdit first = new ObjectNodeEdit(created.json());
        first.label("v", "2");
        assertThat(api.put(path, first.json()).code()).isEqualTo(200);

        ObjectNodeEdit stale = new ObjectNodeEdit(created.json());
        stale.label("v", "3");
        ApiClient.Response conflict = api.put(path, stale.json());
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.str("reason")).isEqualTo("Conflict");
        assertThat(conflict.str("message")).isEqualTo("Operation cannot be fulfilled on services \"stale\": the object "
                + "has been modified; please apply your changes to the latest version and try again");
        assertThat(api.get(path).str("metadata", "labels", "v")).isEqualTo("2");
    }

    @Test
    void listsFilterByEveryLabelSelectorOperatorAndByFields() {
        for (String[] pair : new String[][] {{"sel-a", "web"}, {"sel-b", "db"}, {"sel-c", null}}) {
            String labels = pair[1] == null ? "{}" : "{\"tier\":\"" + pair[1] + "\"}";
            api.post("/api/v1/namespaces/" + NS + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                    + "{\"name\":\"" + pair[0] + "\",\"labels\":" + labels + "},\"spec\":{\"ports\":[{\"port\":80}]}}");
        }
        Map<String, List<String>> expected = Map.of(
                "tier=web", List.of("sel-a"),
                "tier==db", List.of("sel-b"),
                "tier!=web", List.of("sel-b", "sel-c"),
                "tier in (web,db)", List.of("sel-a", "sel-b"),
                "tier notin (web)", List.of("sel-b", "sel-c"),
                "tier", List.of("sel-a", "sel-b"),
                "!tier", List.of("sel-c"));
        expected.forEach((selector, names) -> {
            ApiClient.Response r = api.get("/api/v1/namespaces/" + NS + "/services?labelSelector="
                    + java.net.URLEncoder.encode(selector, java.nio.charset.StandardCharsets.UTF_8));
            List<String> got = r.json().get("items").valueStream().map(Json::name)
                    .filter(n -> n.startsWith("sel-")).toList();
            assertThat(got).as(selector).containsExactlyElementsOf(names);
        });
        ApiClient.Response byName = api.get("/api/v1/namespaces/" + NS + "/services?fieldSelector=metadata.name%3Dsel-b");
        assertThat(byName.json().get("items").valueStream().map(Json::name).toList()).containsExactly("sel-b");
        // Across namespaces the name is looked for in each; a label that the named object lacks leaves nothing.
        ApiClient.Response everywhere = api.get("/api/v1/services?fieldSelector=metadata.name%3Dsel-b");
        assertThat(everywhere.json().get("items").valueStream().map(Json::namespace).toList()).contains(NS);
        assertThat(api.get("/api/v1/namespaces/" + NS + "/services?fieldSelector=metadata.name%3Dsel-b"
                + "&labelSelector=tier%3Dweb").json().get("items").valueStream().map(Json::name).toList()).isEmpty();
        // A watch by name (kubectl get NAME --watch) starts with that object alone.
        String watched = api.get("/api/v1/namespaces/" + NS + "/services?watch=true&timeoutSeconds=1"
                + "&fieldSelector=metadata.name%3Dsel-b").text();
        assertThat(watched.lines().filter(l -> !l.isBlank()).map(l -> Json.str(Json.parse(l), "type") + " "
                + Json.str(Json.parse(l), "object", "metadata", "name")).toList()).containsExactly("ADDED sel-b");
        assertThat(api.get("/api/v1/namespaces/" + NS + "/services?labelSelector=tier%20in%20(web").code()).isEqualTo(400);
        assertThat(api.get("/api/v1/namespaces/" + NS + "/pods?fieldSelector=spec.bogus%3Dx").code()).isEqualTo(400);
    }

    @Test
    void limitAndContinuePageThroughAList() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/namespaces/" + NS + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                    + "{\"name\":\"page-" + i + "\",\"labels\":{\"page\":\"yes\"}},\"spec\":{\"ports\":[{\"port\":80}]}}");
        }
        String base = "/api/v1/namespaces/" + NS + "/services?labelSelector=page%3Dyes&limit=2";
        ApiClient.Response first = api.get(base);
        assertThat(first.json().get("items")).hasSize(2);
        String token = first.str("metadata", "continue");
        assertThat(token).isNotBlank();
        ApiClient.Response unfiltered = api.get("/api/v1/namespaces/" + NS + "/services?limit=1");
        assertThat(unfiltered.json().get("metadata").get("remainingItemCount").asLong()).isPositive();
        ApiClient.Response second = api.get(base + "&continue=" + token);
        ApiClient.Response third = api.get(base + "&continue=" + second.str("metadata", "continue"));
        assertThat(third.json().get("items")).hasSize(1);
        assertThat(third.str("metadata", "continue")).isNull();
    }

    @Test
    void anObjectWithFinalizersIsOnlyMarkedForDeletionUntilTheyAreRemoved() {
        String path = "/api/v1/namespaces/" + NS + "/services/finalized";
        api.post("/api/v1/namespaces/" + NS + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
                + "{\"name\":\"finalized\",\"finalizers\":[\"example.com/hold\"]},\"spec\":{\"ports\":[{\"port\":80}]}}");
        ApiClient.Response marked = api.delete(path);
        assertThat(marked.code()).isEqualTo(200);
        assertThat(marked.str("metadata", "deletionTimestamp")).isNotBlank();
        assertThat(api.get(path).code()).isEqualTo(200);
        ApiClient.Response released = api.patch(path, "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(released.code()).isEqualTo(200);
        assertThat(api.get(path).code()).isEqualTo(404);
    }

    @Test
    void malformedBodiesAndUnknownPathsGetStatusErrorsNotServerErrors() {
        ApiClient.Response badJson = api.send("POST", "/api/v1/namespaces/" + NS + "/services", "{\"apiVersion\":",
                "application/json", null);
        assertThat(badJson.code()).isEqualTo(400);
        assertThat(badJson.str("kind")).isEqualTo("Status");
        ApiClient.Response badYaml = api.send("POST", "/api/v1/namespaces/" + NS + "/services", "a: [b\n c: :",
                "application/yaml", null);
        assertThat(badYaml.code()).isEqualTo(400);
        ApiClient.Response form = api.send("POST", "/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"form\"}}",
                "application/x-www-form-urlencoded", null);
        assertThat(form.code()).isEqualTo(415);
        assertThat(form.str("reason")).isEqualTo("UnsupportedMediaType");
        ApiClient.Response unknown = api.get("/api/v1/namespaces/" + NS + "/widgets");
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.str("reason")).isEqualTo("NotFound");
        ApiClient.Response tooBig = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"big\",\"annotations\":{\"a\":\""
                        + "x".repeat(4 * 1024 * 1024) + "\"}}}");
        assertThat(tooBig.code()).isIn(400, 413);
        assertThat(api.get("/api/v1/namespaces/" + NS + "/services/big").code()).isEqualTo(404);
    }

    @Test
    void dryRunsAnswerAsIfTheWriteHappenedButStoreNothing() {
        String svc = "/api/v1/namespaces/" + NS + "/services";
        ApiClient.Response created = api.post(svc + "?dryRun=All",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"dry\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.str("metadata", "uid")).isNotBlank();
        assertThat(api.get(svc + "/dry").code()).isEqualTo(404);

        api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"wet\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        String version = api.get(svc + "/wet").str("metadata", "resourceVersion");
        ApiClient.Response patched = api.patch(svc + "/wet?dryRun=All", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"dry\":\"yes\"}}}");
        assertThat(patched.code()).isEqualTo(200);
        assertThat(patched.str("metadata", "labels", "dry")).isEqualTo("yes");
        assertThat(api.delete(svc + "/wet?dryRun=All").code()).isEqualTo(200);
        ApiClient.Response after = api.get(svc + "/wet");
        assertThat(after.code()).isEqualTo(200);
        assertThat(after.str("metadata", "resourceVersion")).isEqualTo(version);
        assertThat(after.str("metadata", "labels", "dry")).isNull();
        assertThat(api.delete(svc + "/wet?dryRun=Some").code()).isEqualTo(400);
    }

    @Test
    void aDryRunInTheDeleteOptionsBodyDeletesNothing() {
        String svc = "/api/v1/namespaces/" + NS + "/services";
        api.post(svc, "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"kept\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
        ApiClient.Response dry = api.delete(svc + "/kept", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                + "\"propagationPolicy\":\"Background\",\"dryRun\":[\"All\"]}");
        assertThat(dry.code()).isEqualTo(200);
        assertThat(api.get(svc + "/kept").code()).isEqualTo(200);
    }

    @Test
    void ownerReferencesMustNameTheirOwnerAndHaveOneController() {
        ApiClient.Response noUid = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"owned\",\"ownerReferences\":"
                        + "[{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"x\"}]},\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(noUid.code()).isEqualTo(422);
        assertThat(noUid.str("message")).contains("metadata.ownerReferences.uid: Invalid value: \"\": uid must not be empty");
        ApiClient.Response twoControllers = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"owned\",\"ownerReferences\":["
                        + "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"a\",\"uid\":\"1\",\"controller\":true},"
                        + "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"b\",\"uid\":\"2\",\"controller\":true}]},"
                        + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(twoControllers.code()).isEqualTo(422);
        assertThat(twoControllers.str("message")).contains("Only one reference can have Controller set to true");
    }

    @Test
    void aScaleOfTheWrongTypeIsABadRequest() {
        String sets = "/apis/apps/v1/namespaces/" + NS + "/statefulsets";
        api.post(sets, "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"name\":\"scaled\"},"
                + "\"spec\":{\"replicas\":0,\"serviceName\":\"s\",\"selector\":{\"matchLabels\":{\"app\":\"scaled\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"scaled\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"nginx:1.25\"}]}}}}");
        ApiClient.Response tooBig = api.patch(sets + "/scaled/scale", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":3000000000}}");
        assertThat(tooBig.code()).isEqualTo(400);
        assertThat(tooBig.str("message")).isEqualTo("Scale in version \"v1\" cannot be handled as a Scale: json: cannot "
                + "unmarshal number 3000000000 into Go struct field ScaleSpec.spec.replicas of type int32");
        assertThat(api.patch(sets + "/scaled", "application/merge-patch+json", "{\"spec\":{\"replicas\":4294967296}}")
                .code()).isEqualTo(400);
        assertThat(api.get(sets + "/scaled").json().get("spec").get("replicas").asInt()).isZero();
    }

    @Test
    void theDefaultNamespacesExistAndFlywayHasRun() {
        assertThat(api.get("/api/v1/namespaces/default").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/kube-system").code()).isEqualTo(200);
        Integer applied = jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class);
        assertThat(applied).isGreaterThanOrEqualTo(1);
    }

    @Test
    void generateNameGivesFiveRandomCharactersFromKubernetesAlphabet() {
        ApiClient.Response created = api.post("/api/v1/namespaces/" + NS + "/services",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"generateName\":\"web-\"},"
                        + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.str("metadata", "name")).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    /** Edits a fetched object for a replace. */
    static final class ObjectNodeEdit {
        private final tools.jackson.databind.node.ObjectNode obj;

        ObjectNodeEdit(tools.jackson.databind.JsonNode node) {
            this.obj = (tools.jackson.databind.node.ObjectNode) node.deepCopy();
        }

        void label(String k, String v) {
            Json.setLabel(obj, k, v);
        }

        String json() {
            return Json.write(obj);
        }
    }
}
