package dev.ordinal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The Event columns, as kubectl prints them. */
class EventColumnsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void eventsNameTheirObject() {
        List<Column> ev = EventColumns.event();
        assertThat(ev.stream().filter(c -> c.priority() == 0).map(Column::name))
                .containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        ObjectNode e = Json.parse("""
                {"metadata":{"name":"nginx-1.abc"},"involvedObject":{"kind":"Pod","name":"nginx-1"},
                 "type":"Warning","reason":"FailedAttachVolume","message":"Multi-Attach error ",
                 "firstTimestamp":"2026-01-01T11:59:00Z","lastTimestamp":"2026-01-01T11:59:50Z","count":2}""");
        assertThat(ev.stream().map(c -> c.cell().apply(e, NOW))).containsExactly(
                "10s", "Warning", "FailedAttachVolume", "pod/nginx-1", "", "", "Multi-Attach error", "60s", 2L, "nginx-1.abc");
    }
}
