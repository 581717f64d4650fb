package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CustomKindsTest {

    private static JsonNode widgets() throws Exception {
        try (InputStream in = CustomKindsTest.class.getResourceAsStream("/crd/widgets-crd.yaml")) {
            return Json.YAML.readTree(in);
        }
    }

    @Test
    void aCrdIsDefinedAtItsStorageVersionAndViewedAtEachOtherServedVersion() throws Exception {
        List<KindDefinition> defs = CustomKinds.definitions(widgets());
        assertThat(defs).extracting(d -> d.type().version()).containsExactly("v1", "v1beta1");
        assertThat(defs.get(0).stored()).isTrue();
        assertThat(defs.get(1).storedAs()).contains(defs.get(0).type());
        assertThat(defs.get(1).columns()).extracting(c -> c.name()).contains("Beta-Size");
        assertThat(defs.get(1).schema().orElseThrow().path("description").asString())
                .isEqualTo("A widget, as v1beta1 describes it.");
    }

    @Test
    void theRegistrarServesAndWithdrawsEveryServedVersion() throws Exception {
        KindRegistry kinds = KindRegistry.of();
        CustomKindRegistrar registrar = new CustomKindRegistrar(kinds, null);
        registrar.serve(widgets());
        assertThat(kinds.versions("versions.example.com")).containsExactly("v1", "v1beta1");
        assertThat(kinds.findByResource("versions.example.com", "v1alpha1", "widgets")).isEmpty();
        long generation = kinds.generation();
        registrar.serve(widgets());
        assertThat(kinds.generation()).isEqualTo(generation);
        registrar.withdraw(widgets());
        assertThat(kinds.all()).isEmpty();
    }
}
