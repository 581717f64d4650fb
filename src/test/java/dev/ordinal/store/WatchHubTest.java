package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;

class WatchHubTest {
    private WatchHub hub;

    private WatchHub hub(long start, int window) {
        hub = new WatchHub(start, window);
        return hub;
    }

    private void change(String type, String name, long rv) {
        hub.onChange(new WatchEvent(type, ResourceTypes.POD,
                Json.parse("{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + rv + "\"}}"), rv));
    }

    @Test
    void aWatchFromAVersionGetsTheChangesAfterItThenLiveOnesInOrder() {
        WatchHub hub = hub(10, 100);
        change("ADDED", "a", 11);
        change("MODIFIED", "a", 12);
        List<Long> seen = new ArrayList<>();
        hub.subscribe(11, e -> true, e -> seen.add(e.resourceVersion()));
        change("DELETED", "a", 13);
        assertThat(seen).containsExactly(12L, 13L);
    }

    @Test
    void theFilterSelectsWhatIsDelivered() {
        WatchHub hub = hub(0, 100);
        List<String> seen = new ArrayList<>();
        hub.subscribe(0, e -> Json.name(e.object()).equals("b"), e -> seen.add(Json.name(e.object())));
        change("ADDED", "a", 1);
        change("ADDED", "b", 2);
        assertThat(seen).containsExactly("b");
    }

    @Test
    void aVersionOlderThanTheWindowIsExpired() {
        WatchHub hub = hub(0, 2);
        change("ADDED", "a", 1);
        change("ADDED", "b", 2);
        change("ADDED", "c", 3);
        assertThatThrownBy(() -> hub.subscribe(0, e -> true, e -> { }))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.getMessage()).isEqualTo("too old resource version: 0 (1)");
                });
    }

    @Test
    void unsubscribingStopsDelivery() {
        WatchHub hub = hub(0, 10);
        List<String> seen = new ArrayList<>();
        Runnable cancel = hub.subscribe(0, e -> true, e -> seen.add(Json.name(e.object())));
        change("ADDED", "a", 1);
        cancel.run();
        change("ADDED", "b", 2);
        assertThat(seen).containsExactly("a");
    }

    @Test
    void aLiveChangeAtOrBelowTheWatchStartIsNotDeliveredAgain() {
        WatchHub hub = hub(5, 10);
        List<Long> seen = new ArrayList<>();
        hub.subscribe(7, e -> true, e -> seen.add(e.resourceVersion()));
        change("ADDED", "a", 6);
        change("ADDED", "b", 7);
        change("ADDED", "c", 8);
        assertThat(seen).containsExactly(8L);
    }

    @Test
    void aRelistEndsEveryWatchWithAnExpiredError() {
        WatchHub hub = hub(0, 10);
        List<WatchEvent> seen = new ArrayList<>();
        hub.subscribe(0, e -> true, seen::add);
        hub.onRelist(50);
        change("ADDED", "a", 51);
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(WatchHub.ERROR);
            assertThat(Json.str(e.object(), "reason")).isEqualTo("Expired");
        });
        assertThatThrownBy(() -> hub.subscribe(10, e -> true, e -> { })).isInstanceOf(ApiException.class);
    }
}
