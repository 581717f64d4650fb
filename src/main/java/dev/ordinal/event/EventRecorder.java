package dev.ordinal.event;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.NameGenerator;
import dev.ordinal.store.ResourceStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records core/v1 Events through the store, as client-go's event recorder does: {@link #record} only queues the
 * event, and one background writer stores it, so the work an event describes never waits for it. The same reason and
 * message about the same object from the same component increments {@code count} and moves {@code lastTimestamp}
 * instead of adding an event (client-go's {@code EventCorrelator}), found in memory: first among the events this
 * recorder wrote lately, then in the informer cache's index of events by object. When more events wait than the queue
 * holds, new ones are dropped, as client-go drops them when its broadcaster's queue is full.
 */
@Service
public class EventRecorder {
    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    /** client-go's correlator remembers 4,096 event keys. */
    private static final int REMEMBERED = 4096;
    /** Events stored in one transaction at most: a batch holds back the change feed until it commits. */
    private static final int BATCH = 16;

    private final ResourceStore store;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    /** Key → name of the event this recorder wrote for it; touched only by the writer thread. */
    private final Map<String, String> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    /** Events queued and not yet written (or given up on). */
    private final java.util.concurrent.atomic.AtomicInteger outstanding = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread writer;
    private volatile boolean running = true;

    /** One queued event: what it is about, copied when it was recorded, and when. */
    private record Pending(ObjectNode involvedObject, String namespace, String type, String reason, String message,
                           String component, String time) {
        String key() {
            return String.join("\u0000", namespace, Json.str(involvedObject, "uid") + "", Json.str(involvedObject, "kind"),
                    Json.str(involvedObject, "name"), reason, message, component, type);
        }
    }

    public EventRecorder(ResourceStore store, Clock clock, MeterRegistry metrics,
                         @Value("${ordinal.events.queue-length:10000}") int queueLength) {
        this.store = store;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(queueLength);
        // Events recorded and not yet stored: what a client that reads events right after an action may wait for.
        Gauge.builder("ordinal.events.queued", outstanding, java.util.concurrent.atomic.AtomicInteger::get)
                .description("Events recorded and not yet stored").register(metrics);
        this.writer = new Thread(this::run, "event-recorder");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues an event about {@code involved} from {@code component}, stamped with the time of this call. Never
     * throws and never blocks: a failure to record an event must not fail or slow the work it describes.
     */
    public void record(JsonNode involved, String type, String reason, String message, String component) {
        try {
            String ns = Json.namespace(involved).isEmpty() ? "default" : Json.namespace(involved);
            Pending p = new Pending(reference(involved), ns, type, reason, message, component,
                    Json.time(clock.instant()));
            outstanding.incrementAndGet();
            if (!queue.offer(p)) {
                outstanding.decrementAndGet();
                log.debug("event queue full, dropping event {} on {}", reason, Json.name(involved));
            }
        } catch (RuntimeException e) {
            log.debug("could not queue event {} on {}: {}", reason, Json.name(involved), e.getMessage());
        }
    }

    /** Waits until every event queued so far has been written or the timeout passes; true when it was. */
    public boolean awaitWritten(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (queue) {
            while (outstanding.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(queue, left);
            }
        }
        return true;
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        awaitWritten(2000);
        running = false;
        writer.interrupt();
    }

    private void run() {
        List<Pending> batch = new java.util.ArrayList<>();
        while (running) {
            Pending p;
            try {
                p = batch.isEmpty() ? queue.poll(1, TimeUnit.SECONDS) : null;
            } catch (InterruptedException e) {
                return;
            }
            if (p != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                continue;
            }
            queue.drainTo(batch, BATCH - batch.size());
            // A repeated key ends the batch there: its count goes on the event stored before it, which the store
            // shows only once the batch has committed.
            java.util.Set<String> keys = new java.util.HashSet<>();
            int n = 0;
            while (n < batch.size() && keys.add(batch.get(n).key())) {
                n++;
            }
            List<Pending> now = List.copyOf(batch.subList(0, n));
            batch.subList(0, n).clear();
            try {
                writeAll(now);
            } finally {
                outstanding.addAndGet(-now.size());
                synchronized (queue) {
                    queue.notifyAll();
                }
            }
        }
    }

    /**
     * Stores the events, the new ones in one transaction (one commit for the lot: the fleet records about ten per
     * pod) that does not wait for the disk, as events are best effort: a quarter of a fleet's writes are events, and
     * each commit that waits for the disk makes every other writer's wait longer. One that counts on a stored event
     * is written on its own after them, once the cache shows the batch before (an update made from a stale copy
     * would fail and wait for the feed, which a batch holds back). When the batch fails, each event is written on its
     * own, so one bad event costs only itself.
     */
    private void writeAll(List<Pending> events) {
        awaitOwnWrites();
        List<Pending> fresh = new java.util.ArrayList<>();
        List<Pending> counted = new java.util.ArrayList<>();
        for (Pending p : events) {
            (recent.containsKey(p.key()) || !similar(p).isEmpty() ? counted : fresh).add(p);
        }
        boolean together = false;
        if (!fresh.isEmpty()) {
            try {
                store.writeTogetherBestEffort(() -> fresh.forEach(this::create));
                together = true;
            } catch (RuntimeException e) {
                log.debug("could not record {} events together, one by one: {}", fresh.size(), e.toString());
            }
        }
        List<Pending> single = new java.util.ArrayList<>(together ? List.of() : fresh);
        single.addAll(counted);
        for (Pending p : single) {
            try {
                write(p);
            } catch (RuntimeException e) {
                log.debug("could not record event {} on {}: {}", p.reason(), Json.str(p.involvedObject(), "name"),
                        e.getMessage());
            }
        }
    }

    /** Waits (briefly) until the cache shows what this writer stored last, so counts go on the stored copy. */
    private void awaitOwnWrites() {
        long written = store.takeLastWrittenVersion();
        if (written > 0) {
            try {
                store.awaitVersion(written);
            } catch (RuntimeException e) {
                log.debug("cache behind the event writer: {}", e.getMessage());
            }
        }
    }

    private void write(Pending p) {
        String key = p.key();
        String known = recent.get(key);
        if (known != null && increment(p, known)) {
            return;
        }
        List<ObjectNode> similar = similar(p);
        if (!similar.isEmpty() && increment(p, Json.name(similar.get(0)))) {
            recent.put(key, Json.name(similar.get(0)));
            return;
        }
        create(p);
    }

    /** Stored events about the same object with the same reason and message, from the informer cache. */
    private List<ObjectNode> similar(Pending p) {
        String uid = Json.str(p.involvedObject(), "uid");
        return uid == null ? List.of() : store.cache().byIndex(ResourceTypes.EVENT, EventKinds.BY_INVOLVED_UID, uid).stream()
                .filter(e -> p.namespace().equals(Json.namespace(e)) && p.reason().equals(Json.str(e, "reason"))
                        && p.message().equals(Json.str(e, "message")))
                .toList();
    }

    /** Stores a new event for {@code p}. */
    private void create(Pending p) {
        String key = p.key();
        ObjectNode ev = Json.object();
        ev.put("apiVersion", "v1");
        ev.put("kind", "Event");
        ObjectNode meta = ev.putObject("metadata");
        String name = Json.str(p.involvedObject(), "name") + "." + Long.toHexString(System.nanoTime())
                + NameGenerator.randomSuffix(3);
        meta.put("name", name);
        meta.put("namespace", p.namespace());
        ev.set("involvedObject", p.involvedObject());
        ev.put("reason", p.reason());
        ev.put("message", p.message());
        ev.putObject("source").put("component", p.component());
        ev.put("firstTimestamp", p.time());
        ev.put("lastTimestamp", p.time());
        ev.put("count", 1);
        ev.put("type", p.type());
        ev.putNull("eventTime");
        ev.put("reportingComponent", p.component());
        ev.put("reportingInstance", "");
        try {
            store.create(ResourceTypes.EVENT, p.namespace(), ev);
            recent.put(key, name);
        } catch (ApiException e) {
            log.debug("event not recorded: {}", e.getMessage());
        }
    }

    /** Counts one more occurrence on the stored event {@code name}; false when it no longer exists. */
    private boolean increment(Pending p, String name) {
        Optional<ObjectNode> updated = store.modify(ResourceTypes.EVENT, p.namespace(), name, false, e -> {
            e.put("count", Json.integer(e, 1, "count") + 1);
            e.put("lastTimestamp", p.time());
        });
        return updated.isPresent();
    }

    private static ObjectNode reference(JsonNode involved) {
        ObjectNode ref = Json.object();
        ref.put("kind", Json.kind(involved));
        if (!Json.namespace(involved).isEmpty()) {
            ref.put("namespace", Json.namespace(involved));
        }
        ref.put("name", Json.name(involved));
        ref.put("uid", Json.uid(involved));
        ref.put("apiVersion", Json.str(involved, "apiVersion"));
        ref.put("resourceVersion", Json.str(involved, "metadata", "resourceVersion"));
        return ref;
    }
}
