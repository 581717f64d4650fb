package dev.ordinal.crd;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ordinal.api.table.Ages;
import dev.ordinal.core.Column;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * A CRD's {@code additionalPrinterColumns} as Table columns, after Name, the way the apiextensions API server's
 * table converter builds them: a column without any listed gets Name and Age. Cells are read by the subset of
 * JSONPath that CRDs use: dotted fields ({@code .spec.replicas}), indexes ({@code .status.conditions[0].type}) and
 * one equality filter ({@code .status.conditions[?(@.type=="Ready")].status}). A {@code date} column shows the age
 * of its timestamp as kubectl does ({@code 5m}); integers and numbers are sent as numbers.
 */
public final class PrinterColumns {
    private static final Pattern FILTER = Pattern.compile("\\[\\?\\(@\\.([\\w.-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private PrinterColumns() {
    }

    public static List<Column> of(CustomKind kind) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("Name", "string", "name",
                "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.",
                0, (o, now) -> Json.name(o)));
        List<JsonNode> defs = kind.printerColumns();
        if (defs.isEmpty()) {
            columns.add(new Column("Age", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
                    (o, now) -> age(Json.at(o, "metadata", "creationTimestamp"), now)));
            return columns;
        }
        for (JsonNode def : defs) {
            String type = def.path("type").asString("string");
            String path = def.path("jsonPath").asString("");
            columns.add(new Column(def.path("name").asString(), type, def.path("format").asString(""),
                    def.path("description").asString(""), def.path("priority").asInt(0),
                    (o, now) -> cell(type, read(o, path), now)));
        }
        return columns;
    }

    private static Object cell(String type, JsonNode value, Instant now) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return type.equals("integer") || type.equals("number") ? null : "<none>";
        }
        return switch (type) {
            case "date" -> age(value, now);
            case "integer" -> value.isNumber() ? (Object) value.asLong() : value.asString();
            case "number" -> value.isNumber() ? (Object) value.asDouble() : value.asString();
            default -> value.isValueNode() ? value.asString() : Json.write(value);
        };
    }

    private static Object age(JsonNode timestamp, Instant now) {
        return timestamp.isString() ? Ages.age(timestamp.asString(), now) : "<unknown>";
    }

    /** The value at a CRD JSONPath in {@code obj}, or a missing node. */
    public static JsonNode read(JsonNode obj, String jsonPath) {
        String p = jsonPath.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        JsonNode current = obj;
        int i = 0;
        while (i < p.length() && current != null && !current.isMissingNode()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                current = current.path(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                String rest = p.substring(i);
                Matcher index = INDEX.matcher(rest);
                Matcher filter = FILTER.matcher(rest);
                if (index.lookingAt()) {
                    current = current.path(Integer.parseInt(index.group(1)));
                    i += index.end();
                } else if (filter.lookingAt()) {
                    JsonNode found = com();
                    for (JsonNode item : current) {
                        if (filter.group(2).equals(Json.at(item, filter.group(1).split("\\.")).asString(null))) {
                            found = item;
                            break;
                        }
                    }
                    current = found;
                    i += filter.end();
                } else {
                    return com();
                }
            } else {
                return com();
            }
        }
        return current == null ? com() : current;
    }

    private static JsonNode com() {
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}
