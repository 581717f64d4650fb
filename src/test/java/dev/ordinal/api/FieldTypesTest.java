package dev.ordinal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;

class FieldTypesTest {
    /** The definition of a built-in kind as far as these checks read it: its schema. */
    private static dev.ordinal.core.KindDefinition builtIn(ResourceType type) {
        return dev.ordinal.api.openapi.KubernetesSchemas.builtIn(type).build();
    }

    private static final String STS = """
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
             "spec":{"replicas":%s,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":%s}}}}""";

    @Test
    void aStringWhereANumberBelongsIsABadRequestInTheDecodersWords() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET),
                Json.parse(STS.formatted("\"three\"", "[{\"name\":\"c\",\"image\":\"i\"}]"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("StatefulSet in version \"v1\" cannot be handled as a "
                            + "StatefulSet: json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32");
                });
    }

    @Test
    void nestedPodTemplateFieldsAreCheckedWithTheirIndexes() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET), Json.parse(STS.formatted("3",
                "[{\"name\":\"c\",\"image\":\"i\",\"ports\":[{\"containerPort\":\"80\"}]}]"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .endsWith("cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports"
                                + ".containerPort of type int32"));
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET), Json.parse(STS.formatted("3", "\"nope\""))))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void numbersOutsideInt32AreRejectedWithTheirValue() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET),
                Json.parse(STS.formatted("4294967296", "[{\"name\":\"c\",\"image\":\"i\"}]"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                        "cannot unmarshal number 4294967296 into Go struct field StatefulSetSpec.spec.replicas of type int32"));
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET),
                Json.parse(STS.formatted("1.5", "[{\"name\":\"c\",\"image\":\"i\"}]"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("number 1.5"));
    }

    @Test
    void labelValuesMustBeStrings() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.POD),
                Json.parse("{\"metadata\":{\"name\":\"p\",\"labels\":{\"a\":1}}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
                        .endsWith("cannot unmarshal number 1 into Go struct field ObjectMeta.metadata.labels of type string"));
    }

    @Test
    void theArticlesManifestsAreWellTyped() throws Exception {
        for (String file : List.of("seed-statefulset.yaml", "seed-statefulset-parallel.yaml")) {
            String yaml = Files.readString(Path.of("src/test/resources/manifests", file));
            assertThatCode(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET), Json.YAML.readTree(yaml)))
                    .doesNotThrowAnyException();
        }
        for (var doc : Json.YAML.readValues(Json.YAML.createParser(
                Files.readString(Path.of("src/test/resources/manifests/seed-rc-shared-claim.yaml"))),
                tools.jackson.databind.JsonNode.class).readAll()) {
            ResourceType type = java.util.stream.Stream.of(ResourceTypes.REPLICATION_CONTROLLER,
                    ResourceTypes.PERSISTENT_VOLUME_CLAIM, ResourceTypes.PERSISTENT_VOLUME, ResourceTypes.SERVICE)
                    .filter(t -> t.kind().equals(Json.kind(doc))).findFirst().orElseThrow();
            assertThatCode(() -> FieldTypes.check(builtIn(type), doc)).doesNotThrowAnyException();
        }
    }

    @Test
    void pruneRemovesUnknownFieldsAtIndexedPaths() {
        var obj = Json.parse("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\",\"imagee\":\"x\"}]}},\"bogus\":1}}");
        UnknownFields.prune(obj, List.of("spec.template.spec.containers[0].imagee", "spec.bogus"));
        assertThat(Json.write(obj)).isEqualTo("{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"c\"}]}}}}");
    }

    @Test
    void finalizersAndOwnerReferencesHaveTheirTypesChecked() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.CONTROLLER_REVISION),
                Json.parse("{\"metadata\":{\"name\":\"r\",\"finalizers\":[{}]},\"revision\":1}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                        "cannot unmarshal object into Go struct field ObjectMeta.metadata.finalizers of type string"));
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.POD),
                Json.parse("{\"metadata\":{\"name\":\"p\",\"ownerReferences\":[{\"uid\":1}]}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                        "cannot unmarshal number 1 into Go struct field OwnerReference.metadata.ownerReferences.uid of type string"));
    }

    @Test
    void everyTypedFieldOfTheSchemaIsCheckedNotOnlyThoseControllersRead() {
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.STATEFUL_SET), Json.parse(STS.formatted("3",
                "[{\"name\":\"c\",\"image\":\"i\",\"workingDir\":7}]"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                        "cannot unmarshal number 7 into Go struct field Container.spec.template.spec.containers.workingDir"
                                + " of type string"));
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.SERVICE),
                Json.parse("{\"metadata\":{\"name\":\"s\"},\"spec\":{\"publishNotReadyAddresses\":\"yes\"}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                        "cannot unmarshal string into Go struct field ServiceSpec.spec.publishNotReadyAddresses of type bool"));
    }

    @Test
    void quantitiesAndIntOrStringsTakeANumberOrAString() {
        assertThatCode(() -> FieldTypes.check(builtIn(ResourceTypes.PERSISTENT_VOLUME_CLAIM), Json.parse("""
                {"metadata":{"name":"c"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":1}}}}
                """))).doesNotThrowAnyException();
        assertThatCode(() -> FieldTypes.check(builtIn(ResourceTypes.SERVICE), Json.parse("""
                {"metadata":{"name":"s"},"spec":{"ports":[{"port":80,"targetPort":"web"},{"port":81,"targetPort":8081}]}}
                """))).doesNotThrowAnyException();
        assertThatThrownBy(() -> FieldTypes.check(builtIn(ResourceTypes.PERSISTENT_VOLUME_CLAIM), Json.parse("""
                {"metadata":{"name":"c"},"spec":{"resources":{"requests":{"storage":true}}}}
                """))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).endsWith(
                "of type resource.Quantity"));
    }
}
