package dev.ordinal.auth;

import dev.ordinal.core.ApiException;

/**
 * The API server's 403 for a request the authorizer did not allow ({@code responsewriters.Forbidden}), word for
 * word: {@code pods "web-0" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the
 * namespace "default"}, the authorizer's reason appended after a colon when it gave one.
 */
public final class Forbidden {
    private Forbidden() {
    }

    /** The 403 for {@code request}, which was not allowed for {@code reason} (may be empty). */
    public static ApiException of(RequestAttributes request, String reason) {
        String why = message(request) + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        if (!request.resourceRequest() || request.resource().isEmpty()) {
            return new ApiException(403, "Forbidden", "forbidden: " + why, null, null, null, null);
        }
        String qualified = request.apiGroup().isEmpty() ? request.resource()
                : request.resource() + "." + request.apiGroup();
        String name = request.name().isEmpty() ? null : request.name();
        String message = name == null ? qualified + " is forbidden: " + why
                : qualified + " \"" + name + "\" is forbidden: " + why;
        return new ApiException(403, "Forbidden", message, name, request.apiGroup(), request.resource(), null);
    }

    /** {@code forbiddenMessage}: who cannot do what, where. */
    static String message(RequestAttributes a) {
        String user = a.user() == null ? "" : a.user().name();
        if (!a.resourceRequest()) {
            return "User \"" + user + "\" cannot " + a.verb() + " path \"" + a.path() + "\"";
        }
        String resource = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
        String scope = a.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + a.namespace() + "\"";
        return "User \"" + user + "\" cannot " + a.verb() + " resource \"" + resource + "\" in API group \""
                + a.apiGroup() + "\" " + scope;
    }
}
