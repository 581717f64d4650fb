package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Checks that a CRD version's {@code openAPIV3Schema} is structural, with the messages of Kubernetes'
 * {@code ValidateStructural} and {@code ValidateCustomResourceDefinitionOpenAPISchema}: every node specifies a
 * {@code type} (unless int-or-string or preserving unknown fields), the root is an object without
 * {@code additionalProperties}, arrays have {@code items}, {@code properties} and {@code additionalProperties}
 * exclude each other, {@code uniqueItems} and {@code $ref} are refused, metadata may restrict only name and
 * generateName, and patterns compile.
 */
public final class StructuralSchemas {
    private enum Level { ROOT, ITEM, FIELD }

    private StructuralSchemas() {
    }

    public static List<FieldError> validate(JsonNode schema, String path) {
        List<FieldError> errs = new ArrayList<>();
        node(schema, path, Level.ROOT, errs);
        return errs;
    }

    private static void node(JsonNode s, String path, Level level, List<FieldError> errs) {
        if (s == null || !s.isObject()) {
            return;
        }
        String type = s.path("type").asString("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = s.path("x-kubernetes-embedded-resource").asBoolean(false);
        if (s.has("$ref")) {
            errs.add(FieldError.forbidden(path + ".$ref", "$ref is not supported"));
        }
        if (s.path("uniqueItems").asBoolean(false)) {
            errs.add(FieldError.forbidden(path + ".uniqueItems",
                    "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }
        if (type.equals("array") && !s.has("items")) {
            errs.add(FieldError.required(path + ".items", "must be specified"));
        }
        if (embedded && !type.equals("object")) {
            if (type.isEmpty()) {
                errs.add(FieldError.required(path + ".type", "must be object if x-kubernetes-embedded-resource is true"));
            } else {
                errs.add(FieldError.invalidString(path + ".type", type,
                        "must be object if x-kubernetes-embedded-resource is true"));
            }
        } else if (type.isEmpty() && !intOrString && !preserve) {
            errs.add(FieldError.required(path + ".type", switch (level) {
                case ROOT -> "must not be empty at the root";
                case ITEM -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            }));
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errs.add(FieldError.invalidString(path + ".type", type, "must be object at the root"));
        }
        if (intOrString && preserve) {
            errs.add(FieldError.invalid(path + ".x-kubernetes-preserve-unknown-fields", "true",
                    "must be false if x-kubernetes-int-or-string is true"));
        }
        JsonNode additional = s.get("additionalProperties");
        if (additional != null) {
            if (level == Level.ROOT) {
                errs.add(FieldError.forbidden(path + ".additionalProperties", "must not be used at the root"));
            }
            if (s.path("properties").size() > 0 && (additional.isObject() || !additional.asBoolean(true))) {
                errs.add(FieldError.forbidden(path + ".additionalProperties",
                        "additionalProperties and properties are mutual exclusive"));
            }
            if (additional.isObject()) {
                node(additional, path + ".additionalProperties", Level.FIELD, errs);
            }
        }
        String pattern = s.path("pattern").asString("");
        if (!pattern.isEmpty() && SchemaValidator.compile(pattern) == null) {
            errs.add(FieldError.invalidString(path + ".pattern", pattern,
                    "must be a valid regular expression, but isn't"));
        }
        String listType = s.path("x-kubernetes-list-type").asString("");
        if (listType.equals("map") && s.path("x-kubernetes-list-map-keys").isEmpty()) {
            errs.add(FieldError.required(path + ".x-kubernetes-list-map-keys",
                    "must not be empty if x-kubernetes-list-type is map"));
        }
        if (!listType.isEmpty() && !List.of("atomic", "set", "map").contains(listType)) {
            errs.add(FieldError.notSupported(path + ".x-kubernetes-list-type", listType, "atomic", "set", "map"));
        }
        JsonNode properties = s.path("properties");
        if ((level == Level.ROOT || embedded) && properties.has("metadata")) {
            JsonNode meta = properties.get("metadata");
            if (!meta.path("type").asString("object").equals("object")) {
                errs.add(FieldError.invalidString(path + ".properties[metadata].type", meta.path("type").asString(),
                        "must be object"));
            }
            for (Map.Entry<String, JsonNode> p : meta.path("properties").properties()) {
                if (!p.getKey().equals("name") && !p.getKey().equals("generateName")) {
                    errs.add(FieldError.forbidden(path + ".properties[metadata]",
                            "must not specify anything other than name and generateName, but metadata is implicitly specified"));
                    break;
                }
            }
        }
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            if ((level == Level.ROOT || embedded) && p.getKey().equals("metadata")) {
                continue;
            }
            node(p.getValue(), path + ".properties[" + p.getKey() + "]", Level.FIELD, errs);
        }
        if (s.get("items") != null && s.get("items").isObject()) {
            node(s.get("items"), path + ".items", Level.ITEM, errs);
        }
    }
}
