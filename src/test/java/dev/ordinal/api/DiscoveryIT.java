package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class DiscoveryIT {
    private static final String KUBECTL_DISCOVERY_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
    private static final String TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void versionReportsKubernetes132() {
        ApiClient.Response r = api.get("/version");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.str("major")).isEqualTo("1");
        assertThat(r.str("minor")).isEqualTo("32");
        assertThat(r.str("gitVersion")).startsWith("v1.32.");
    }

    @Test
    void discoveryIsPlainJsonEvenWhenAggregatedIsAskedFor() {
        ApiClient.Response core = api.get("/api", KUBECTL_DISCOVERY_ACCEPT);
        assertThat(core.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json").doesNotContain("apidiscovery"));
        assertThat(core.str("kind")).isEqualTo("APIVersions");
        assertThat(core.json().get("versions").get(0).asString()).isEqualTo("v1");

        ApiClient.Response groups = api.get("/apis", KUBECTL_DISCOVERY_ACCEPT);
        assertThat(groups.str("kind")).isEqualTo("APIGroupList");
        List<String> names = new ArrayList<>();
        groups.json().get("groups").forEach(g -> names.add(g.get("name").asString()));
        assertThat(names).contains("apps", "storage.k8s.io");
        assertThat(api.get("/apis/apps").str("preferredVersion", "groupVersion")).isEqualTo("apps/v1");
    }

    @Test
    void resourceListsCarryShortNamesCategoriesAndSubresources() {
        JsonNode apps = api.get("/apis/apps/v1", KUBECTL_DISCOVERY_ACCEPT).json();
        assertThat(apps.get("groupVersion").asString()).isEqualTo("apps/v1");
        JsonNode sts = resource(apps, "statefulsets");
        assertThat(sts.get("kind").asString()).isEqualTo("StatefulSet");
        assertThat(sts.get("namespaced").asBoolean()).isTrue();
        assertThat(sts.get("shortNames").get(0).asString()).isEqualTo("sts");
        assertThat(sts.get("categories").get(0).asString()).isEqualTo("all");
        assertThat(strings(sts.get("verbs"))).contains("create", "get", "list", "watch", "patch", "update", "delete");
        JsonNode scale = resource(apps, "statefulsets/scale");
        assertThat(scale.get("group").asString()).isEqualTo("autoscaling");
        assertThat(scale.get("version").asString()).isEqualTo("v1");
        assertThat(scale.get("kind").asString()).isEqualTo("Scale");
        assertThat(resource(apps, "statefulsets/status").get("kind").asString()).isEqualTo("StatefulSet");

        JsonNode core = api.get("/api/v1").json();
        assertThat(resource(core, "persistentvolumeclaims").get("shortNames").get(0).asString()).isEqualTo("pvc");
        assertThat(resource(core, "persistentvolumes").get("namespaced").asBoolean()).isFalse();
        assertThat(resource(core, "pods").get("shortNames").get(0).asString()).isEqualTo("po");
    }

    @Test
    void unknownGroupsAreNotFoundStatuses() {
        ApiClient.Response r = api.get("/apis/nosuch.example.com/v1");
        assertThat(r.code()).isEqualTo(404);
        assertThat(r.str("kind")).isEqualTo("Status");
        assertThat(r.str("reason")).isEqualTo("NotFound");
        assertThat(api.get("/apis/nosuch").code()).isEqualTo(404);
        assertThat(api.get("/apis/apps/v2").code()).isEqualTo(404);
    }

    @Test
    void healthProbesAnswerOk() {
        for (String p : List.of("/healthz", "/readyz", "/livez")) {
            ApiClient.Response r = api.get(p);
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("ok");
        }
    }

    @Test
    void openApiV3PatchOperationsLetKubectlTrustServerSideValidation() {
        JsonNode index = api.get("/openapi/v3").json();
        String url = index.get("paths").get("apis/apps/v1").get("serverRelativeURL").asString();
        assertThat(url).startsWith("/openapi/v3/apis/apps/v1?hash=");
        assertThat(index.get("paths").has("api/v1")).isTrue();
        assertThat(index.get("paths").has("apis/storage.k8s.io/v1")).isTrue();

        JsonNode doc = api.get(url).json();
        JsonNode patch = doc.get("paths").get("/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}").get("patch");
        JsonNode gvk = patch.get("x-kubernetes-group-version-kind");
        assertThat(gvk.get("group").asString()).isEqualTo("apps");
        assertThat(gvk.get("version").asString()).isEqualTo("v1");
        assertThat(gvk.get("kind").asString()).isEqualTo("StatefulSet");
        List<String> params = new ArrayList<>();
        patch.get("parameters").forEach(p -> params.add(p.get("name").asString()));
        assertThat(params).contains("fieldValidation", "fieldManager", "dryRun", "force");
        assertThat(patch.get("requestBody").get("content").has("application/merge-patch+json")).isTrue();

        JsonNode scalePatch = doc.get("paths").get("/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}/scale").get("patch");
        assertThat(scalePatch.get("x-kubernetes-group-version-kind").get("kind").asString()).isEqualTo("Scale");

        JsonNode schema = doc.get("components").get("schemas").get("io.k8s.api.apps.v1.StatefulSet");
        assertThat(schema.get("x-kubernetes-group-version-kind").get(0).get("kind").asString()).isEqualTo("StatefulSet");
        JsonNode spec = doc.get("components").get("schemas").get("io.k8s.api.apps.v1.StatefulSetSpec");
        assertThat(spec.get("properties").has("volumeClaimTemplates")).isTrue();

        JsonNode core = api.get("/openapi/v3/api/v1").json();
        JsonNode podPatch = core.get("paths").get("/api/v1/namespaces/{namespace}/pods/{name}").get("patch");
        assertThat(podPatch.get("x-kubernetes-group-version-kind").get("group").asString()).isEmpty();
        assertThat(api.get("/openapi/v2").code()).isEqualTo(404);
        assertThat(api.get("/openapi/v3/apis/nosuch/v1").code()).isEqualTo(404);
    }

    @Test
    void tablesFollowKubernetesPrinters() {
        ApiClient.Response nodes = api.get("/api/v1/nodes?limit=500", TABLE_ACCEPT);
        assertThat(nodes.str("kind")).isEqualTo("Table");
        assertThat(nodes.str("apiVersion")).isEqualTo("meta.k8s.io/v1");
        List<String> columns = new ArrayList<>();
        nodes.json().get("columnDefinitions").forEach(c -> {
            if (c.get("priority").asInt() == 0) {
                columns.add(c.get("name").asString());
            }
        });
        assertThat(columns).containsExactly("Name", "Status", "Roles", "Age", "Version");
        JsonNode row = nodes.json().get("rows").get(0);
        assertThat(row.get("cells").size()).isEqualTo(nodes.json().get("columnDefinitions").size());
        assertThat(row.get("object").get("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(row.get("object").get("metadata").get("name").asString()).isNotEmpty();

        JsonNode sc = api.get("/apis/storage.k8s.io/v1/storageclasses", TABLE_ACCEPT).json();
        List<String> scNames = new ArrayList<>();
        sc.get("rows").forEach(r -> scNames.add(r.get("cells").get(0).asString()));
        assertThat(scNames).contains("standard (default)");

        JsonNode ns = api.get("/api/v1/namespaces/default", TABLE_ACCEPT).json();
        assertThat(ns.get("rows").get(0).get("cells").get(1).asString()).isEqualTo("Active");
    }

    @Test
    void swaggerDocumentListsKubernetesPathsWithExamples() {
        ApiClient.Response r = api.get("/v3/api-docs");
        assertThat(r.code()).isEqualTo(200);
        JsonNode paths = r.json().get("paths");
        assertThat(paths.has("/apis/apps/v1/namespaces/{namespace}/statefulsets/{name}/scale")).isTrue();
        assertThat(paths.has("/api/v1/namespaces/{namespace}/pods/{name}/status")).isTrue();
        assertThat(paths.has("/version")).isTrue();
        JsonNode post = paths.get("/apis/apps/v1/namespaces/{namespace}/statefulsets").get("post");
        JsonNode example = post.get("requestBody").get("content").get("application/yaml").get("examples")
                .get("seed-statefulset").get("value");
        assertThat(example.asString()).contains("kind: StatefulSet").contains("volumeClaimTemplates");
        assertThat(r.json().get("components").get("schemas").has("io.k8s.api.core.v1.PersistentVolumeClaim")).isTrue();
        ApiClient.Response ui = api.get("/swagger-ui/index.html");
        assertThat(ui.code()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger-ui");
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode r : list.get("resources")) {
            if (r.get("name").asString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name + " in " + list);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
