package dev.ordinal.reconcile;

import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/** The identity a reconciler works on: namespace ("" for cluster-scoped objects) and name. */
public record Key(String namespace, String name) {
    public static Key of(JsonNode obj) {
        return new Key(Json.namespace(obj), Json.name(obj));
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
