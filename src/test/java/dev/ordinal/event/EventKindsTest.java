package dev.ordinal.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordinal.api.Selectors;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** What the core/v1 Event definition declares for field selectors, the garbage collector and the cache. */
class EventKindsTest {
    private final KindDefinition event = new EventKinds().eventKind(new EventStrategy());

    @Test
    void theSourceFieldSelectorComparesTheReportingComponent() {
        ObjectNode fromKubelet = Json.parse("""
                {"kind":"Event","reason":"Started","source":{"component":"kubelet","host":"node-1"}}""");

        assertThat(Selectors.parseFieldSelector(event, "source=kubelet").test(fromKubelet)).isTrue();
        assertThat(Selectors.parseFieldSelector(event, "source!=kubelet").test(fromKubelet)).isFalse();
        assertThat(Selectors.parseFieldSelector(event, "reason=Started,source=scheduler").test(fromKubelet)).isFalse();
    }

    @Test
    void eventsAreIgnoredByTheCollectorAndIndexedByTheObjectTheyAreAbout() {
        ObjectNode e = Json.parse("""
                {"kind":"Event","involvedObject":{"kind":"Pod","name":"web-0","uid":"pod-uid"}}""");

        assertThat(event.ignoredByGarbageCollector()).isTrue();
        assertThat(event.index("involvedObject.uid").orElseThrow().valuesOf(e)).containsExactly("pod-uid");
    }
}
