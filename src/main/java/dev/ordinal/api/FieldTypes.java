package dev.ordinal.api;

import java.util.Map;

import dev.ordinal.api.openapi.KubernetesSchemas;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.SchemaNode;
import tools.jackson.databind.JsonNode;

/**
 * The JSON types of an object's fields, checked against the kind's schema before anything is stored, as the API
 * server's decoder checks them against the Go types: {@code replicas: "three"} is a 400 BadRequest ("StatefulSet in
 * version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field
 * StatefulSetSpec.spec.replicas of type int32"), not an object a controller later trips over. Fields the schema
 * does not declare are left to {@link UnknownFields}; custom kinds' own validation reports their types (422), so only
 * their metadata is checked here.
 */
public final class FieldTypes {
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String RAW = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    /**
     * Go's named string types where a decode error names them: the schema says only "string". Keyed by the holding
     * struct and the field.
     */
    private static final Map<String, String> NAMED_STRINGS = Map.of(
            "PersistentVolumeClaimSpec.accessModes", "v1.PersistentVolumeAccessMode",
            "PersistentVolumeSpec.accessModes", "v1.PersistentVolumeAccessMode");

    private FieldTypes() {
    }

    /** Throws 400 BadRequest, in the decoder's words, at the first field whose JSON type is wrong. */
    public static void check(KindDefinition kind, JsonNode obj) {
        ResourceType type = kind.type();
        if (kind.unknownFieldFinder().isPresent() || kind.schema().isEmpty()) {
            JsonNode meta = obj.get("metadata");
            if (meta != null) {
                SchemaNode.named(OBJECT_META, KubernetesSchemas.all()).ifPresent(s -> {
                    if (!meta.isNull() && !meta.isObject()) {
                        throw decodeError(type, meta, type.kind(), "metadata", "v1.ObjectMeta");
                    }
                    fields(type, meta, s, "metadata");
                });
            }
            return;
        }
        KindSchemas.root(kind).ifPresent(root -> fields(type, obj, root, ""));
    }

    /** Checks the declared fields of the object {@code node}, an instance of {@code s} found at {@code path}. */
    private static void fields(ResourceType type, JsonNode node, SchemaNode s, String path) {
        String struct = structName(type, s);
        SchemaNode values = s.values();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            SchemaNode field = s.property(e.getKey());
            if (field != null) {
                value(type, e.getValue(), field, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), struct,
                        e.getKey());
            } else if (values != null) {
                value(type, e.getValue(), values, path, struct, null);
            }
        }
    }

    /**
     * Checks {@code v}, the value of the field {@code fieldName} (null for a map's value or a list's element) of the
     * struct {@code struct}, found at {@code path} (with no list indexes, as encoding/json writes it).
     */
    private static void value(ResourceType type, JsonNode v, SchemaNode s, String path, String struct, String fieldName) {
        if (v.isNull() || (s.preservesUnknownFields() && s.type() == null) || RAW.equals(s.fullName())) {
            return;
        }
        if (QUANTITY.equals(s.fullName()) || s.intOrString() || INT_OR_STRING.equals(s.fullName())) {
            if (!v.isString() && !v.isNumber()) {
                throw decodeError(type, v, struct, path, goType(s, struct, fieldName));
            }
            return;
        }
        String t = s.type();
        if (t == null) {
            return;
        }
        boolean ok = switch (t) {
            case "integer" -> v.isIntegralNumber() && ("int32".equals(s.format()) ? v.canConvertToInt() : v.canConvertToLong());
            case "number" -> v.isNumber();
            case "string" -> v.isString();
            case "boolean" -> v.isBoolean();
            case "array" -> v.isArray();
            case "object" -> v.isObject();
            default -> true;
        };
        if (!ok) {
            throw decodeError(type, v, struct, path, goType(s, struct, fieldName));
        }
        // A list's elements and a map's values are reported at the list's or map's own field, as encoding/json does.
        SchemaNode elements = v.isArray() ? s.items() : v.isObject() && !s.declaresProperties() ? s.values() : null;
        if (elements != null) {
            for (JsonNode element : v) {
                value(type, element, elements, path, struct, fieldName);
            }
        } else if (v.isObject() && s.declaresProperties()) {
            fields(type, v, s, path);
        }
    }

    /**
     * The decoder's message: {@code StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot
     * unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32}. The struct is the Go type
     * holding the field; the path has no list indexes, as encoding/json writes it.
     */
    static ApiException decodeError(ResourceType type, JsonNode value, String struct, String path, String goType) {
        String what = value.isNumber() ? "number " + value.asString() : Json.typeName(value);
        return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": json: cannot unmarshal " + what + " into Go struct field " + struct
                + "." + path + " of type " + goType);
    }

    /** The Go struct an object schema stands for: its component's short name, the kind itself at the top. */
    private static String structName(ResourceType type, SchemaNode s) {
        return s.component() == null ? type.kind() : s.component();
    }

    /** The Go type of a value as encoding/json names it: {@code v1.ServiceSpec}, {@code []v1.Container}, {@code int32}. */
    private static String goType(SchemaNode s, String struct, String fieldName) {
        if (QUANTITY.equals(s.fullName())) {
            return "resource.Quantity";
        }
        if (s.intOrString() || INT_OR_STRING.equals(s.fullName())) {
            return "intstr.IntOrString";
        }
        if (s.fullName() != null && "object".equals(s.type())) {
            return goPackage(s.fullName()) + "." + s.component();
        }
        String t = s.type() == null ? "" : s.type();
        return switch (t) {
            case "integer" -> "int32".equals(s.format()) ? "int32" : "int64";
            case "number" -> "float64";
            case "boolean" -> "bool";
            case "array" -> s.items() == null ? "[]interface {}" : "[]" + goType(s.items(), struct, fieldName);
            case "object" -> s.values() == null ? "map[string]interface {}" : "map[string]" + goType(s.values(), struct, fieldName);
            case "string" -> {
                if (s.fullName() != null && !s.fullName().startsWith("io.k8s.apimachinery.pkg.api")) {
                    yield goPackage(s.fullName()) + "." + s.component();
                }
                yield NAMED_STRINGS.getOrDefault(struct + "." + fieldName, "string");
            }
            default -> "interface {}";
        };
    }

    /** The Go package name of a component: {@code v1} for {@code io.k8s.api.apps.v1.StatefulSetSpec}. */
    private static String goPackage(String fullName) {
        String pkg = fullName.substring(0, fullName.lastIndexOf('.'));
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }
}
