package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prunes and defaults a custom object by its structural schema, as the apiextensions API server does on every
 * write: fields the schema does not specify are dropped (unless {@code x-kubernetes-preserve-unknown-fields} keeps
 * them), null values of fields that are not {@code nullable} are dropped, and then every specified field that is
 * absent gets a deep copy of its {@code default}. The root's and embedded resources' {@code apiVersion},
 * {@code kind} and {@code metadata} are never pruned.
 */
public final class SchemaPruner {
    private SchemaPruner() {
    }

    /**
     * Removes unknown fields in place and returns their paths ({@code spec.foo}, {@code spec.list[0].bar}) in the
     * order found, for {@code fieldValidation=Strict|Warn}.
     */
    public static List<String> prune(JsonNode schema, ObjectNode object) {
        List<String> pruned = new ArrayList<>();
        if (schema != null && schema.isObject()) {
            pruneObject(schema, object, "", true, pruned);
        }
        return pruned;
    }

    /** Applies {@code default}s in place, to the depth the schema specifies. */
    public static void applyDefaults(JsonNode schema, ObjectNode object) {
        if (schema != null && schema.isObject()) {
            defaultNode(schema, object);
        }
    }

    private static void pruneNode(JsonNode schema, JsonNode value, String path, List<String> pruned) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return;
        }
        if (value instanceof ObjectNode obj) {
            pruneObject(schema, obj, path, schema.path("x-kubernetes-embedded-resource").asBoolean(false), pruned);
        } else if (value instanceof ArrayNode arr && schema.get("items") != null && schema.get("items").isObject()) {
            for (int i = 0; i < arr.size(); i++) {
                pruneNode(schema.get("items"), arr.get(i), path + "[" + i + "]", pruned);
            }
        }
    }

    private static void pruneObject(JsonNode schema, ObjectNode obj, String path, boolean resource,
                                    List<String> pruned) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String childPath = SchemaValidator.child(path, name);
            if (resource && (name.equals("apiVersion") || name.equals("kind") || name.equals("metadata"))) {
                continue;
            }
            JsonNode fieldSchema = properties.get(name);
            if (fieldSchema == null && additional != null && additional.isObject()) {
                fieldSchema = additional;
            }
            if (fieldSchema == null) {
                boolean allowed = preserve || additional != null && additional.asBoolean(false);
                if (!allowed) {
                    it.remove();
                    pruned.add(childPath);
                }
                continue;
            }
            if (e.getValue().isNull() && !fieldSchema.path("nullable").asBoolean(false)) {
                // Kubernetes drops nulls of non-nullable fields before defaulting, so a default applies instead.
                it.remove();
                continue;
            }
            pruneNode(fieldSchema, e.getValue(), childPath, pruned);
        }
    }

    private static void defaultNode(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode obj) {
            JsonNode properties = schema.path("properties");
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                JsonNode def = p.getValue().get("default");
                if (def != null && (!obj.has(p.getKey()) || obj.get(p.getKey()).isNull()
                        && !p.getValue().path("nullable").asBoolean(false))) {
                    obj.set(p.getKey(), def.deepCopy());
                }
            }
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                JsonNode fieldSchema = properties.get(e.getKey());
                if (fieldSchema == null && additional != null && additional.isObject()) {
                    fieldSchema = additional;
                }
                if (fieldSchema != null) {
                    defaultNode(fieldSchema, e.getValue());
                }
            }
        } else if (value instanceof ArrayNode arr && schema.get("items") != null && schema.get("items").isObject()) {
            for (JsonNode item : arr) {
                defaultNode(schema.get("items"), item);
            }
        }
    }
}
