package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
    /** The definition of a built-in kind as far as these checks read it: its schema. */
    private static dev.ordinal.core.KindDefinition builtIn(ResourceType type) {
        return dev.ordinal.api.openapi.KubernetesSchemas.builtIn(type).build();
    }


    @Test
    void typosDeepInTheTemplateAreFoundInDocumentOrderAsTheDecoderMeetsThem() {
        var sts = Json.parse("""
                {"spec":{"template":{"spec":{"containers":[{"name":"c","imagee":"x",
                  "ports":[{"containerPort":80,"protocl":"TCP"}],"env":[{"name":"A","vlaue":"1"}]}],
                  "volumes":[{"name":"v","emptyDri":{}}],"nodeSelectr":{}}}}}
                """);
        assertThat(UnknownFields.find(builtIn(ResourceTypes.STATEFUL_SET), sts)).containsExactly(
                "spec.template.spec.containers[0].imagee",
                "spec.template.spec.containers[0].ports[0].protocl",
                "spec.template.spec.containers[0].env[0].vlaue",
                "spec.template.spec.volumes[0].emptyDri",
                "spec.template.spec.nodeSelectr");
    }

    @Test
    void commonValidFieldsAndPatchDirectivesAreAccepted() {
        var pod = Json.parse("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b"}},
                 "spec":{"serviceAccountName":"sa","nodeSelector":{"k":"v"},"affinity":{"nodeAffinity":{}},
                  "tolerations":[{"key":"k","operator":"Exists"}],"securityContext":{"runAsUser":1},
                  "$setElementOrder/containers":[{"name":"c"}],
                  "containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"1"}},
                   "livenessProbe":{"httpGet":{"path":"/","port":80}},"readinessProbe":{"exec":{"command":["true"]}},
                   "env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}],
                   "securityContext":{"privileged":false},"command":["sh"],"args":["-c"],
                   "volumeMounts":[{"name":"v","mountPath":"/v","readOnly":true}]},
                   {"$patch":"delete","name":"old"}],
                  "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"c"}},{"name":"s","configMap":{"name":"x"}}]}}
                """);
        assertThat(UnknownFields.find(builtIn(ResourceTypes.POD), pod)).isEmpty();
    }

    @Test
    void claimTemplatesAndStrategyAreChecked() {
        var sts = Json.parse("""
                {"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partiton":1}},
                 "volumeClaimTemplates":[{"metadata":{"name":"www"},"spec":{"accessMode":["ReadWriteOnce"]}}]}}
                """);
        assertThat(UnknownFields.find(builtIn(ResourceTypes.STATEFUL_SET), sts)).containsExactly(
                "spec.updateStrategy.rollingUpdate.partiton", "spec.volumeClaimTemplates[0].spec.accessMode");
    }

    @Test
    void manifestsUsingNearlyEveryFieldOfTheirKindsAreAcceptedWithoutWarningOrTypeError() throws Exception {
        for (String file : java.util.List.of("every-field-statefulset.yaml", "every-field-others.yaml",
                "seed-statefulset.yaml", "seed-rc-shared-claim.yaml", "nginx-headless-service.yaml")) {
            String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/manifests", file));
            for (var doc : Json.YAML.readValues(Json.YAML.createParser(yaml), tools.jackson.databind.JsonNode.class)
                    .readAll()) {
                var kind = builtIn(typeOf(doc));
                assertThat(UnknownFields.find(kind, doc)).as(file + " " + Json.kind(doc)).isEmpty();
                org.assertj.core.api.Assertions.assertThatCode(() -> FieldTypes.check(kind, doc))
                        .as(file + " " + Json.kind(doc)).doesNotThrowAnyException();
            }
        }
    }

    private static ResourceType typeOf(tools.jackson.databind.JsonNode doc) throws IllegalAccessException {
        for (var f : ResourceTypes.class.getFields()) {
            if (f.get(null) instanceof ResourceType t && t.kind().equals(Json.kind(doc))
                    && t.apiVersion().equals(Json.str(doc, "apiVersion"))) {
                return t;
            }
        }
        throw new AssertionError("no built-in kind for " + Json.kind(doc));
    }
}
