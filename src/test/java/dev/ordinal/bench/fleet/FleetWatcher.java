package dev.ordinal.bench.fleet;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * Follows one kind of a namespace through a watch (list, then watch from the list's version, again after any end),
 * keeping each object's name and whether it meets a condition: how the fleet phase sees pods become Ready and claims
 * Bound without listing megabytes twice a second, which on two cores took a share of the machine it measured.
 */
final class FleetWatcher implements AutoCloseable {
    private final Client client;
    private final String path;
    private final Predicate<JsonNode> condition;
    private final Map<String, Boolean> state = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Stream<String> lines;

    FleetWatcher(Client client, String path, Predicate<JsonNode> condition) {
        this.client = client;
        this.path = path;
        this.condition = condition;
        this.thread = new Thread(this::run, "fleet-watch " + path);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** How many objects exist. */
    int count() {
        return state.size();
    }

    /** How many objects meet the condition. */
    long meeting() {
        return state.values().stream().filter(Boolean::booleanValue).count();
    }

    private void run() {
        while (running) {
            try {
                String rv = list();
                HttpResponse<Stream<String>> watch = client.watch(path + "?watch=1&allowWatchBookmarks=true"
                        + "&timeoutSeconds=3600&resourceVersion=" + rv);
                lines = watch.body();
                lines.forEach(this::apply);
            } catch (Exception e) {
                if (running) {
                    sleep();
                }
            }
        }
    }

    /** Lists the kind (the state starts again from it) and answers the list's resourceVersion. */
    private String list() {
        HttpResponse<String> r = client.send("GET", path, null, null);
        JsonNode list = Client.JSON.readTree(r.body());
        state.clear();
        list.path("items").forEach(o -> state.put(o.path("metadata").path("name").asString(""), condition.test(o)));
        return list.path("metadata").path("resourceVersion").asString("");
    }

    private void apply(String line) {
        JsonNode event = Client.JSON.readTree(line);
        String type = event.path("type").asString("");
        JsonNode obj = event.path("object");
        String name = obj.path("metadata").path("name").asString("");
        switch (type) {
            case "ADDED", "MODIFIED" -> state.put(name, condition.test(obj));
            case "DELETED" -> state.remove(name);
            case "ERROR" -> throw new IllegalStateException("watch ended: " + line); // Listed again by run().
            default -> {
                // BOOKMARK: nothing changes.
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Stream<String> l = lines;
        if (l != null) {
            l.close();
        }
        thread.interrupt();
    }
}
