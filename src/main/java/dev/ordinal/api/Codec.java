package dev.ordinal.api;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import dev.ordinal.api.yaml.YamlException;
import dev.ordinal.api.yaml.YamlReader;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ProtobufFields;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads request bodies in JSON or YAML and writes responses in the format the client accepts. */
public final class Codec {
    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";

    private Codec() {
    }

    /** Whether a content type names YAML. */
    public static boolean isYaml(String contentType) {
        return contentType != null && (contentType.contains("yaml") && !contentType.startsWith(Patches.APPLY));
    }

    /**
     * Parses a body as JSON, or as YAML when the content type says so (apply patches may be either). Malformed input
     * is a 400 BadRequest naming the problem, never a 500.
     */
    public static JsonNode read(byte[] body, String contentType) {
        if (contentType != null && (contentType.startsWith("application/x-www-form-urlencoded")
                || contentType.startsWith("multipart/") || contentType.startsWith("text/html"))) {
            // As the API server: a form is not a Kubernetes object (curl -d needs -H 'Content-Type: application/json').
            throw ApiException.unsupportedMediaType(contentType);
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("the body of the request was empty");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        boolean yaml = isYaml(contentType) || (contentType != null && contentType.startsWith(Patches.APPLY)
                && !text.stripLeading().startsWith("{"));
        try {
            JsonNode node = yaml ? YamlReader.read(text) : Json.MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the body of the request was empty");
            }
            NulStrings.check(node);
            return node;
        } catch (YamlException e) {
            throw ApiException.badRequest("error converting YAML to JSON: yaml: "
                    + (e.line() > 0 ? "line " + e.line() + ": " : "") + e.getMessage());
        } catch (JacksonException e) {
            String msg = e.getOriginalMessage();
            String first = msg == null ? "malformed body" : msg.lines().findFirst().orElse("malformed body");
            // Jackson's location suffixes name its internals; the line and column are what a person needs.
            first = first.replaceAll("\\s*\\(start marker at \\[Source:.*$", "").replaceAll("\\s*at \\[Source:.*$", "");
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiException.badRequest((yaml ? "error converting YAML to JSON: yaml: " : "json parse error: ")
                    + first + where);
        }
    }

    /**
     * Reads a body that must be an object (a Kubernetes resource), with Kubernetes' message otherwise; a protobuf body
     * yields its metadata only.
     */
    public static tools.jackson.databind.node.ObjectNode readObject(byte[] body, String contentType) {
        return readObject(body, contentType, (apiVersion, kind) -> ProtobufFields.NONE);
    }

    /**
     * As {@link #readObject(byte[], String)}, a protobuf body decoded with the fields {@code protobufFieldsOf} gives
     * for the apiVersion and kind its envelope names.
     */
    public static tools.jackson.databind.node.ObjectNode readObject(byte[] body, String contentType,
            BiFunction<String, String, ProtobufFields> protobufFieldsOf) {
        if (ProtobufEnvelope.isProtobuf(contentType)) {
            tools.jackson.databind.node.ObjectNode decoded = ProtobufEnvelope.decode(body, protobufFieldsOf);
            NulStrings.check(decoded);
            return decoded;
        }
        JsonNode node = read(body, contentType);
        if (!node.isObject()) {
            throw ApiException.badRequest("Object 'Kind' is missing in '" + node + "'");
        }
        return (tools.jackson.databind.node.ObjectNode) node;
    }

    /** Whether the Accept header prefers YAML over JSON. */
    public static boolean wantsYaml(String accept) {
        if (accept == null) {
            return false;
        }
        int y = accept.indexOf("yaml");
        int j = accept.indexOf("json");
        return y >= 0 && (j < 0 || y < j);
    }

    public static byte[] write(JsonNode node, boolean yaml) {
        return yaml ? Json.YAML.writeValueAsBytes(node) : Json.MAPPER.writeValueAsBytes(node);
    }
}
