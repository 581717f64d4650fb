package dev.ordinal.core;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A failure the API reports as a Kubernetes {@code Status} object. Thrown anywhere below the HTTP layer; the
 * exception handler renders it with the exact shape, reason, code and message Kubernetes uses.
 */
public class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String name;
    private final String group;
    private final String detailsKind;
    private final List<FieldError> causes;

    public ApiException(int code, String reason, String message, String name, String group, String detailsKind,
                        List<FieldError> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.group = group;
        this.detailsKind = detailsKind;
        this.causes = causes == null ? List.of() : List.copyOf(causes);
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.qualifiedResource() + " \"" + name + "\" not found",
                name, type.group(), type.plural(), null);
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return new ApiException(409, "AlreadyExists", type.qualifiedResource() + " \"" + name + "\" already exists",
                name, type.group(), type.plural(), null);
    }

    public static ApiException conflict(ResourceType type, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedResource()
                + " \"" + name + "\": the object has been modified; please apply your changes to the latest version and try again",
                name, type.group(), type.plural(), null);
    }

    public static ApiException conflict(ResourceType type, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedResource()
                + " \"" + name + "\": " + why, name, type.group(), type.plural(), null);
    }

    /** A 422 Invalid error listing every field error, as {@code NewInvalid} renders it. */
    public static ApiException invalid(ResourceType type, String name, List<FieldError> errors) {
        String joined = errors.size() == 1 ? errors.get(0).text()
                : "[" + String.join(", ", errors.stream().map(FieldError::text).toList()) + "]";
        return new ApiException(422, "Invalid", type.qualifiedKind() + " \"" + name + "\" is invalid: " + joined,
                name, type.group(), type.kind(), errors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null, null, null);
    }

    public static ApiException notFoundPath() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null,
                null, null);
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message, null, null, null, null);
    }

    public static ApiException tooLarge() {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728", null,
                null, null, null);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json, application/yaml, application/merge-patch+json, "
                + "application/strategic-merge-patch+json, application/json-patch+json, application/apply-patch+yaml",
                null, null, null, null);
    }

    /** 504: a list or watch asked for a resourceVersion the server has not reached. */
    public static ApiException tooLargeResourceVersion(long asked, long current) {
        return new ApiException(504, "Timeout", "Timeout: Too large resource version: " + asked + ", current: " + current,
                null, null, null, List.of(new FieldError("ResourceVersionTooLarge", null, "Too large resource version")));
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null, null, null, null);
    }

    public static ApiException namespaceNotFound(String namespace) {
        return notFound(ResourceTypes.NAMESPACE, namespace);
    }

    public static ApiException forbiddenTerminatingNamespace(ResourceType type, String name, String namespace) {
        return new ApiException(403, "Forbidden", type.qualifiedResource() + " \"" + name + "\" is forbidden: unable "
                + "to create new content in namespace " + namespace + " because it is being terminated",
                name, type.group(), type.plural(), null);
    }

    /** Kubernetes' {@code NewForbidden}: 403 "{resource} \"{name}\" is forbidden: {why}". */
    public static ApiException forbidden(ResourceType type, String name, String why) {
        return new ApiException(403, "Forbidden", type.qualifiedResource() + " \"" + name + "\" is forbidden: " + why,
                name, type.group(), type.plural(), null);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public String name() {
        return name;
    }

    public String group() {
        return group;
    }

    public String detailsKind() {
        return detailsKind;
    }

    public List<FieldError> causes() {
        return causes;
    }

    /** The Status object of this failure, in Kubernetes' field order and with its omitempty rules. */
    public ObjectNode status() {
        ApiException e = this;
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", e.getMessage());
        s.put("reason", e.reason());
        if (e.name() != null || e.detailsKind() != null || !e.causes().isEmpty()) {
            ObjectNode d = s.putObject("details");
            if (e.name() != null) {
                d.put("name", e.name());
            }
            if (e.group() != null && !e.group().isEmpty()) {
                d.put("group", e.group());
            }
            if (e.detailsKind() != null) {
                d.put("kind", e.detailsKind());
            }
            if (!e.causes().isEmpty()) {
                ArrayNode causes = d.putArray("causes");
                if (e.code() == 504) {
                    d.put("retryAfterSeconds", 1);
                }
                for (FieldError fe : e.causes()) {
                    ObjectNode c = causes.addObject();
                    c.put("reason", fe.reason());
                    c.put("message", fe.body());
                    if (fe.field() != null) {
                        c.put("field", fe.field());
                    }
                }
            }
        }
        s.put("code", e.code());
        return s;
    }
}
