package dev.ordinal.core;

import java.time.Instant;
import java.util.function.BiFunction;

import tools.jackson.databind.node.ObjectNode;

/** One Table column: its definition and how to compute its cell from an object at a given time. */
public record Column(String name, String type, String format, String description, int priority,
                     BiFunction<ObjectNode, Instant, Object> cell) {

    public static Column of(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, "string", "", description, 0, cell);
    }

    public static Column wide(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, "string", "", description, 1, cell);
    }
}
