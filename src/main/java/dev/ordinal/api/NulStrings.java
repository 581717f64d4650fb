package dev.ordinal.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import dev.ordinal.core.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * Refuses strings that contain the NUL character ({@code \u0000}) anywhere in a request body, keys included.
 *
 * <p>The API server would store them (Go strings may hold NUL), but PostgreSQL cannot: {@code jsonb} and
 * {@code text} have no NUL, so one such string makes every {@code body::jsonb} cast or {@code ->>} extraction over
 * its row fail, and with it every query that scans the table (garbage collection, owner lookups, the invariant
 * indexes). Refusing at the door keeps every stored object readable by any query, now and later, instead of relying
 * on every SQL statement to avoid those operators.
 */
public final class NulStrings {
    private NulStrings() {
    }

    /** Throws 400 BadRequest naming the first field (JSON path) whose key or string value holds a NUL. */
    public static void check(JsonNode root) {
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> e = todo.pop();
            JsonNode n = e.getValue();
            String path = e.getKey();
            if (n.isString() && n.stringValue().indexOf('\0') >= 0) {
                throw refused(path.isEmpty() ? "<body>" : path);
            }
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> p : n.properties()) {
                    String child = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
                    if (p.getKey().indexOf('\0') >= 0) {
                        throw refused(child);
                    }
                    todo.push(Map.entry(child, p.getValue()));
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    todo.push(Map.entry(path + "[" + i + "]", n.get(i)));
                }
            }
        }
    }

    private static ApiException refused(String field) {
        return ApiException.badRequest(field.replace("\0", "\\u0000")
                + ": Invalid value: strings may not contain the NUL character (\\u0000)");
    }
}
