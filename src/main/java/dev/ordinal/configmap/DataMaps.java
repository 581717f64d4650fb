package dev.ordinal.configmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules ConfigMaps and Secrets share (pkg/apis/core/validation): key names, the 1 MiB total, base64 values
 * (decoded as Go decodes a {@code []byte} field, so a bad value is a 400 BadRequest, not an Invalid), and
 * {@code immutable}.
 */
public final class DataMaps {
    /** MaxSecretSize, also the limit of a ConfigMap's data. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final String KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or "
            + "'.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    private static final String IMMUTABLE = "field is immutable when `immutable` is set";

    private DataMaps() {
    }

    /** IsConfigMapKey: the errors of one key of {@code field}, reported at {@code field[key]}. */
    public static List<FieldError> key(String field, String key) {
        List<FieldError> errs = new ArrayList<>();
        String at = field + "[" + key + "]";
        if (key.length() > 253) {
            errs.add(FieldError.invalidString(at, key, "must be no more than 253 characters"));
        }
        if (!KEY.matcher(key).matches()) {
            errs.add(FieldError.invalidString(at, key, KEY_MESSAGE));
        }
        if (key.equals(".")) {
            errs.add(FieldError.invalidString(at, key, "must not be '.'"));
        } else if (key.equals("..")) {
            errs.add(FieldError.invalidString(at, key, "must not be '..'"));
        } else if (key.startsWith("..")) {
            errs.add(FieldError.invalidString(at, key, "must not start with '..'"));
        }
        return errs;
    }

    /** The keys of a map field ({@code data}, {@code binaryData}), with the errors of each. */
    public static List<FieldError> keys(JsonNode map, String field) {
        List<FieldError> errs = new ArrayList<>();
        if (map != null && map.isObject()) {
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                errs.addAll(key(field, e.getKey()));
            }
        }
        return errs;
    }

    /**
     * Checks that every value of {@code field} is a string of standard, padded base64, as Go's decoder of a
     * {@code []byte} field requires; else 400 BadRequest with the decoder's message.
     */
    public static void requireBase64(ResourceType type, ObjectNode obj, String field) {
        JsonNode map = obj.get(field);
        if (map == null || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            throw decodeError(type, "json: cannot unmarshal " + typeName(map) + " into Go struct field " + type.kind()
                    + "." + field + " of type map[string][]uint8");
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isString()) {
                throw decodeError(type, "json: cannot unmarshal " + typeName(v) + " into Go struct field " + type.kind()
                        + "." + field + " of type []uint8");
            }
            int bad = badBase64At(v.asString());
            if (bad >= 0) {
                throw decodeError(type, "illegal base64 data at input byte " + bad);
            }
        }
    }

    /** The number of bytes the values of a base64 map decode to. */
    public static long decodedSize(JsonNode map) {
        long n = 0;
        if (map != null && map.isObject()) {
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                String s = e.getValue().asString("");
                int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
                n += s.length() / 4 * 3 - pad;
            }
        }
        return n;
    }

    /** The number of bytes of the values of a string map. */
    public static long stringSize(JsonNode map) {
        long n = 0;
        if (map != null && map.isObject()) {
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                n += e.getValue().asString("").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    /** The size error Kubernetes gives when the data exceed 1 MiB. */
    public static FieldError tooLong(String field) {
        return new FieldError("FieldValueTooLong", field, "Too long: must have at most " + MAX_BYTES + " bytes");
    }

    /**
     * An object whose old version is immutable keeps {@code immutable} and its data fields: a change to any of them
     * is Forbidden.
     */
    public static List<FieldError> immutable(ObjectNode obj, ObjectNode old, String... dataFields) {
        List<FieldError> errs = new ArrayList<>();
        if (!old.path("immutable").asBoolean(false)) {
            return errs;
        }
        if (!old.path("immutable").equals(obj.path("immutable"))) {
            errs.add(FieldError.forbidden("immutable", IMMUTABLE));
        }
        for (String f : dataFields) {
            if (!empty(old.get(f)) || !empty(obj.get(f))) {
                if (!java.util.Objects.equals(old.get(f), obj.get(f))) {
                    errs.add(FieldError.forbidden(f, IMMUTABLE));
                }
            }
        }
        return errs;
    }

    private static boolean empty(JsonNode n) {
        return n == null || n.isNull() || (n.isObject() && n.isEmpty());
    }

    /** The offset of the first byte Go's base64.StdEncoding refuses, or -1 when the text decodes. */
    static int badBase64At(String s) {
        int padding = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (c == '=') {
                // Padding only ends the last quantum, after at least two characters of it.
                int inQuantum = i % 4;
                if (inQuantum < 2 || (padding == 0 && inQuantum == 2 && (i + 1 >= s.length() || s.charAt(i + 1) != '='))) {
                    return i;
                }
                padding++;
            } else if (!alphabet || padding > 0) {
                return i;
            }
        }
        return s.length() % 4 == 0 ? -1 : s.length() / 4 * 4;
    }

    private static ApiException decodeError(ResourceType type, String why) {
        return ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                + type.kind() + ": " + why);
    }

    private static String typeName(JsonNode n) {
        return n.isNumber() ? "number" : n.isBoolean() ? "bool" : n.isArray() ? "array" : n.isObject() ? "object"
                : "string";
    }
}
