package dev.ordinal.api;

import static dev.ordinal.api.ResourceApiController.includeObject;
import static dev.ordinal.api.ResourceApiController.parseInt;
import static dev.ordinal.api.ResourceApiController.parseLong;
import static dev.ordinal.api.ResourceApiController.truthy;
import static dev.ordinal.api.ResourceApiController.wantsTable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import dev.ordinal.api.table.TablePrinter;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import dev.ordinal.store.WatchHub;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves {@code ?watch=true}: newline-delimited watch events (objects, or one-row Tables for kubectl), from a
 * resourceVersion or from the current state, with bookmarks, a server-side timeout and 410 Expired as an ERROR event,
 * over a chunked HTTP response or, when the client asks to upgrade, a WebSocket.
 * A watch holds no request thread while open: it is written asynchronously (see {@link WatchConnection}), so ten
 * thousand open watches cost memory, not threads.
 */
@Component
public class WatchStream {
    private static final long IDLE_PROBE_SECONDS = 10;
    /** The view of a watch that serves objects as stored: its events are written from the bytes the feed read. */
    private static final UnaryOperator<ObjectNode> AS_STORED = UnaryOperator.identity();
    private final ResourceStore store;
    private final WatchHub watchHub;
    private final TablePrinter tables;
    private final WebSocketWatches webSockets;
    private final int bufferEvents;
    private final Set<WatchConnection> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService writers = Executors.newFixedThreadPool(2, daemon("watch-writer"));
    private final ScheduledExecutorService timers = timers();

    public WatchStream(ResourceStore store, WatchHub watchHub, TablePrinter tables, WebSocketWatches webSockets,
                       @Value("${ordinal.watch.buffer-events:1000}") int bufferEvents) {
        this.webSockets = webSockets;
        this.store = store;
        this.watchHub = watchHub;
        this.tables = tables;
        this.bufferEvents = bufferEvents;
    }

    /** How many watches are open on this instance. */
    public int openWatches() {
        return open.size();
    }

    @PreDestroy
    void closeAll() {
        List.copyOf(open).forEach(WatchConnection::close);
        timers.shutdownNow();
        writers.shutdownNow();
    }

    /**
     * Starts a watch: the starting state (when no version is given) and the backlog after the version are queued,
     * then changes as they commit, until the timeout, an ERROR, a slow client or the client going away. Returns at
     * once; the response is completed asynchronously. A WebSocket upgrade request gets the same events, one message
     * each, over the WebSocket, as the API server serves watches to WebSocket-first clients such as fabric8.
     */
    public void stream(ApiPath path, Map<String, String> params, String accept, Predicate<JsonNode> matches,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        stream(path, path.type(), AS_STORED, params, accept, matches, request, response);
    }

    /**
     * Starts a watch of {@code path}'s stored kind served as another kind: each object goes out as
     * {@code view.apply(object)}, and tables and bookmarks name {@code servedAs} (events.k8s.io Events are core
     * Events seen through a conversion). {@code matches} is tested on the stored object.
     */
    public void stream(ApiPath path, ResourceType servedAs, UnaryOperator<ObjectNode> view, Map<String, String> params,
                       String accept, Predicate<JsonNode> matches, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        String rvParam = params.get("resourceVersion");
        ResourceApiController.awaitVersion(store, rvParam);
        long from = rvParam == null || rvParam.isEmpty() || rvParam.equals("0") ? -1 : parseLong(rvParam);
        int timeout = params.containsKey("timeoutSeconds") ? parseInt(params.get("timeoutSeconds"), 0, "timeoutSeconds")
                : 1800 + ThreadLocalRandom.current().nextInt(1800);
        Predicate<WatchEvent> filter = e -> e.resourceType().equals(path.type())
                && (path.namespace() == null || path.namespace().equals(Json.namespace(e.object())))
                && matches.test(e.object());
        long start = from;
        List<WatchEvent> initial = new ArrayList<>();
        if (from < 0) {
            // No version: the current state first, as ADDED events, then changes; "0" starts from the cache as it
            // stands, without asking the database what is newest (Kubernetes' "any").
            String only = path.name() != null ? path.name() : Selectors.requiredName(params.get("fieldSelector"));
            ResourceStore.Snapshot snapshot = "0".equals(rvParam)
                    ? store.cachedSnapshot(path.type(), path.namespace(), only)
                    : store.snapshot(path.type(), path.namespace(), only);
            start = snapshot.resourceVersion();
            for (ObjectNode o : snapshot.items()) {
                if (matches.test(o)) {
                    initial.add(new WatchEvent("ADDED", path.type(), o,
                            Long.parseLong(Json.strOr(o, "0", "metadata", "resourceVersion"))));
                }
            }
        }
        Lines lines = new Lines(path.type(), servedAs, view, wantsTable(accept), truthy(params.get("allowWatchBookmarks")),
                includeObject(params), start);
        WatchConnection watch = new WatchConnection(lines, bufferEvents, writers, open::remove);
        initial.forEach(watch::offer);
        byte[] expiredEvent = null;
        try {
            watch.subscribed(watchHub.subscribe(start, filter, watch::offer));
        } catch (ApiException expired) {
            // As the API server's watch cache: the watch starts, then ends at once with an ERROR event carrying the
            // 410 Expired Status, which tells clients to list again.
            expiredEvent = event("ERROR", StatusExceptionHandler.status(expired));
        }
        if (WebSocketWatches.isUpgrade(request)) {
            if (expiredEvent == null) {
                open.add(watch);
            }
            webSockets.upgrade(request, response, watch, expiredEvent, timers, timeout, IDLE_PROBE_SECONDS);
            return;
        }
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (expiredEvent != null) {
            response.getOutputStream().write(expiredEvent);
            response.flushBuffer();
            return;
        }
        // Headers go out at once, as the API server sends them: clients (client-go, fabric8, java.net.http) return
        // from opening a watch only when they arrive, and a watch with nothing to send yet would otherwise wait for
        // its first probe.
        response.flushBuffer();
        open.add(watch);
        watch.open(request.startAsync(), timers, timeout, IDLE_PROBE_SECONDS);
    }

    /** Renders events for one watch; used by one drain at a time. */
    private final class Lines implements WatchConnection.Renderer {
        private final ResourceType stored;
        private final ResourceType type;
        private final UnaryOperator<ObjectNode> view;
        private final boolean table;
        private final boolean bookmarks;
        private final String include;
        private boolean first = true;
        private long lastRv;

        Lines(ResourceType stored, ResourceType type, UnaryOperator<ObjectNode> view, boolean table, boolean bookmarks,
              String include, long start) {
            this.stored = stored;
            this.type = type;
            this.view = view;
            this.table = table;
            this.bookmarks = bookmarks;
            this.include = include;
            this.lastRv = Math.max(start, 0);
        }

        @Override
        public byte[] line(WatchEvent e) {
            if ("ERROR".equals(e.type())) {
                return event("ERROR", e.object());
            }
            lastRv = Math.max(lastRv, e.resourceVersion());
            // A Table row is printed from the stored object, as one printer serves every version of a kind. An
            // object served as stored is copied from its serialized form, not written again for every watch.
            byte[] line = table ? event(e.type(), tables.table(stored, List.of(e.object()), null, null, include, first))
                    : view == AS_STORED ? event(e.type(), e.bytes()) : event(e.type(), view.apply(e.object()));
            first = false;
            return line;
        }

        @Override
        public byte[] probe() {
            return bookmarks ? event("BOOKMARK", bookmark(type, lastRv)) : null;
        }
    }

    private static ObjectNode bookmark(ResourceType type, long rv) {
        ObjectNode o = Json.object();
        o.put("kind", type.kind());
        o.put("apiVersion", type.apiVersion());
        o.putObject("metadata").put("resourceVersion", Long.toString(rv));
        return o;
    }

    private static byte[] event(String type, JsonNode object) {
        ObjectNode ev = Json.object();
        ev.put("type", type);
        ev.set("object", object);
        byte[] json = Json.MAPPER.writeValueAsBytes(ev);
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }

    /** A watch event line around an object already serialized: {@code {"type":…,"object":…}} and a newline. */
    private static byte[] event(String type, byte[] object) {
        byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] line = java.util.Arrays.copyOf(head, head.length + object.length + 2);
        System.arraycopy(object, 0, line, head.length, object.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("watch-timer"));
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
