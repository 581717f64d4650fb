package dev.ordinal.core;

import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One place in an OpenAPI v3 schema, its {@code $ref}s (and single-{@code allOf} described references, as Kubernetes
 * writes them) already resolved among the named schemas. It is how every walker of a kind's schema moves through it:
 * unknown-field pruning, the decoder's type checks and strategic merge's list keys.
 *
 * @param schema   the resolved schema
 * @param fullName the name of the named schema this place is an instance of
 *                 ({@code io.k8s.api.apps.v1.StatefulSetSpec}), or null when the schema is inline
 * @param named    the schemas references are resolved among
 */
public record SchemaNode(ObjectNode schema, String fullName, Map<String, ObjectNode> named) {

    /** The place {@code schema} stands for; empty when it is a reference to no known schema. */
    public static Optional<SchemaNode> of(ObjectNode schema, Map<String, ObjectNode> named) {
        return Optional.ofNullable(resolve(schema, null, named));
    }

    /** The named schema {@code fullName}, if known. */
    public static Optional<SchemaNode> named(String fullName, Map<String, ObjectNode> named) {
        ObjectNode s = named.get(fullName);
        return s == null ? Optional.empty() : Optional.ofNullable(resolve(s, fullName, named));
    }

    /** The short name of the named schema ({@code StatefulSetSpec}), the Go struct it stands for; null when inline. */
    public String component() {
        return fullName == null ? null : fullName.substring(fullName.lastIndexOf('.') + 1);
    }

    /** The declared property {@code name}, or null when the object does not declare it. */
    public SchemaNode property(String name) {
        JsonNode properties = schema.get("properties");
        JsonNode p = properties == null ? null : properties.get(name);
        return p instanceof ObjectNode o ? resolve(o, null, named) : null;
    }

    /** Whether the object declares properties: then any other field is unknown (unless it preserves them). */
    public boolean declaresProperties() {
        return schema.get("properties") instanceof ObjectNode;
    }

    /** The schema of a map's values ({@code additionalProperties}), or null. */
    public SchemaNode values() {
        return schema.get("additionalProperties") instanceof ObjectNode o ? resolve(o, null, named) : null;
    }

    /** Whether fields the schema does not declare are kept ({@code x-kubernetes-preserve-unknown-fields}, or
     * {@code additionalProperties: true}). */
    public boolean preservesUnknownFields() {
        return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                || schema.path("additionalProperties").asBoolean(false);
    }

    /** The schema of a list's elements, or null. */
    public SchemaNode items() {
        return schema.get("items") instanceof ObjectNode o ? resolve(o, null, named) : null;
    }

    /** The JSON type the schema declares ({@code object}, {@code array}, {@code string}, ...), or null. */
    public String type() {
        JsonNode t = schema.get("type");
        return t != null && t.isString() ? t.asString() : null;
    }

    /** The declared {@code format} ({@code int32}, {@code int64}, {@code date-time}, ...), or null. */
    public String format() {
        JsonNode f = schema.get("format");
        return f != null && f.isString() ? f.asString() : null;
    }

    /** Whether the value may be an integer or a string ({@code x-kubernetes-int-or-string}). */
    public boolean intOrString() {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false) || "int-or-string".equals(format());
    }

    /** The key a strategic merge patch merges this list's elements by ({@code x-kubernetes-patch-merge-key}). */
    public Optional<String> patchMergeKey() {
        JsonNode k = schema.get("x-kubernetes-patch-merge-key");
        return k != null && k.isString() ? Optional.of(k.asString()) : Optional.empty();
    }

    /** Whether a strategic merge patch merges this list rather than replacing it. */
    public boolean mergesOnPatch() {
        return schema.path("x-kubernetes-patch-strategy").asString("").contains("merge");
    }

    private static SchemaNode resolve(ObjectNode schema, String name, Map<String, ObjectNode> named) {
        ObjectNode s = schema;
        String component = name;
        for (int hops = 0; s != null && hops < 16; hops++) {
            if (s.has("$ref")) {
                String ref = s.get("$ref").asString();
                component = ref.substring(ref.lastIndexOf('/') + 1);
                s = named.get(component);
                continue;
            }
            JsonNode allOf = s.get("allOf");
            if (allOf != null && allOf.size() == 1 && !s.has("properties") && allOf.get(0) instanceof ObjectNode only) {
                s = only;
                continue;
            }
            break;
        }
        return s == null ? null : new SchemaNode(s, component, named);
    }
}
