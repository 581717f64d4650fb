package dev.ordinal.api;

import static dev.ordinal.api.ResourceApiController.includeObject;
import static dev.ordinal.api.ResourceApiController.parseInt;
import static dev.ordinal.api.ResourceApiController.parseLong;
import static dev.ordinal.api.ResourceApiController.truthy;
import static dev.ordinal.api.ResourceApiController.wantsTable;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.ordinal.api.table.TablePrinter;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import dev.ordinal.store.WatchHub;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves {@code ?watch=true}: newline-delimited watch events (objects, or one-row Tables for kubectl), from a
 * resourceVersion or from the current state, with bookmarks, a server-side timeout and 410 Expired as an ERROR event.
 */
@Component
public class WatchStream {
    private static final long IDLE_PROBE_SECONDS = 10;
    private final ResourceStore store;
    private final WatchHub watchHub;
    private final TablePrinter tables;

    public WatchStream(ResourceStore store, WatchHub watchHub, TablePrinter tables) {
        this.store = store;
        this.watchHub = watchHub;
        this.tables = tables;
    }

    /**
     * Streams changes as newline-delimited watch events on the request's own thread, flushing each one, until the
     * timeout or until the client goes away.
     */
    public void stream(ApiPath path, Map<String, String> params, String accept, Predicate<JsonNode> matches,
                       HttpServletResponse response) throws IOException {
        String rvParam = params.get("resourceVersion");
        ResourceApiController.awaitVersion(store, rvParam);
        long from = rvParam == null || rvParam.isEmpty() || rvParam.equals("0") ? -1 : parseLong(rvParam);
        boolean table = wantsTable(accept);
        boolean bookmarks = truthy(params.get("allowWatchBookmarks"));
        int timeout = params.containsKey("timeoutSeconds") ? parseInt(params.get("timeoutSeconds"), 0, "timeoutSeconds")
                : 1800 + ThreadLocalRandom.current().nextInt(1800);
        BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
        Predicate<WatchEvent> filter = e -> e.resourceType().equals(path.type())
                && (path.namespace() == null || path.namespace().equals(Json.namespace(e.object())))
                && matches.test(e.object());
        List<WatchEvent> initial = new ArrayList<>();
        long start;
        if (from < 0) {
            // No version: the current state first, as ADDED events, then changes.
            ResourceStore.Snapshot snapshot = store.snapshot(path.type(), path.namespace());
            start = snapshot.resourceVersion();
            for (ObjectNode o : snapshot.items()) {
                if (matches.test(o)) {
                    initial.add(new WatchEvent("ADDED", path.type(), o,
                            Long.parseLong(Json.strOr(o, "0", "metadata", "resourceVersion"))));
                }
            }
        } else {
            start = from;
        }
        Runnable cancel;
        try {
            cancel = watchHub.subscribe(start, filter, queue::add);
        } catch (ApiException expired) {
            // As the API server's watch cache: the watch starts, then ends at once with an ERROR event carrying the
            // 410 Expired Status, which tells clients to list again.
            response.setStatus(200);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            writeEvent(response.getOutputStream(), "ERROR", StatusExceptionHandler.status(expired));
            response.flushBuffer();
            return;
        }
        String include = includeObject(params);
        response.setStatus(200);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        OutputStream out = response.getOutputStream();
        response.flushBuffer();
        boolean first = true;
        long lastRv = start;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        long nextBookmark = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_PROBE_SECONDS);
        try {
            for (WatchEvent e : initial) {
                writeEvent(out, e.type(), render(path, e.object(), table, first, include));
                first = false;
            }
            response.flushBuffer();
            while (System.nanoTime() < deadline) {
                WatchEvent e = queue.poll(1, TimeUnit.SECONDS);
                if (e != null) {
                    writeEvent(out, e.type(), render(path, e.object(), table, first, include));
                    first = false;
                    lastRv = Math.max(lastRv, e.resourceVersion());
                    if (queue.isEmpty()) {
                        response.flushBuffer();
                    }
                } else if (System.nanoTime() > nextBookmark) {
                    if (bookmarks) {
                        writeEvent(out, "BOOKMARK", bookmark(path.type(), Math.max(lastRv, 0)));
                    } else {
                        // JSON stream readers skip whitespace; writing it is how a watch learns its client is gone.
                        out.write('\n');
                    }
                    nextBookmark = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_PROBE_SECONDS);
                    response.flushBuffer();
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (IOException closed) {
            // The client went away; nothing more to send.
        } finally {
            cancel.run();
        }
    }

    private JsonNode render(ApiPath path, ObjectNode obj, boolean table, boolean withColumns, String include) {
        return table ? tables.table(path.type(), List.of(obj), null, null, include, withColumns) : obj;
    }

    private static ObjectNode bookmark(ResourceType type, long rv) {
        ObjectNode o = Json.object();
        o.put("kind", type.kind());
        o.put("apiVersion", type.apiVersion());
        o.putObject("metadata").put("resourceVersion", Long.toString(rv));
        return o;
    }

    private static void writeEvent(OutputStream out, String type, JsonNode object) throws IOException {
        ObjectNode ev = Json.object();
        ev.put("type", type);
        ev.set("object", object);
        out.write(Json.MAPPER.writeValueAsBytes(ev));
        out.write('\n');
    }

}
