package dev.ordinal.api;

import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request's path with the kind whose objects it reads: for a kind served as a view of another's objects (a CRD's
 * version other than its storage version, conversion {@code None}), {@link #path()} names the stored kind and every
 * object goes out with the served version's apiVersion ({@link #out}). For any other kind both are the request's.
 *
 * @param path   the request's path, at the stored kind
 * @param served the type the request addressed
 */
record ServedPath(ApiPath path, ResourceType served) {

    static ServedPath of(ApiPath path, KindRegistry kinds) {
        ResourceType t = path.type();
        return kinds.find(t.group(), t.version(), t.kind()).flatMap(d -> d.storedAs())
                .map(s -> new ServedPath(new ApiPath(s, path.namespace(), path.name(), path.subresource()), path.type()))
                .orElse(new ServedPath(path, path.type()));
    }

    /** Whether answers need converting: the stored apiVersion is not the one asked for. */
    boolean converted() {
        return !served.equals(path.type());
    }

    /** A stored object as the served version shows it: a copy with its apiVersion, or the object itself. */
    ObjectNode out(ObjectNode stored) {
        if (!converted()) {
            return stored;
        }
        ObjectNode copy = stored.deepCopy();
        copy.put("apiVersion", served.apiVersion());
        return copy;
    }

    /** {@link #out} for a node that may not be an object (a Status). */
    JsonNode outNode(JsonNode node) {
        return node instanceof ObjectNode o && path.type().apiVersion().equals(o.path("apiVersion").asString(""))
                ? out(o) : node;
    }
}
