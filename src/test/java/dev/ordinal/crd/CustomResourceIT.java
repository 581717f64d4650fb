package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ordinal.support.IntegrationTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator's view of custom resources through fabric8: a CRD is created and established, Database objects are
 * created, validated, pruned, defaulted, patched, watched, given a status and scaled, a StatefulSet they own is
 * garbage-collected with them, and deleting the CRD deletes its objects and withdraws the kind.
 */
@IntegrationTest
class CustomResourceIT {
    private static final ResourceDefinitionContext DATABASES = new ResourceDefinitionContext.Builder()
            .withGroup("example.com").withVersion("v1").withKind("Database").withPlural("databases")
            .withNamespaced(true).build();
    @LocalServerPort
    int port;
    static KubernetesClient client;

    @BeforeEach
    void connect() throws Exception {
        if (client == null) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
        if (client.apiextensions().v1().customResourceDefinitions().withName("databases.example.com").get() == null) {
            try (InputStream in = getClass().getResourceAsStream("/crd/databases-crd.yaml")) {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
            }
            client.apiextensions().v1().customResourceDefinitions().withName("databases.example.com")
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions()
                            .stream().anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")),
                            10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private static GenericKubernetesResource database(String name, Object replicas) {
        return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Database")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("engine", "postgres", "replicas", replicas,
                        "unknownField", "dropped")))
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }

    @Test
    void anEstablishedCrdServesItsKindWithPruningDefaultsAndAcceptedNames() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("databases.example.com").get();
        assertThat(crd.getStatus().getAcceptedNames().getKind()).isEqualTo("Database");
        assertThat(crd.getStatus().getConditions()).anyMatch(c -> c.getType().equals("NamesAccepted")
                && c.getStatus().equals("True"));
        assertThat(crd.getMetadata().getFinalizers()).contains("customresourcecleanup.apiextensions.k8s.io");

        GenericKubernetesResource created = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Database")
                        .withNewMetadata().withName("defaulted").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("engine", "mysql", "extra", 1))).build())
                .create();
        assertThat(spec(created)).containsEntry("replicas", 1).doesNotContainKey("extra");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void invalidObjectsAreRefusedWithKubernetesFieldErrors() {
        assertThatThrownBy(() -> client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(database("bad-type", "two")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage()).contains("Database.example.com \"bad-type\" is invalid: "
                            + "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type "
                            + "integer: \"string\"");
                });
        assertThatThrownBy(() -> client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(database("too-many", 9)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e ->
                        assertThat(e.getStatus().getMessage()).contains("spec: Invalid value: \"object\": at most 5 replicas"));
    }

    @Test
    void patchesWatchesStatusAndScaleWorkOnCustomObjects() {
        client.genericKubernetesResources(DATABASES).inNamespace("default").resource(database("orders", 2)).create();
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch w = client.genericKubernetesResources(DATABASES).inNamespace("default").withName("orders")
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource resource) {
                        events.add(action + " " + spec(resource).get("replicas"));
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                    }
                })) {
            GenericKubernetesResource patched = client.genericKubernetesResources(DATABASES).inNamespace("default")
                    .withName("orders").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":3}}");
            assertThat(spec(patched)).containsEntry("replicas", 3);
            assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("MODIFIED 3"));
        }

        GenericKubernetesResource withStatus = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withName("orders").get();
        withStatus.getAdditionalProperties().put("status", Map.of("replicas", 3, "readyReplicas", 2,
                "selector", "app=orders"));
        GenericKubernetesResource updated = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(withStatus).updateStatus();
        assertThat(updated.getAdditionalProperties().get("status")).isEqualTo(Map.of("replicas", 3,
                "readyReplicas", 2, "selector", "app=orders"));
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);

        GenericKubernetesResource statusIgnored = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withName("orders").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{\"readyReplicas\":0}}");
        assertThat(statusIgnored.getAdditionalProperties().get("status")).isEqualTo(Map.of("replicas", 3,
                "readyReplicas", 2, "selector", "app=orders"));
        GenericKubernetesResource jsonPatched = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withName("orders").patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"replace\",\"path\":\"/spec/engine\",\"value\":\"mysql\"}]");
        assertThat(spec(jsonPatched)).containsEntry("engine", "mysql");

        client.genericKubernetesResources(DATABASES).inNamespace("default").withName("orders").scale(4);
        GenericKubernetesResource scaled = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withName("orders").get();
        assertThat(spec(scaled)).containsEntry("replicas", 4);
    }

    @Test
    void aStatefulSetOwnedByACustomObjectIsDeletedWithIt() {
        GenericKubernetesResource db = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(database("owner", 1)).create();
        StatefulSet sts = new StatefulSetBuilder().withNewMetadata().withName("owner-db").withNamespace("default")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("example.com/v1").withKind("Database")
                        .withName("owner").withUid(db.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("owner-db")
                .withNewSelector().addToMatchLabels("app", "owner-db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "owner-db").endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres:16").endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().statefulSets().inNamespace("default").resource(sts).create();

        client.genericKubernetesResources(DATABASES).inNamespace("default").withName("owner").delete();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                client.apps().statefulSets().inNamespace("default").withName("owner-db").get() == null);
    }

    @Test
    void strategicMergePatchIsRefusedAndDryRunAndStrictFieldValidationWork() {
        client.genericKubernetesResources(DATABASES).inNamespace("default").resource(database("dry", 1)).create();
        assertThatThrownBy(() -> client.genericKubernetesResources(DATABASES).inNamespace("default").withName("dry")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"replicas\":2}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
        GenericKubernetesResource dry = client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withName("dry").dryRun().patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":2}}");
        assertThat(spec(dry)).containsEntry("replicas", 2);
        assertThat(spec(client.genericKubernetesResources(DATABASES).inNamespace("default").withName("dry").get()))
                .containsEntry("replicas", 1);
        assertThatThrownBy(() -> client.genericKubernetesResources(DATABASES).inNamespace("default")
                .resource(database("strict", 1)).fieldValidation(io.fabric8.kubernetes.client.dsl.FieldValidateable
                        .Validation.STRICT).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    assertThat(e.getStatus().getMessage()).contains("unknown field \"spec.unknownField\"");
                });
    }

    @Test
    void labelAndFieldSelectorsAndPagingListCustomObjects() {
        for (int i = 0; i < 3; i++) {
            GenericKubernetesResource r = database("page-" + i, 1);
            r.getMetadata().setLabels(Map.of("tier", i == 0 ? "gold" : "silver"));
            client.genericKubernetesResources(DATABASES).inNamespace("default").resource(r).create();
        }
        assertThat(client.genericKubernetesResources(DATABASES).inNamespace("default").withLabel("tier", "gold")
                .list().getItems()).extracting(r -> r.getMetadata().getName()).containsExactly("page-0");
        assertThat(client.genericKubernetesResources(DATABASES).inNamespace("default")
                .withField("metadata.name", "page-2").list().getItems()).hasSize(1);
        var first = client.genericKubernetesResources(DATABASES).inNamespace("default").withLabel("tier")
                .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLabelSelector("tier").withLimit(2L).build());
        assertThat(first.getItems()).hasSize(2);
        assertThat(first.getMetadata().getContinue()).isNotBlank();
    }

    @Test
    void deletingTheCrdDeletesItsObjectsAndWithdrawsTheKind() throws Exception {
        ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder().withGroup("widgets.example.com")
                .withVersion("v1alpha1").withKind("Widget").withPlural("widgets").withNamespaced(false).build();
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.widgets.example.com}
                spec:
                  group: widgets.example.com
                  scope: Cluster
                  names: {kind: Widget, plural: widgets}
                  versions:
                  - name: v1alpha1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """;
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .load(new java.io.ByteArrayInputStream(yaml.getBytes())).item();
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client.apiextensions().v1().customResourceDefinitions().withName("widgets.widgets.example.com")
                .waitUntilCondition(c -> c.getStatus().getConditions().stream()
                        .anyMatch(k -> k.getType().equals("Established") && k.getStatus().equals("True")), 10,
                        java.util.concurrent.TimeUnit.SECONDS);
        client.genericKubernetesResources(widgets).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("widgets.example.com/v1alpha1").withKind("Widget").withNewMetadata().withName("w1")
                .endMetadata().withAdditionalProperties(Map.of("spec", Map.of("anything", List.of(1, 2)))).build())
                .create();
        assertThat(spec(client.genericKubernetesResources(widgets).withName("w1").get())).containsEntry("anything",
                List.of(1, 2));

        client.apiextensions().v1().customResourceDefinitions().withName("widgets.widgets.example.com").delete();
        await().atMost(Duration.ofSeconds(15)).until(() -> client.apiextensions().v1().customResourceDefinitions()
                .withName("widgets.widgets.example.com").get() == null);
        assertThat(client.genericKubernetesResources(widgets).withName("w1").get()).isNull();
        assertThat(client.getApiGroups().getGroups()).noneMatch(g -> g.getName().equals("widgets.example.com"));
    }

    @Test
    void aCrdWhoseKindIsTakenIsNotEstablished() {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: statefulsets.copies.example.com}
                spec:
                  group: copies.example.com
                  scope: Namespaced
                  names: {kind: StatefulSet, plural: statefulsets}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object}}
                """;
        client.apiextensions().v1().customResourceDefinitions()
                .resource(client.apiextensions().v1().customResourceDefinitions()
                        .load(new java.io.ByteArrayInputStream(yaml.getBytes())).item()).create();
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                .withName("statefulsets.copies.example.com").waitUntilCondition(c -> c.getStatus().getConditions()
                        .stream().anyMatch(k -> k.getType().equals("NamesAccepted")), 10,
                        java.util.concurrent.TimeUnit.SECONDS);
        assertThat(crd.getStatus().getConditions()).anyMatch(c -> c.getType().equals("NamesAccepted")
                && c.getStatus().equals("False") && c.getReason().equals("KindConflict")
                && c.getMessage().equals("\"StatefulSet\" is already in use"));
        assertThat(crd.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Established")
                && c.getStatus().equals("False"));
        client.apiextensions().v1().customResourceDefinitions().withName("statefulsets.copies.example.com").delete();
    }

    @Test
    void anInvalidCrdIsRefusedWithKubernetesMessages() {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {kind: Thing, plural: things}
                  conversion: {strategy: Webhook}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, properties: {spec: {properties: {a: {type: string}}}}}}
                """;
        assertThatThrownBy(() -> client.apiextensions().v1().customResourceDefinitions()
                .resource(client.apiextensions().v1().customResourceDefinitions()
                        .load(new java.io.ByteArrayInputStream(yaml.getBytes())).item()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getMessage())
                            .contains("CustomResourceDefinition.apiextensions.k8s.io \"things.example.com\" is invalid")
                            .contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: "
                                    + "must not be empty for specified object fields")
                            .contains("spec.conversion.strategy: Unsupported value: \"Webhook\": supported values: \"None\"");
                });
    }
}
