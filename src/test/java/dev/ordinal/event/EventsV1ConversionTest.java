package dev.ordinal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EventsV1ConversionTest {

    @Test
    void aCoreEventIsSeenWithTheEventsK8sIoNamesAndConvertsBackUnchanged() {
        ObjectNode core = Json.parse("""
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"nginx-0.1","namespace":"default"},
                 "involvedObject":{"kind":"Pod","name":"nginx-0","namespace":"default"},"reason":"Scheduled",
                 "message":"Successfully assigned default/nginx-0 to node-2","type":"Normal","count":2,
                 "source":{"component":"default-scheduler"},"firstTimestamp":"2026-12-01T10:00:00Z",
                 "lastTimestamp":"2026-12-01T10:01:00Z","reportingComponent":"default-scheduler",
                 "reportingInstance":"ordinal-1"}""");
        ObjectNode v1 = EventsV1Conversion.toV1(core);
        assertThat(Json.str(v1, "apiVersion")).isEqualTo("events.k8s.io/v1");
        assertThat(Json.str(v1, "note")).isEqualTo("Successfully assigned default/nginx-0 to node-2");
        assertThat(Json.str(v1, "regarding", "name")).isEqualTo("nginx-0");
        assertThat(Json.str(v1, "reportingController")).isEqualTo("default-scheduler");
        assertThat(Json.str(v1, "deprecatedSource", "component")).isEqualTo("default-scheduler");
        assertThat(v1.path("deprecatedCount").asInt()).isEqualTo(2);
        assertThat(Json.str(v1, "deprecatedFirstTimestamp")).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(v1.get("eventTime").isNull()).as("legacy events have no eventTime").isTrue();
        assertThat(v1.has("message")).isFalse();

        ObjectNode back = EventsV1Conversion.toCore(v1);
        assertThat(Json.same(back, core)).isTrue();
    }

    @Test
    void fieldSelectorsInEventsK8sIoNamesBecomeCoreNames() {
        assertThat(EventsV1Conversion.coreFieldSelector("regarding.name=web-0,reason=Started,reportingController!=x"))
                .isEqualTo("involvedObject.name=web-0,reason=Started,reportingComponent!=x");
    }
}
