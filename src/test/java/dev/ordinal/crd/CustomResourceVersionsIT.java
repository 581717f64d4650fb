package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A CRD with two served versions (v1, the storage version, and v1beta1) and one that is not served (v1alpha1), with
 * conversion None: both served versions read and write the same objects, each answer carries the apiVersion asked
 * for, writes are defaulted with their own version's schema, and the unserved version is a 404.
 */
@IntegrationTest
class CustomResourceVersionsIT {
    private static final String GROUP = "/apis/versions.example.com";
    private static final String V1 = GROUP + "/v1/namespaces/default/widgets";
    private static final String BETA = GROUP + "/v1beta1/namespaces/default/widgets";
    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void establish() {
        api = new ApiClient(port);
        if (api.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.versions.example.com")
                .code() == 404) {
            assertThat(api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                    ApiClient.manifest("src/test/resources/crd/widgets-crd.yaml")).code()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(BETA).code() == 200 && api.get(V1).code() == 200);
    }

    private static List<String> apiVersions(JsonNode list) {
        return StreamSupport.stream(list.path("items").spliterator(), false)
                .map(i -> i.path("apiVersion").asString()).distinct().toList();
    }

    @Test
    void discoveryListsBothServedVersionsAndPrefersTheGaOne() {
        JsonNode group = api.get(GROUP).json();
        assertThat(StreamSupport.stream(group.path("versions").spliterator(), false)
                .map(v -> v.path("version").asString()).toList()).containsExactly("v1", "v1beta1");
        assertThat(group.path("preferredVersion").path("version").asString()).isEqualTo("v1");
        JsonNode all = api.get("/apis").json();
        assertThat(StreamSupport.stream(all.path("groups").spliterator(), false)
                .filter(g -> g.path("name").asString().equals("versions.example.com"))
                .flatMap(g -> StreamSupport.stream(g.path("versions").spliterator(), false))
                .map(v -> v.path("version").asString()).toList()).containsExactly("v1", "v1beta1");
        JsonNode beta = api.get(GROUP + "/v1beta1").json();
        assertThat(beta.path("groupVersion").asString()).isEqualTo("versions.example.com/v1beta1");
        assertThat(beta.path("resources").toString()).contains("\"widgets\"", "\"widgets/status\"");
        assertThat(api.get(GROUP + "/v1alpha1").code()).isEqualTo(404);
    }

    @Test
    void anObjectCreatedAtTheBetaVersionIsDefaultedByItsSchemaAndReadAtBothVersions() {
        ApiClient.Response created = api.post(BETA, """
                {"apiVersion":"versions.example.com/v1beta1","kind":"Widget","metadata":{"name":"from-beta"},
                 "spec":{"colour":"red","dropped":true}}""");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.str("apiVersion")).isEqualTo("versions.example.com/v1beta1");
        assertThat(created.json().path("spec").path("size").asInt()).isEqualTo(2);
        assertThat(created.json().path("spec").has("dropped")).isFalse();

        ApiClient.Response atV1 = api.get(V1 + "/from-beta");
        assertThat(atV1.str("apiVersion")).isEqualTo("versions.example.com/v1");
        assertThat(atV1.json().path("spec").path("size").asInt()).isEqualTo(2);
        assertThat(atV1.str("metadata", "uid")).isEqualTo(created.str("metadata", "uid"));
        assertThat(api.get(BETA + "/from-beta").str("apiVersion")).isEqualTo("versions.example.com/v1beta1");
        assertThat(api.get(BETA + "/from-beta", "application/yaml").text())
                .contains("apiVersion: versions.example.com/v1beta1");

        JsonNode betaList = api.get(BETA).json();
        assertThat(betaList.path("apiVersion").asString()).isEqualTo("versions.example.com/v1beta1");
        assertThat(apiVersions(betaList)).containsExactly("versions.example.com/v1beta1");
        JsonNode v1List = api.get(V1).json();
        assertThat(v1List.path("apiVersion").asString()).isEqualTo("versions.example.com/v1");
        assertThat(apiVersions(v1List)).containsExactly("versions.example.com/v1");
        assertThat(apiVersions(api.get(BETA + "?labelSelector=missing!=x").json()))
                .containsExactly("versions.example.com/v1beta1");
    }

    @Test
    void patchStatusAndValidationWorkAtTheBetaVersion() {
        api.post(V1, """
                {"apiVersion":"versions.example.com/v1","kind":"Widget","metadata":{"name":"patched"},"spec":{}}""");
        ApiClient.Response patched = api.patch(BETA + "/patched", "application/merge-patch+json",
                "{\"spec\":{\"size\":7}}");
        assertThat(patched.code()).isEqualTo(200);
        assertThat(patched.str("apiVersion")).isEqualTo("versions.example.com/v1beta1");
        assertThat(api.get(V1 + "/patched").json().path("spec").path("size").asInt()).isEqualTo(7);

        ApiClient.Response status = api.patch(BETA + "/patched/status", "application/merge-patch+json",
                "{\"status\":{\"ready\":true}}");
        assertThat(status.code()).isEqualTo(200);
        assertThat(status.str("apiVersion")).isEqualTo("versions.example.com/v1beta1");
        assertThat(api.get(V1 + "/patched").json().path("status").path("ready").asBoolean()).isTrue();

        ApiClient.Response invalid = api.patch(BETA + "/patched", "application/merge-patch+json",
                "{\"spec\":{\"size\":11}}");
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.text()).contains("spec.size");

        ApiClient.Response mismatched = api.post(BETA, """
                {"apiVersion":"versions.example.com/v1","kind":"Widget","metadata":{"name":"wrong"},"spec":{}}""");
        assertThat(mismatched.code()).isEqualTo(400);
        assertThat(api.delete(BETA + "/patched").str("apiVersion")).isEqualTo("versions.example.com/v1beta1");
    }

    @Test
    void tablesUseTheColumnsOfTheVersionAsked() {
        api.post(BETA, """
                {"apiVersion":"versions.example.com/v1beta1","kind":"Widget","metadata":{"name":"tabled"}}""");
        String accept = "application/json;as=Table;v=v1;g=meta.k8s.io";
        assertThat(api.get(BETA, accept).text()).contains("Beta-Size").doesNotContain("\"Size\"");
        assertThat(api.get(V1, accept).text()).contains("\"Size\"").doesNotContain("Beta-Size");
    }

    @Test
    void aVersionThatIsNotServedIsNotFound() {
        assertThat(api.get(GROUP + "/v1alpha1/namespaces/default/widgets").code()).isEqualTo(404);
        assertThat(api.post(GROUP + "/v1alpha1/namespaces/default/widgets", """
                {"apiVersion":"versions.example.com/v1alpha1","kind":"Widget","metadata":{"name":"x"}}""").code())
                .isEqualTo(404);
    }

    @Test
    void eachServedVersionHasItsOwnOpenApiDocument() {
        ApiClient.Response beta = api.get("/openapi/v3/apis/versions.example.com/v1beta1");
        assertThat(beta.code()).isEqualTo(200);
        assertThat(beta.text()).contains("A widget, as v1beta1 describes it.");
        assertThat(api.get("/openapi/v3/apis/versions.example.com/v1").text()).contains("A widget.")
                .doesNotContain("as v1beta1 describes it");
        assertThat(api.get("/openapi/v3/apis/versions.example.com/v1alpha1").code()).isEqualTo(404);
    }

    @Test
    void watchesAtTheBetaVersionSeeItsApiVersionOverHttpAndWebSocket() throws Exception {
        String rv = api.get(BETA).json().path("metadata").path("resourceVersion").asString();
        api.post(V1, """
                {"apiVersion":"versions.example.com/v1","kind":"Widget","metadata":{"name":"watched"}}""");
        String events = api.get(BETA + "?watch=true&timeoutSeconds=1&resourceVersion=" + rv).text();
        assertThat(events).contains("\"ADDED\"", "\"watched\"", "\"apiVersion\":\"versions.example.com/v1beta1\"")
                .doesNotContain("\"apiVersion\":\"versions.example.com/v1\"");

        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
        ResourceDefinitionContext beta = new ResourceDefinitionContext.Builder().withGroup("versions.example.com")
                .withVersion("v1beta1").withKind("Widget").withPlural("widgets").withNamespaced(true).build();
        List<GenericKubernetesResource> seen = new CopyOnWriteArrayList<>();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
             Watch watch = client.genericKubernetesResources(beta).inNamespace("default").withName("watched-ws")
                     .watch(new Watcher<>() {
                         @Override
                         public void eventReceived(Action action, GenericKubernetesResource resource) {
                             seen.add(resource);
                         }

                         @Override
                         public void onClose(WatcherException cause) {
                         }
                     })) {
            api.post(V1, """
                    {"apiVersion":"versions.example.com/v1","kind":"Widget","metadata":{"name":"watched-ws"}}""");
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertThat(seen.get(0).getApiVersion()).isEqualTo("versions.example.com/v1beta1");
            assertThat(watch).isNotNull();
        }
    }
}
