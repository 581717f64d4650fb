package dev.ordinal.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.LeaderElection;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deletes events whose last occurrence is older than the TTL, as the API server's {@code --event-ttl} (one hour by
 * default) does, so a long demo does not accumulate them. Only the instance holding the controller lease sweeps.
 */
@Component
public class EventTtlCleaner {
    private final ResourceStore store;
    private final LeaderElection leader;
    private final Clock clock;
    private final Duration ttl;

    public EventTtlCleaner(ResourceStore store, LeaderElection leader, Clock clock,
                           @Value("${ordinal.events.ttl-minutes:60}") long ttlMinutes) {
        this.store = store;
        this.leader = leader;
        this.clock = clock;
        this.ttl = Duration.ofMinutes(ttlMinutes);
    }

    /** Removes expired events; returns how many went. */
    @Scheduled(fixedDelayString = "${ordinal.events.sweep-seconds:300}", timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public int sweep() {
        if (!leader.isLeader()) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(ttl);
        int removed = 0;
        for (ObjectNode e : store.list(ResourceTypes.EVENT, null)) {
            String seen = Json.strOr(e, Json.strOr(e, "", "metadata", "creationTimestamp"), "lastTimestamp");
            if (!seen.isEmpty() && Json.parseTime(seen).isBefore(cutoff)) {
                try {
                    store.delete(ResourceTypes.EVENT, Json.namespace(e), Json.name(e), DeleteOptions.DEFAULT);
                    removed++;
                } catch (ApiException gone) {
                    // Deleted meanwhile.
                }
            }
        }
        return removed;
    }
}
