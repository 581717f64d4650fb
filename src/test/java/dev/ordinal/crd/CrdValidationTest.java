package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CrdValidationTest {

    private static ObjectNode crd() {
        return (ObjectNode) Json.MAPPER.readTree(("{'apiVersion':'apiextensions.k8s.io/v1','kind':'CustomResourceDefinition',"
                + "'metadata':{'name':'databases.example.com'},'spec':{'group':'example.com','scope':'Namespaced',"
                + "'names':{'plural':'databases','singular':'database','kind':'Database','listKind':'DatabaseList'},"
                + "'versions':[{'name':'v1','served':true,'storage':true,'schema':{'openAPIV3Schema':{'type':'object',"
                + "'properties':{'spec':{'type':'object','properties':{'replicas':{'type':'integer'}}}}}}}]}}")
                .replace('\'', '"'));
    }

    private static List<String> errors(JsonNode crd) {
        return CrdValidation.validate(crd).stream().map(FieldError::text).toList();
    }

    private static ObjectNode at(ObjectNode crd, String pointer) {
        return (ObjectNode) crd.at(pointer);
    }

    @Test
    void aWellFormedCrdIsValid() {
        assertThat(errors(crd())).isEmpty();
    }

    @Test
    void theNameMustBePluralDotGroup() {
        ObjectNode crd = crd();
        Json.meta(crd).put("name", "dbs.example.com");
        assertThat(errors(crd)).containsExactly(
                "metadata.name: Invalid value: \"dbs.example.com\": must be spec.names.plural+\".\"+spec.group");
    }

    @Test
    void theGroupNeedsADot() {
        ObjectNode crd = crd();
        at(crd, "/spec").put("group", "example");
        Json.meta(crd).put("name", "databases.example");
        assertThat(errors(crd)).containsExactly(
                "spec.group: Invalid value: \"example\": should be a domain with at least one dot");
    }

    @Test
    void theScopeIsNamespacedOrCluster() {
        ObjectNode crd = crd();
        at(crd, "/spec").put("scope", "Global");
        assertThat(errors(crd)).containsExactly(
                "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"");
    }

    @Test
    void exactlyOneVersionIsTheStorageVersion() {
        ObjectNode crd = crd();
        at(crd, "/spec/versions/0").put("storage", false);
        assertThat(errors(crd)).singleElement().asString().startsWith("spec.versions: Invalid value: ")
                .endsWith(": must have exactly one version marked as storage version");
    }

    @Test
    void namesAreDns1035LabelsAndKindsMayHaveMixedCase() {
        ObjectNode crd = crd();
        at(crd, "/spec/names").put("singular", "Data_base").put("listKind", "Database");
        at(crd, "/spec/names").putArray("shortNames").add("DB");
        assertThat(errors(crd)).containsExactly(
                "spec.names.singular: Invalid value: \"Data_base\": a DNS-1035 label must consist of lower case "
                        + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                        + "'[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.names.shortNames[0]: Invalid value: \"DB\": a DNS-1035 label must consist of lower case "
                        + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                        + "'[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.names.listKind: Invalid value: \"Database\": kind and listKind may not be the same");
    }

    @Test
    void everyVersionNeedsAStructuralSchema() {
        ObjectNode crd = crd();
        at(crd, "/spec/versions/0").remove("schema");
        assertThat(errors(crd)).containsExactly(
                "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required");
    }

    @Test
    void aFieldWithoutTypeIsNotStructural() {
        ObjectNode crd = crd();
        at(crd, "/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties").putObject("free");
        assertThat(errors(crd)).containsExactly("spec.versions[0].schema.openAPIV3Schema.properties[spec]"
                + ".properties[free].type: Required value: must not be empty for specified object fields");
    }

    @Test
    void propertiesAndAdditionalPropertiesExcludeEachOther() {
        ObjectNode crd = crd();
        at(crd, "/spec/versions/0/schema/openAPIV3Schema/properties/spec").putObject("additionalProperties")
                .put("type", "string");
        assertThat(errors(crd)).containsExactly("spec.versions[0].schema.openAPIV3Schema.properties[spec]"
                + ".additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
    }

    @Test
    void webhookConversionIsRefused() {
        ObjectNode crd = crd();
        at(crd, "/spec").putObject("conversion").put("strategy", "Webhook");
        assertThat(errors(crd)).containsExactly(
                "spec.conversion.strategy: Unsupported value: \"Webhook\": supported values: \"None\"");
    }

    @Test
    void groupAndPluralCannotChange() {
        ObjectNode old = crd();
        ObjectNode changed = crd();
        at(changed, "/spec/names").put("plural", "dbs");
        Json.meta(changed).put("name", "dbs.example.com");
        assertThat(CrdValidation.validateUpdate(changed, old).stream().map(FieldError::text))
                .contains("spec.names.plural: Invalid value: \"dbs\": field is immutable");
    }
}
