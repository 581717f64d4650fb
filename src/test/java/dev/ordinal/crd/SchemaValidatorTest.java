package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaValidatorTest {

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s.replace('\'', '"'));
    }

    private static List<String> errors(String schema, String object) {
        return SchemaValidator.validate(json(schema), json(object)).stream().map(FieldError::text).toList();
    }

    private static final String SPEC = "{'type':'object','properties':{'spec':{'type':'object','properties':%s}}}";

    private static String spec(String properties) {
        return SPEC.formatted(properties);
    }

    @Test
    void aValidObjectHasNoErrors() {
        assertThat(errors(spec("{'replicas':{'type':'integer'}}"), "{'spec':{'replicas':3}}")).isEmpty();
    }

    @Test
    void aWrongTypeIsReportedAsKubernetesDoes() {
        assertThat(errors(spec("{'replicas':{'type':'integer'}}"), "{'spec':{'replicas':'three'}}"))
                .containsExactly("spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type "
                        + "integer: \"string\"");
    }

    @Test
    void aFractionIsNotAnIntegerButAWholeFloatIs() {
        assertThat(errors(spec("{'n':{'type':'integer'}}"), "{'spec':{'n':1.5}}"))
                .containsExactly("spec.n: Invalid value: \"number\": spec.n in body must be of type integer: \"number\"");
        assertThat(errors(spec("{'n':{'type':'integer'}}"), "{'spec':{'n':2.0}}")).isEmpty();
    }

    @Test
    void requiredFieldsMustBePresent() {
        assertThat(errors("{'type':'object','properties':{'spec':{'type':'object','required':['engine'],"
                + "'properties':{'engine':{'type':'string'}}}}}", "{'spec':{}}"))
                .containsExactly("spec.engine: Required value");
    }

    @Test
    void enumRefusesOtherValuesListingTheSupportedOnes() {
        assertThat(errors(spec("{'engine':{'type':'string','enum':['postgres','mysql']}}"), "{'spec':{'engine':'oracle'}}"))
                .containsExactly("spec.engine: Unsupported value: \"oracle\": supported values: \"postgres\", \"mysql\"");
    }

    @Test
    void minimumAndMaximumAreInclusiveUnlessExclusive() {
        String schema = spec("{'a':{'type':'integer','minimum':1,'maximum':5},"
                + "'b':{'type':'integer','minimum':1,'exclusiveMinimum':true,'maximum':5,'exclusiveMaximum':true}}");
        assertThat(errors(schema, "{'spec':{'a':1,'b':2}}")).isEmpty();
        assertThat(errors(schema, "{'spec':{'a':0,'b':1}}")).containsExactly(
                "spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1",
                "spec.b: Invalid value: 1: spec.b in body should be greater than 1");
        assertThat(errors(schema, "{'spec':{'a':6,'b':5}}")).containsExactly(
                "spec.a: Invalid value: 6: spec.a in body should be less than or equal to 5",
                "spec.b: Invalid value: 5: spec.b in body should be less than 5");
    }

    @Test
    void stringLengthsAndPatternsAreChecked() {
        String schema = spec("{'name':{'type':'string','minLength':2,'maxLength':4,'pattern':'^[a-z]+$'}}");
        assertThat(errors(schema, "{'spec':{'name':'abcde'}}"))
                .containsExactly("spec.name: Too long: may not be longer than 4");
        assertThat(errors(schema, "{'spec':{'name':'a'}}"))
                .containsExactly("spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long");
        assertThat(errors(schema, "{'spec':{'name':'AB'}}"))
                .containsExactly("spec.name: Invalid value: \"AB\": spec.name in body should match '^[a-z]+$'");
    }

    @Test
    void itemCountsAreChecked() {
        String schema = spec("{'l':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'string'}}}");
        assertThat(errors(schema, "{'spec':{'l':['a','b','c']}}"))
                .containsExactly("spec.l: Too many: 3: must have at most 2 items");
        assertThat(errors(schema, "{'spec':{'l':[]}}"))
                .containsExactly("spec.l: Invalid value: []interface {}{}: spec.l in body should have at least 1 items");
    }

    @Test
    void itemsAreValidatedAtTheirIndex() {
        assertThat(errors(spec("{'l':{'type':'array','items':{'type':'integer'}}}"), "{'spec':{'l':[1,'x']}}"))
                .containsExactly("spec.l[1]: Invalid value: \"string\": spec.l[1] in body must be of type integer: \"string\"");
    }

    @Test
    void intOrStringAcceptsBothAndNothingElse() {
        String schema = spec("{'port':{'x-kubernetes-int-or-string':true}}");
        assertThat(errors(schema, "{'spec':{'port':80}}")).isEmpty();
        assertThat(errors(schema, "{'spec':{'port':'http'}}")).isEmpty();
        assertThat(errors(schema, "{'spec':{'port':true}}")).containsExactly(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
    }

    @Test
    void nullIsRefusedUnlessNullable() {
        assertThat(errors(spec("{'a':{'type':'string'}}"), "{'spec':{'a':null}}"))
                .containsExactly("spec.a: Invalid value: \"null\": spec.a in body must be of type string: \"null\"");
        assertThat(errors(spec("{'a':{'type':'string','nullable':true}}"), "{'spec':{'a':null}}")).isEmpty();
    }

    @Test
    void formatsAreChecked() {
        String schema = spec("{'t':{'type':'string','format':'date-time'},'u':{'type':'string','format':'uuid'}}");
        assertThat(errors(schema, "{'spec':{'t':'2024-01-02T03:04:05Z','u':'123e4567-e89b-12d3-a456-426614174000'}}"))
                .isEmpty();
        assertThat(errors(schema, "{'spec':{'t':'yesterday'}}"))
                .containsExactly("spec.t: Invalid value: \"yesterday\": spec.t in body must be of type date-time: \"yesterday\"");
    }

    @Test
    void setListsRefuseDuplicates() {
        assertThat(errors(spec("{'s':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}}}"),
                "{'spec':{'s':['a','b','a']}}")).containsExactly("spec.s[2]: Duplicate value: \"a\"");
    }

    @Test
    void mapListsRefuseDuplicateKeys() {
        String schema = spec("{'m':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],"
                + "'items':{'type':'object','properties':{'name':{'type':'string'},'port':{'type':'integer'}}}}}");
        assertThat(errors(schema, "{'spec':{'m':[{'name':'a','port':1},{'name':'b','port':1}]}}")).isEmpty();
        assertThat(errors(schema, "{'spec':{'m':[{'name':'a','port':1},{'name':'a','port':2}]}}"))
                .containsExactly("spec.m[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}");
    }

    @Test
    void additionalPropertiesValidateMapValues() {
        assertThat(errors(spec("{'labels':{'type':'object','additionalProperties':{'type':'string'}}}"),
                "{'spec':{'labels':{'a':'x','b':2}}}"))
                .containsExactly("spec.labels.b: Invalid value: \"integer\": spec.labels.b in body must be of type string: \"integer\"");
    }

    @Test
    void embeddedResourcesNeedApiVersionAndKind() {
        assertThat(errors(spec("{'template':{'type':'object','x-kubernetes-embedded-resource':true,"
                + "'x-kubernetes-preserve-unknown-fields':true}}"), "{'spec':{'template':{'metadata':{'name':'x'}}}}"))
                .containsExactly("spec.template.apiVersion: Required value: must not be empty",
                        "spec.template.kind: Required value: must not be empty");
    }

    @Test
    void metadataApiVersionAndKindAtTheRootAreLeftToTheApiServer() {
        assertThat(errors("{'type':'object','properties':{'metadata':{'type':'object','properties':{'name':"
                + "{'type':'string','maxLength':3}}}}}", "{'apiVersion':'x/v1','kind':'X','metadata':{'name':'long-name'}}"))
                .isEmpty();
    }
}
