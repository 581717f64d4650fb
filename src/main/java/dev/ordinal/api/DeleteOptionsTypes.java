package dev.ordinal.api;

import java.util.Map;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import tools.jackson.databind.JsonNode;

/**
 * The JSON types of a {@code DeleteOptions} body, checked before any field is read, as the API server's decoder
 * checks them: {@code "dryRun": [{}]} is a 400 in encoding/json's words, not a failure further in.
 */
final class DeleteOptionsTypes {
    private static final Map<String, String> FIELDS = Map.of("kind", "string", "apiVersion", "string",
            "gracePeriodSeconds", "int64", "propagationPolicy", "v1.DeletionPropagation", "orphanDependents", "bool",
            "preconditions", "v1.Preconditions", "dryRun", "[]string", "ignoreStoreReadErrorWithClusterBreakingPotential", "bool");

    private DeleteOptionsTypes() {
    }

    static void check(JsonNode opts) {
        if (!opts.isObject()) {
            throw error(opts, "", "v1.DeleteOptions");
        }
        for (Map.Entry<String, String> f : FIELDS.entrySet()) {
            JsonNode v = opts.get(f.getKey());
            if (v == null || v.isNull()) {
                continue;
            }
            String t = f.getValue();
            boolean ok = switch (t) {
                case "int64" -> v.isIntegralNumber() && v.canConvertToLong();
                case "bool" -> v.isBoolean();
                case "v1.Preconditions" -> v.isObject();
                case "[]string" -> v.isArray();
                default -> v.isString();
            };
            if (!ok) {
                throw error(v, "." + f.getKey(), t);
            }
        }
        for (JsonNode d : Json.list(opts, "dryRun")) {
            if (!d.isString()) {
                throw error(d, ".dryRun", "string");
            }
        }
        for (String p : new String[]{"uid", "resourceVersion"}) {
            JsonNode v = Json.at(opts, "preconditions", p);
            if (!v.isMissingNode() && !v.isNull() && !v.isString()) {
                throw error(v, ".preconditions." + p, "string");
            }
        }
    }

    private static ApiException error(JsonNode value, String field, String goType) {
        String what = value.isNumber() ? "number " + value.asString() : Json.typeName(value);
        return ApiException.badRequest("json: cannot unmarshal " + what + " into Go "
                + (field.isEmpty() ? "value" : "struct field DeleteOptions" + field) + " of type " + goType);
    }
}
