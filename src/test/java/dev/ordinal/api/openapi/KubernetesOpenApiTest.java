package dev.ordinal.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAPI v3 documents follow the registry, also when a kind is registered while the server runs. */
class KubernetesOpenApiTest {
    private static final ResourceType WIDGET = new ResourceType("example.com", "v1alpha1", "Widget", "widgets",
            "widget", true, List.of(), List.of("status"), List.of());

    @Test
    void aKindRegisteredAtRunTimeGetsItsGroupVersionDocumentAndLosesItWhenWithdrawn() {
        KindRegistry kinds = KindRegistry.of(KindDefinition.builder(ResourceTypes.POD)
                .schema(KubernetesSchemas.nameOf(ResourceTypes.POD), KubernetesSchemas.of(ResourceTypes.POD)).build());
        KubernetesOpenApi openApi = new KubernetesOpenApi(kinds);
        assertThat(openApi.groupVersionPaths()).containsExactly("api/v1");

        kinds.register(KindDefinition.builder(WIDGET).build());
        ObjectNode doc = openApi.document("apis/example.com/v1alpha1").orElseThrow().document();
        assertThat(doc.get("paths").has("/apis/example.com/v1alpha1/namespaces/{namespace}/widgets/{name}/status"))
                .isTrue();
        assertThat(doc.get("components").get("schemas").has("dev.ordinal.example_com.v1.Widget")).isTrue();
        assertThat(doc.get("paths").get("/apis/example.com/v1alpha1/namespaces/{namespace}/widgets").get("get")
                .get("operationId").asString()).isEqualTo("listExampleComV1alpha1NamespacedWidget");

        kinds.withdraw(WIDGET);
        assertThat(openApi.groupVersionPaths()).containsExactly("api/v1");
    }
}
