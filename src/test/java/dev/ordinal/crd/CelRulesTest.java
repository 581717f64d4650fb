package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CelRulesTest {

    private static JsonNode json(String s) {
        // Single quotes stand for JSON's double quotes; backticks for CEL's single-quoted strings.
        return Json.MAPPER.readTree(s.replace('\'', '"').replace('`', '\''));
    }

    private static JsonNode schema(String rules) {
        return json("{'type':'object','properties':{'spec':{'type':'object','x-kubernetes-validations':" + rules
                + ",'properties':{'replicas':{'type':'integer'},'max':{'type':'integer'},'name':{'type':'string'},"
                + "'items':{'type':'array','items':{'type':'string'}}}}}}");
    }

    private static List<String> errors(JsonNode schema, String obj, String old) {
        return CelRules.validate(schema, json(obj), old == null ? null : json(old)).stream().map(FieldError::text)
                .toList();
    }

    @Test
    void aHoldingRuleGivesNoError() {
        assertThat(errors(schema("[{'rule':'self.replicas <= self.max'}]"), "{'spec':{'replicas':2,'max':3}}", null))
                .isEmpty();
    }

    @Test
    void aFailingRuleUsesItsMessageOrTheDefaultOne() {
        assertThat(errors(schema("[{'rule':'self.replicas <= self.max','message':'too many'}]"),
                "{'spec':{'replicas':4,'max':3}}", null)).containsExactly("spec: Invalid value: \"object\": too many");
        assertThat(errors(schema("[{'rule':'self.replicas <= self.max'}]"), "{'spec':{'replicas':4,'max':3}}", null))
                .containsExactly("spec: Invalid value: \"object\": failed rule: self.replicas <= self.max");
    }

    @Test
    void messageExpressionsFormTheMessage() {
        assertThat(errors(schema("[{'rule':'self.replicas <= 3','messageExpression':'`replicas is ` + string(self.replicas)'}]"),
                "{'spec':{'replicas':4}}", null)).containsExactly("spec: Invalid value: \"object\": replicas is 4");
    }

    @Test
    void macrosAndStringFunctionsWork() {
        JsonNode s = schema("[{'rule':'has(self.name) && self.name.startsWith(`db-`) && self.items.all(i, size(i) < 4)'}]");
        assertThat(errors(s, "{'spec':{'name':'db-a','items':['ab','c']}}", null)).isEmpty();
        assertThat(errors(s, "{'spec':{'name':'x','items':[]}}", null)).hasSize(1);
    }

    @Test
    void transitionRulesCompareWithTheOldObjectOnlyOnUpdate() {
        JsonNode s = schema("[{'rule':'self.replicas >= oldSelf.replicas','message':'may not shrink'}]");
        assertThat(errors(s, "{'spec':{'replicas':1}}", null)).isEmpty();
        assertThat(errors(s, "{'spec':{'replicas':1}}", "{'spec':{'replicas':2}}"))
                .containsExactly("spec: Invalid value: \"object\": may not shrink");
        assertThat(errors(s, "{'spec':{'replicas':3}}", "{'spec':{'replicas':2}}")).isEmpty();
    }

    @Test
    void reasonAndFieldPathShapeTheError() {
        assertThat(errors(schema("[{'rule':'has(self.name)','reason':'FieldValueRequired','fieldPath':'.name',"
                + "'message':'name is needed'}]"), "{'spec':{}}", null))
                .containsExactly("spec.name: Required value: name is needed");
    }

    @Test
    void rulesThatDoNotCompileAreReportedAtTheirPlaceInTheCrd() {
        List<FieldError> errs = CelRules.compileErrors(schema("[{'rule':'self.replicas >'}]"),
                "spec.versions[0].schema.openAPIV3Schema");
        assertThat(errs).hasSize(1);
        assertThat(errs.get(0).field()).isEqualTo(
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule");
        assertThat(errs.get(0).body()).contains("compilation failed");
    }

    @Test
    void aRuntimeErrorIsAnInvalidValueNotAnException() {
        assertThat(errors(schema("[{'rule':'self.missing > 1'}]"), "{'spec':{'replicas':1}}", null))
                .singleElement().asString().startsWith("spec: Invalid value: \"object\": rule evaluation failed");
    }
}
