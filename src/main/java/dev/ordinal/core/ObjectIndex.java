package dev.ordinal.core;

import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * A secondary index a kind declares on its definition for the informer cache, as client-go's {@code Indexers} name
 * them: a name, unique within the kind, and an index function from an object to the values it is filed under
 * ({@code IndexFunc}). The cache files every object of the kind under each value its function returns when the object
 * is added or changed, and looks objects up by value ({@code ByIndex}) without scanning the kind.
 *
 * <p>The function must be pure and cheap: it runs on the change feed's single writer for every change of the kind,
 * it must not fail, and it must return the same values for the same object. A null or empty value files nothing.
 *
 * @param name   the index name, e.g. {@code spec.nodeName}
 * @param values the values an object is filed under
 */
public record ObjectIndex(String name, Function<JsonNode, List<String>> values) {

    /** An index under which each object has at most one value (null for none). */
    public static ObjectIndex single(String name, Function<JsonNode, String> value) {
        return new ObjectIndex(name, o -> {
            String v = value.apply(o);
            return v == null ? List.of() : List.of(v);
        });
    }

    /** The values {@code obj} is filed under, nulls and empty strings left out. */
    public List<String> valuesOf(JsonNode obj) {
        List<String> out = values.apply(obj);
        return out == null ? List.of() : out.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }
}
