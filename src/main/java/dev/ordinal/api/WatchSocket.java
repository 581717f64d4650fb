package dev.ordinal.api;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import dev.ordinal.store.WatchHub;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watch over WebSocket, as the API server serves one when a watch request asks to upgrade: the same path and
 * parameters as {@code ?watch=true} ({@code resourceVersion}, {@code labelSelector}, {@code fieldSelector},
 * {@code timeoutSeconds}), and each watch event ({@code {"type":…,"object":…}}) as one text message. A watch from a
 * version older than the window gets one ERROR event with the 410 Expired Status and is closed. Browsers open at
 * most six HTTP/1.1 connections to one server, all shared with their other requests; WebSockets are not counted
 * against that limit, which is why the live page watches this way.
 *
 * <p>Sending never blocks the change feed: events are queued and sent one at a time by the container's asynchronous
 * sender. A client that falls {@code capacity} events behind is disconnected and watches again from the last version
 * it saw.
 */
public final class WatchSocket extends Endpoint {
    private static final Logger log = LoggerFactory.getLogger(WatchSocket.class);
    private final ResourceStore store;
    private final WatchHub hub;
    private final ScheduledExecutorService timers;
    private final int capacity;
    private final Queue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Session session;
    private volatile Runnable unsubscribe = () -> { };
    private volatile ScheduledFuture<?> deadline;
    private volatile boolean ending;

    public WatchSocket(ResourceStore store, WatchHub hub, ScheduledExecutorService timers, int capacity) {
        this.store = store;
        this.hub = hub;
        this.timers = timers;
        this.capacity = capacity;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        try {
            start(session);
        } catch (ApiException e) {
            offer(event("ERROR", StatusExceptionHandler.status(e)));
            closeAfterSending();
        }
    }

    private void start(Session session) {
        Map<String, String> params = new HashMap<>();
        session.getRequestParameterMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
        ApiPath path = ApiPath.parse(session.getRequestURI().getPath());
        Predicate<Map<String, String>> labels = Selectors.parseLabelSelector(params.get("labelSelector"));
        String fieldSelector = params.get("fieldSelector");
        if (path.name() != null) {
            fieldSelector = (fieldSelector == null || fieldSelector.isBlank() ? "" : fieldSelector + ",")
                    + "metadata.name=" + path.name();
        }
        Predicate<JsonNode> fields = Selectors.parseFieldSelector(path.type(), fieldSelector);
        Predicate<JsonNode> matches = o -> labels.test(Json.labels(o)) && fields.test(o);
        String rv = params.get("resourceVersion");
        ResourceApiController.awaitVersion(store, rv);
        long from = rv == null || rv.isEmpty() || rv.equals("0") ? -1 : ResourceApiController.parseLong(rv);
        if (from < 0) {
            // No version: the current state first, as ADDED events, then changes.
            ResourceStore.Snapshot snapshot = store.snapshot(path.type(), path.namespace());
            from = snapshot.resourceVersion();
            for (ObjectNode o : snapshot.items()) {
                if (matches.test(o)) {
                    offer(event("ADDED", o));
                }
            }
        }
        Predicate<WatchEvent> filter = e -> e.resourceType().equals(path.type())
                && (path.namespace() == null || path.namespace().equals(Json.namespace(e.object())))
                && matches.test(e.object());
        unsubscribe = hub.subscribe(from, filter, e -> {
            offer(event(e.type(), e.object()));
            if (WatchHub.ERROR.equals(e.type())) {
                closeAfterSending();
            }
        });
        if (closed.get()) {
            // The client left while the subscription was being made.
            unsubscribe.run();
        }
        if (params.containsKey("timeoutSeconds")) {
            int timeout = ResourceApiController.parseInt(params.get("timeoutSeconds"), 0, "timeoutSeconds");
            deadline = timers.schedule(this::closeAfterSending, timeout, TimeUnit.SECONDS);
        }
    }

    private void offer(String message) {
        if (closed.get()) {
            return;
        }
        queue.add(message);
        if (queued.incrementAndGet() > capacity && !ending) {
            log.info("Closing a WebSocket watch whose client fell {} events behind", capacity);
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "client fell behind");
            return;
        }
        sendNext();
    }

    private void closeAfterSending() {
        ending = true;
        sendNext();
    }

    // One send at a time: the container allows a single outstanding asynchronous message per session.
    private void sendNext() {
        while (!closed.get() && sending.compareAndSet(false, true)) {
            String message = queue.poll();
            if (message != null) {
                queued.decrementAndGet();
                session.getAsyncRemote().sendText(message, this::sent);
                return;
            }
            sending.set(false);
            if (queue.isEmpty()) {
                if (ending) {
                    close(CloseReason.CloseCodes.NORMAL_CLOSURE, "watch ended");
                }
                return;
            }
        }
    }

    private void sent(SendResult result) {
        sending.set(false);
        if (!result.isOK()) {
            close(CloseReason.CloseCodes.GOING_AWAY, "send failed");
            return;
        }
        sendNext();
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        release();
    }

    @Override
    public void onError(Session session, Throwable error) {
        release();
    }

    /**
     * Stops the watch at once and closes the connection on another thread: closing writes a frame and may wait for
     * a slow client, and this is called on the change feed's thread.
     */
    private void close(CloseReason.CloseCode code, String why) {
        release();
        timers.execute(() -> {
            try {
                session.close(new CloseReason(code, why));
            } catch (IOException | IllegalStateException gone) {
                // The client is already gone.
            }
        });
    }

    private void release() {
        if (closed.compareAndSet(false, true)) {
            unsubscribe.run();
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            queue.clear();
        }
    }

    private static String event(String type, JsonNode object) {
        ObjectNode ev = Json.object();
        ev.put("type", type);
        ev.set("object", object);
        return Json.write(ev);
    }
}
