package dev.ordinal.api.table;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the Table columns of every kind share, following Kubernetes' printers (pkg/printers/internalversion): the Name
 * and Age columns, column constructors with Kubernetes' types and priorities (1 = only with {@code -o wide}) and the
 * cell formats several printers use. Each kind's own columns live in its package and reach the {@link TablePrinter}
 * through its {@link dev.ordinal.core.KindDefinition}. Every cell, wide or not, is always computed; kubectl drops the
 * columns it does not show, as the API server leaves it to.
 */
public final class Columns {
    public static final String NAME_DOC = "Name must be unique within a namespace. Is required when creating resources, "
            + "although some resources may allow a client to request the generation of an appropriate name automatically. "
            + "Name is primarily intended for creation idempotence and configuration definition. Cannot be updated.";
    public static final String AGE_DOC = "CreationTimestamp is a timestamp representing the server time when this object "
            + "was created. It is not guaranteed to be set in happens-before order across separate operations.";
    public static final String CONTAINERS_DOC = "Names of each container in the template.";
    public static final String IMAGES_DOC = "Images referenced by each container in the template.";
    public static final String NONE = "<none>";
    public static final String UNSET = "<unset>";

    private Columns() {
    }

    public static String withMore(List<String> list, int count) {
        String joined = String.join(",", list);
        return count > list.size() ? joined + " + " + (count - list.size()) + " more..." : joined;
    }

    public static String containerNames(JsonNode o) {
        return String.join(",", Json.list(o, "spec", "template", "spec", "containers").stream()
                .map(c -> Json.strOr(c, "", "name")).toList());
    }

    public static String containerImages(JsonNode o) {
        return String.join(",", Json.list(o, "spec", "template", "spec", "containers").stream()
                .map(c -> Json.strOr(c, "", "image")).toList());
    }

    public static String controllerName(JsonNode o) {
        JsonNode ref = Json.controllerRef(o);
        if (ref == null) {
            return NONE;
        }
        String apiVersion = Json.strOr(ref, "", "apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = Json.strOr(ref, "", "kind");
        String groupKind = group.isEmpty() ? kind : kind + "." + group;
        return groupKind.toLowerCase() + "/" + Json.strOr(ref, "", "name");
    }

    /** The Name column every kind starts with. */
    public static Column name() {
        return new Column("Name", "string", "name", NAME_DOC, 0, (o, now) -> Json.name(o));
    }

    /** The Age column. */
    public static Column age() {
        return Column.of("Age", AGE_DOC, (o, now) -> Ages.age(Json.str(o, "metadata", "creationTimestamp"), now));
    }

    public static Column col(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return Column.of(name, description, cell);
    }

    public static Column wide(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return Column.wide(name, description, cell);
    }

    public static Column integer(String name, String description, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, "integer", "", description, 0, cell);
    }

    public static String orNone(String s) {
        return nonEmptyOr(s, NONE);
    }

    public static String nonEmptyOr(String s, String fallback) {
        return s == null || s.isEmpty() ? fallback : s;
    }
}
