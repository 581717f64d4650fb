package dev.ordinal.core;

import java.util.Map;

import dev.ordinal.api.ApiException;
import dev.ordinal.api.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one kind-specific subresource ({@code pods/log}, {@code pods/eviction}...), registered on the kind's
 * {@link KindDefinition}; the generic API controller routes to it without knowing the kind. A verb a handler does not
 * override is a 405 MethodNotAllowed.
 */
public interface SubresourceHandler {

    /** GET on {@code .../{name}/{subresource}} with the request's query parameters. */
    default Reply get(ResourceType type, String namespace, String name, Map<String, String> params) {
        throw notAllowed();
    }

    /** POST of {@code body} to {@code .../{name}/{subresource}}. */
    default Reply create(ResourceType type, String namespace, String name, ObjectNode body, Map<String, String> params) {
        throw notAllowed();
    }

    private static ApiException notAllowed() {
        return ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
    }

    /**
     * What a subresource answers: a JSON object (negotiated like any other body) or plain text.
     *
     * @param code the HTTP status
     * @param json the body as JSON, or null when {@code text} is the body
     * @param text the body as plain text, or null
     */
    record Reply(int code, JsonNode json, String text) {
        public static Reply json(int code, JsonNode body) {
            return new Reply(code, body, null);
        }

        public static Reply text(String body) {
            return new Reply(200, null, body);
        }
    }
}
