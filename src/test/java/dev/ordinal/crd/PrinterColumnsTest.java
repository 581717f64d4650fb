package dev.ordinal.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PrinterColumnsTest {
    private static final JsonNode OBJ = Json.MAPPER.readTree(("{'metadata':{'name':'a','creationTimestamp':"
            + "'2026-01-01T00:00:00Z'},'spec':{'replicas':3},'status':{'conditions':[{'type':'Ready','status':'False'},"
            + "{'type':'Synced','status':'True'}]}}").replace('\'', '"'));

    @Test
    void dottedPathsIndexesAndEqualityFiltersAreRead() {
        assertThat(PrinterColumns.read(OBJ, ".spec.replicas").asInt()).isEqualTo(3);
        assertThat(PrinterColumns.read(OBJ, ".status.conditions[1].type").asString()).isEqualTo("Synced");
        assertThat(PrinterColumns.read(OBJ, ".status.conditions[?(@.type==\"Synced\")].status").asString())
                .isEqualTo("True");
        assertThat(PrinterColumns.read(OBJ, ".status.missing").isMissingNode()).isTrue();
    }

    @Test
    void columnsFollowNameAndDatesShowAnAge() {
        JsonNode crd = Json.MAPPER.readTree(("{'metadata':{'name':'as.x.io'},'spec':{'group':'x.io','scope':'Namespaced',"
                + "'names':{'plural':'as','kind':'A'},'versions':[{'name':'v1','storage':true,'additionalPrinterColumns':["
                + "{'name':'Replicas','type':'integer','jsonPath':'.spec.replicas'},"
                + "{'name':'Age','type':'date','jsonPath':'.metadata.creationTimestamp'}]}]}}").replace('\'', '"'));
        var columns = PrinterColumns.of(CustomKind.of(crd));
        assertThat(columns).extracting(c -> c.name()).containsExactly("Name", "Replicas", "Age");
        Instant now = Instant.parse("2026-01-01T00:05:00Z");
        assertThat(columns.get(1).cell().apply((tools.jackson.databind.node.ObjectNode) OBJ, now)).isEqualTo(3L);
        assertThat(columns.get(2).cell().apply((tools.jackson.databind.node.ObjectNode) OBJ, now)).isEqualTo("5m");
    }

    @Test
    void aCrdWithoutColumnsShowsNameAndAge() {
        JsonNode crd = Json.MAPPER.readTree(("{'metadata':{'name':'as.x.io'},'spec':{'group':'x.io','names':"
                + "{'plural':'as','kind':'A'},'versions':[{'name':'v1','storage':true}]}}").replace('\'', '"'));
        assertThat(PrinterColumns.of(CustomKind.of(crd))).extracting(c -> c.name()).containsExactly("Name", "Age");
    }
}
