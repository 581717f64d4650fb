package dev.ordinal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Unknown fields found by walking a structural schema, as the API server prunes custom resources. */
class StructuralSchemaTest {
    private static final ObjectNode PORT = Json.parse("""
            {"type":"object","properties":{"name":{"type":"string"},"port":{"type":"integer"}}}""");
    private static final ObjectNode WIDGET = Json.parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{
                "replicas":{"type":"integer"},
                "ports":{"type":"array","items":{"$ref":"#/components/schemas/Port"}},
                "labels":{"type":"object","additionalProperties":{"type":"string"}},
                "config":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
                "template":{"allOf":[{"$ref":"#/components/schemas/Port"}],"description":"described reference"}}},
              "status":{"type":"object","properties":{"ready":{"type":"boolean"}}}}}""");

    @Test
    void reportsUndeclaredFieldsWithTheirPathsAndKeepsDeclaredOpenAndPreservedOnes() {
        StructuralSchema schema = StructuralSchema.of(WIDGET, Map.of("Port", PORT));
        ObjectNode obj = Json.parse("""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"extra":1,
                 "spec":{"replicas":1,"replicaz":2,"ports":[{"name":"a","port":80},{"nme":"b"}],
                         "labels":{"any":"thing"},"config":{"free":{"form":true}},"template":{"name":"t","bogus":1},
                         "$patch":"replace"},
                 "status":{"ready":true,"phase":"x"}}""");
        assertThat(schema.unknownFields(obj)).containsExactly("extra", "spec.replicaz", "spec.ports[1].nme",
                "spec.template.bogus", "status.phase");
    }

    @Test
    void aWellFormedObjectHasNoUnknownFields() {
        StructuralSchema schema = StructuralSchema.of(WIDGET, Map.of("Port", PORT));
        assertThat(schema.unknownFields(Json.parse("""
                {"apiVersion":"v1","kind":"Widget","metadata":{"name":"w","labels":{"a":"b"}},
                 "spec":{"replicas":3,"ports":[{"port":1}]}}"""))).isEmpty();
    }
}
