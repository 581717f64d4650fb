package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaPrunerTest {

    private static JsonNode json(String s) {
        return Json.MAPPER.readTree(s.replace('\'', '"'));
    }

    private static final JsonNode SCHEMA = json("{'type':'object','properties':{"
            + "'spec':{'type':'object','properties':{"
            + "  'replicas':{'type':'integer','default':1},"
            + "  'engine':{'type':'string','default':'postgres'},"
            + "  'backup':{'type':'object','default':{},'properties':{'schedule':{'type':'string','default':'@daily'}}},"
            + "  'ports':{'type':'array','items':{'type':'object','properties':{'name':{'type':'string'},"
            + "           'protocol':{'type':'string','default':'TCP'}}}},"
            + "  'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true,'properties':{"
            + "           'known':{'type':'object','properties':{'a':{'type':'string'}}}}},"
            + "  'labels':{'type':'object','additionalProperties':{'type':'string'}},"
            + "  'note':{'type':'string','nullable':true},"
            + "  'template':{'type':'object','x-kubernetes-embedded-resource':true,'properties':{'spec':{'type':'object'}}}"
            + "}},"
            + "'status':{'type':'object','properties':{'ready':{'type':'boolean'}}}}}");

    @Test
    void unknownFieldsAreDroppedAndReportedByPath() {
        ObjectNode obj = (ObjectNode) json("{'apiVersion':'x/v1','kind':'X','metadata':{'name':'a','labels':{'k':'v'}},"
                + "'spec':{'replicas':2,'typo':1,'ports':[{'name':'p','bogus':true}]},'extra':{}}");
        assertThat(SchemaPruner.prune(SCHEMA, obj)).containsExactly("spec.typo", "spec.ports[0].bogus", "extra");
        assertThat(obj.toString()).isEqualTo(json("{'apiVersion':'x/v1','kind':'X','metadata':{'name':'a','labels':"
                + "{'k':'v'}},'spec':{'replicas':2,'ports':[{'name':'p'}]}}").toString());
    }

    @Test
    void preserveUnknownFieldsKeepsUnknownButPrunesSpecifiedChildren() {
        ObjectNode obj = (ObjectNode) json("{'spec':{'config':{'free':1,'known':{'a':'x','b':'y'}}}}");
        assertThat(SchemaPruner.prune(SCHEMA, obj)).containsExactly("spec.config.known.b");
        assertThat(obj.at("/spec/config/free").asInt()).isEqualTo(1);
    }

    @Test
    void mapValuesAreKeptAndEmbeddedResourcesKeepTheirTypeMeta() {
        ObjectNode obj = (ObjectNode) json("{'spec':{'labels':{'a':'b'},'template':{'apiVersion':'v1','kind':'Pod',"
                + "'metadata':{'name':'p'},'spec':{},'junk':1}}}");
        assertThat(SchemaPruner.prune(SCHEMA, obj)).containsExactly("spec.template.junk");
        assertThat(obj.at("/spec/labels/a").asString()).isEqualTo("b");
        assertThat(obj.at("/spec/template/kind").asString()).isEqualTo("Pod");
    }

    @Test
    void nullsOfNonNullableFieldsAreDroppedSoDefaultsApply() {
        ObjectNode obj = (ObjectNode) json("{'spec':{'replicas':null,'note':null}}");
        assertThat(SchemaPruner.prune(SCHEMA, obj)).isEmpty();
        SchemaPruner.applyDefaults(SCHEMA, obj);
        assertThat(obj.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(obj.at("/spec/note").isNull()).isTrue();
    }

    @Test
    void defaultsFillAbsentFieldsRecursivelyWithoutTouchingGivenOnes() {
        ObjectNode obj = (ObjectNode) json("{'spec':{'replicas':3,'ports':[{'name':'a'},{'name':'b','protocol':'UDP'}]}}");
        SchemaPruner.applyDefaults(SCHEMA, obj);
        assertThat(obj.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(obj.at("/spec/engine").asString()).isEqualTo("postgres");
        assertThat(obj.at("/spec/backup/schedule").asString()).isEqualTo("@daily");
        assertThat(obj.at("/spec/ports/0/protocol").asString()).isEqualTo("TCP");
        assertThat(obj.at("/spec/ports/1/protocol").asString()).isEqualTo("UDP");
    }

    @Test
    void defaultsAreCopiedNotShared() {
        ObjectNode a = (ObjectNode) json("{'spec':{}}");
        ObjectNode b = (ObjectNode) json("{'spec':{}}");
        SchemaPruner.applyDefaults(SCHEMA, a);
        ((ObjectNode) a.at("/spec/backup")).put("schedule", "changed");
        SchemaPruner.applyDefaults(SCHEMA, b);
        assertThat(b.at("/spec/backup/schedule").asString()).isEqualTo("@daily");
    }
}
