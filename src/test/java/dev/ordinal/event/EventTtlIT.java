package dev.ordinal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import dev.ordinal.core.Json;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Events older than the TTL (an hour) are removed; recent ones stay. */
@IntegrationTest
class EventTtlIT {
    @LocalServerPort
    int port;

    @Autowired
    EventTtlCleaner cleaner;

    @Autowired
    ResourceStore store;

    private static String event(String name, Instant last) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"p\",\"namespace\":\"event-ttl\"},\"reason\":\"Test\","
                + "\"message\":\"m\",\"type\":\"Normal\",\"count\":1,\"lastTimestamp\":\"" + Json.time(last) + "\"}";
    }

    @Test
    void eventsPastTheirTtlAreSweptAndRecentOnesStay() {
        ApiClient api = new ApiClient(port);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"event-ttl\"}}");
        String events = "/api/v1/namespaces/event-ttl/events";
        assertThat(api.post(events, event("old", Instant.now().minusSeconds(7200))).code()).isEqualTo(201);
        assertThat(api.post(events, event("recent", Instant.now().minusSeconds(60))).code()).isEqualTo(201);
        // The sweep reads the informer cache, which may not have applied the two creates yet on a loaded machine.
        store.awaitLatest();
        assertThat(cleaner.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(api.get(events + "/old").code()).isEqualTo(404);
        assertThat(api.get(events + "/recent").code()).isEqualTo(200);
    }
}
