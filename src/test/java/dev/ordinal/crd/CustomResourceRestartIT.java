package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import dev.ordinal.OrdinalApplication;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored, established CRD is served again, at each of its served versions, after the whole service restarts on the
 * same database, and the objects written before the restart are read at both versions.
 */
class CustomResourceRestartIT {
    private static final String CRD = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"gadgets.restart.example.com"},
             "spec":{"group":"restart.example.com","scope":"Namespaced",
              "names":{"kind":"Gadget","plural":"gadgets","singular":"gadget"},
              "versions":[
               {"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                "properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}},
               {"name":"v1beta1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object",
                "properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}}]}}""";

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(OrdinalApplication.class).run(
                "--server.port=0",
                "--ordinal.embedded-postgres.data-dir=" + dataDir,
                "--ordinal.controllers.enabled=false");
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void anEstablishedCrdAndItsObjectsAreServedAgainAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("ordinal-crd-restart");
        String uid;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            ResourceStore store = first.getBean(ResourceStore.class);
            KindRegistry kinds = first.getBean(KindRegistry.class);
            // The controllers are off: establish the CRD as its reconciler would.
            store.create(ResourceTypes.CUSTOM_RESOURCE_DEFINITION, null, Json.parse(CRD));
            store.awaitLatest();
            ObjectNode established = store.modify(ResourceTypes.CUSTOM_RESOURCE_DEFINITION, null,
                    "gadgets.restart.example.com", true, c -> CrdConditions.set(c, "Established", "True",
                            "InitialNamesAccepted", "the initial names have been accepted", Instant.now())).get();
            first.getBean(CustomKindRegistrar.class).serve(established);
            assertThat(kinds.findByResource("restart.example.com", "v1beta1", "gadgets")).isPresent();
            ResourceType beta = kinds.findByResource("restart.example.com", "v1beta1", "gadgets").get().type();
            ObjectNode created = store.create(beta, "default", Json.parse("""
                    {"apiVersion":"restart.example.com/v1beta1","kind":"Gadget","metadata":{"name":"kept"},
                     "spec":{"size":3}}"""));
            assertThat(Json.str(created, "apiVersion")).isEqualTo("restart.example.com/v1");
            uid = Json.uid(created);
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            KindRegistry kinds = second.getBean(KindRegistry.class);
            assertThat(kinds.findByResource("restart.example.com", "v1", "gadgets")).isPresent();
            assertThat(kinds.findByResource("restart.example.com", "v1beta1", "gadgets")).isPresent();
            ApiClient api = api(second);
            ApiClient.Response atBeta = api.get("/apis/restart.example.com/v1beta1/namespaces/default/gadgets/kept");
            assertThat(atBeta.code()).isEqualTo(200);
            assertThat(atBeta.str("apiVersion")).isEqualTo("restart.example.com/v1beta1");
            assertThat(atBeta.str("metadata", "uid")).isEqualTo(uid);
            assertThat(atBeta.json().path("spec").path("size").asInt()).isEqualTo(3);
            ApiClient.Response list = api.get("/apis/restart.example.com/v1/namespaces/default/gadgets");
            assertThat(list.json().path("items").path(0).path("apiVersion").asString())
                    .isEqualTo("restart.example.com/v1");
        }
    }
}
