package dev.ordinal.crd;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.ordinal.core.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Validates a custom object against its version's structural schema ({@code openAPIV3Schema}) the way the
 * apiextensions API server does with kube-openapi's validator, and renders each failure as the field error
 * Kubernetes returns in its 422: {@code spec.replicas: Invalid value: "string": spec.replicas in body must be of type
 * integer: "string"}. Checked: type (with {@code x-kubernetes-int-or-string}), nullable, format (date-time, date,
 * int32, int64, byte, uuid, ipv4, ipv6, hostname), enum, minimum/maximum (and exclusive), multipleOf,
 * minLength/maxLength, pattern, minItems/maxItems, minProperties/maxProperties, required,
 * {@code x-kubernetes-list-type} set and map (duplicates refused), additionalProperties, embedded resources, and
 * the logic junctors allOf/anyOf/oneOf/not. Metadata, apiVersion and kind at the root are the API server's and are
 * not checked here.
 */
public final class SchemaValidator {
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^[a-zA-Z0-9]([-a-zA-Z0-9]{0,62})?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,62})?)*$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private SchemaValidator() {
    }

    /** The field errors of a whole custom object; empty when it is valid. */
    public static List<FieldError> validate(JsonNode schema, JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return errors;
        }
        validateNode(schema, object, "", true, errors);
        return errors;
    }

    private static void validateNode(JsonNode schema, JsonNode value, String path, boolean resourceRoot,
                                     List<FieldError> errors) {
        if (value == null || value.isMissingNode()) {
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && hasType(schema)) {
                errors.add(typeError(path, "null", types(schema)));
            }
            return;
        }
        if (!checkType(schema, value, path, errors)) {
            return;
        }
        checkFormat(schema, value, path, errors);
        checkEnum(schema, value, path, errors);
        if (value.isNumber()) {
            checkNumber(schema, value, path, errors);
        } else if (value.isString()) {
            checkString(schema, value, path, errors);
        } else if (value.isArray()) {
            checkArray(schema, value, path, errors);
        } else if (value.isObject()) {
            checkObject(schema, value, path, resourceRoot || schema.path("x-kubernetes-embedded-resource")
                    .asBoolean(false), errors);
        }
        checkJunctors(schema, value, path, resourceRoot, errors);
    }

    private static boolean hasType(JsonNode schema) {
        return schema.hasNonNull("type") || schema.path("x-kubernetes-int-or-string").asBoolean(false);
    }

    private static List<String> types(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return List.of("integer", "string");
        }
        return schema.hasNonNull("type") ? List.of(schema.get("type").asString()) : List.of();
    }

    private static boolean checkType(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        List<String> types = types(schema);
        if (types.isEmpty()) {
            return true;
        }
        for (String t : types) {
            if (matchesType(t, value)) {
                return true;
            }
        }
        errors.add(typeError(path, GoValues.typeName(value), types));
        return false;
    }

    private static boolean matchesType(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && isWhole(value));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> true;
        };
    }

    private static boolean isWhole(JsonNode n) {
        // encoding/json decodes 3.0 as a float64, which kube-openapi accepts as an integer only when whole.
        double d = n.asDouble();
        return d == Math.rint(d) && !Double.isInfinite(d);
    }

    private static FieldError typeError(String path, String actual, List<String> types) {
        return new FieldError("FieldValueTypeInvalid", path, "Invalid value: " + GoValues.quote(actual) + ": "
                + path + " in body must be of type " + String.join(",", types) + ": " + GoValues.quote(actual));
    }

    private static FieldError invalid(String path, JsonNode value, String detail) {
        return new FieldError("FieldValueInvalid", path, "Invalid value: " + GoValues.render(value) + ": " + detail);
    }

    private static void checkFormat(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        String format = schema.path("format").asString("");
        if (format.isEmpty() || !value.isString() && !value.isNumber()) {
            return;
        }
        boolean ok = true;
        if (value.isString()) {
            String s = value.asString();
            ok = switch (format) {
                case "date-time" -> isDateTime(s);
                case "date" -> DATE.matcher(s).matches() && isDate(s);
                case "byte" -> isBase64(s);
                case "uuid" -> UUID.matcher(s).matches();
                case "ipv4" -> isIpv4(s);
                case "ipv6" -> s.contains(":") && isIpv6(s);
                case "hostname" -> s.length() <= 255 && HOSTNAME.matcher(s).matches();
                default -> true;
            };
        } else if (value.isIntegralNumber()) {
            ok = switch (format) {
                case "int32" -> value.canConvertToInt();
                case "int64" -> value.canConvertToLong();
                default -> true;
            };
        }
        if (!ok) {
            errors.add(invalid(path, value, path + " in body must be of type " + format + ": " + GoValues.render(value)));
        }
    }

    private static boolean isDateTime(String s) {
        try {
            java.time.OffsetDateTime.parse(s);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDate(String s) {
        try {
            java.time.LocalDate.parse(s);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String s) {
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static void checkEnum(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        JsonNode en = schema.get("enum");
        if (en == null || !en.isArray()) {
            return;
        }
        for (JsonNode allowed : en) {
            if (sameValue(allowed, value)) {
                return;
            }
        }
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(GoValues.render(value))
                .append(": supported values: ");
        int i = 0;
        for (JsonNode allowed : en) {
            sb.append(i++ > 0 ? ", " : "").append(GoValues.quote(allowed.isString() ? allowed.asString()
                    : allowed.toString()));
        }
        errors.add(new FieldError("FieldValueNotSupported", path, sb.toString()));
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void checkNumber(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        BigDecimal v = value.decimalValue();
        JsonNode min = schema.get("minimum");
        if (min != null && min.isNumber()) {
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            int c = v.compareTo(min.decimalValue());
            if (exclusive ? c <= 0 : c < 0) {
                errors.add(invalid(path, value, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + GoValues.number(min)));
            }
        }
        JsonNode max = schema.get("maximum");
        if (max != null && max.isNumber()) {
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            int c = v.compareTo(max.decimalValue());
            if (exclusive ? c >= 0 : c > 0) {
                errors.add(invalid(path, value, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + GoValues.number(max)));
            }
        }
        JsonNode multipleOf = schema.get("multipleOf");
        if (multipleOf != null && multipleOf.isNumber() && multipleOf.decimalValue().signum() > 0
                && v.remainder(multipleOf.decimalValue()).signum() != 0) {
            errors.add(invalid(path, value, path + " in body should be a multiple of " + GoValues.number(multipleOf)));
        }
    }

    private static void checkString(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        String s = value.asString();
        int length = s.codePointCount(0, s.length());
        JsonNode maxLength = schema.get("maxLength");
        if (maxLength != null && maxLength.isIntegralNumber() && length > maxLength.asLong()) {
            errors.add(new FieldError("FieldValueTooLong", path, "Too long: may not be longer than "
                    + maxLength.asLong()));
        }
        JsonNode minLength = schema.get("minLength");
        if (minLength != null && minLength.isIntegralNumber() && length < minLength.asLong()) {
            errors.add(invalid(path, value, path + " in body should be at least " + minLength.asLong()
                    + " chars long"));
        }
        String pattern = schema.path("pattern").asString("");
        if (!pattern.isEmpty()) {
            Pattern p = compile(pattern);
            if (p != null && !p.matcher(s).find()) {
                errors.add(invalid(path, value, path + " in body should match '" + pattern + "'"));
            }
        }
    }

    /** Compiles an ECMA/RE2 pattern as Java; null when Java cannot read it (the CRD's validation refuses those). */
    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static void checkArray(JsonNode schema, JsonNode value, String path, List<FieldError> errors) {
        JsonNode maxItems = schema.get("maxItems");
        if (maxItems != null && maxItems.isIntegralNumber() && value.size() > maxItems.asLong()) {
            errors.add(new FieldError("FieldValueTooMany", path, "Too many: " + value.size() + ": must have at most "
                    + maxItems.asLong() + " items"));
        }
        JsonNode minItems = schema.get("minItems");
        if (minItems != null && minItems.isIntegralNumber() && value.size() < minItems.asLong()) {
            errors.add(invalid(path, value, path + " in body should have at least " + minItems.asLong() + " items"));
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < value.size(); i++) {
                validateNode(items, value.get(i), path + "[" + i + "]", false, errors);
            }
        }
        String listType = schema.path("x-kubernetes-list-type").asString("");
        if (listType.equals("set")) {
            Set<JsonNode> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (!seen.add(value.get(i))) {
                    errors.add(FieldError.duplicate(path + "[" + i + "]", GoValues.render(value.get(i))));
                }
            }
        } else if (listType.equals("map")) {
            List<String> keys = new ArrayList<>();
            schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString()));
            Set<Map<String, JsonNode>> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                if (!item.isObject()) {
                    continue;
                }
                Map<String, JsonNode> key = new LinkedHashMap<>();
                for (String k : keys) {
                    if (item.has(k)) {
                        key.put(k, item.get(k));
                    }
                }
                if (!seen.add(key)) {
                    tools.jackson.databind.node.ObjectNode rendered = dev.ordinal.core.Json.object();
                    key.forEach(rendered::set);
                    errors.add(FieldError.duplicate(path + "[" + i + "]", GoValues.goSyntax(rendered)));
                }
            }
        }
    }

    private static void checkObject(JsonNode schema, JsonNode value, String path, boolean resource,
                                    List<FieldError> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode req : schema.path("required")) {
            String name = req.asString();
            if (!value.has(name) || value.get(name).isNull() && !properties.path(name).path("nullable").asBoolean(false)) {
                errors.add(FieldError.required(child(path, name)));
            }
        }
        if (resource) {
            // An embedded resource needs apiVersion and kind (the root's are checked by the API server itself).
            if (!path.isEmpty()) {
                for (String field : List.of("apiVersion", "kind")) {
                    if (value.path(field).asString("").isEmpty()) {
                        errors.add(FieldError.required(child(path, field), "must not be empty"));
                    }
                }
            }
        }
        JsonNode maxProps = schema.get("maxProperties");
        if (maxProps != null && maxProps.isIntegralNumber() && value.size() > maxProps.asLong()) {
            errors.add(new FieldError("FieldValueTooMany", path, "Too many: " + value.size() + ": must have at most "
                    + maxProps.asLong() + " items"));
        }
        JsonNode minProps = schema.get("minProperties");
        if (minProps != null && minProps.isIntegralNumber() && value.size() < minProps.asLong()) {
            errors.add(invalid(path, value, path + " in body should have at least " + minProps.asLong()
                    + " properties"));
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            String name = e.getKey();
            if (resource && (name.equals("metadata") || name.equals("apiVersion") || name.equals("kind"))) {
                continue;
            }
            JsonNode fieldSchema = properties.get(name);
            if (fieldSchema != null) {
                validateNode(fieldSchema, e.getValue(), child(path, name), false, errors);
            } else if (additional != null && additional.isObject()) {
                validateNode(additional, e.getValue(), child(path, name), false, errors);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(new FieldError("FieldValueForbidden", child(path, name), "Forbidden: "
                        + child(path, name) + " in body is a forbidden property"));
            }
        }
    }

    private static void checkJunctors(JsonNode schema, JsonNode value, String path, boolean root,
                                      List<FieldError> errors) {
        for (JsonNode sub : schema.path("allOf")) {
            validateNode(sub, value, path, root, errors);
        }
        JsonNode anyOf = schema.get("anyOf");
        if (anyOf != null && anyOf.isArray() && anyOf.size() > 0 && !isIntOrStringPattern(anyOf)) {
            boolean any = false;
            for (JsonNode sub : anyOf) {
                List<FieldError> trial = new ArrayList<>();
                validateNode(sub, value, path, root, trial);
                any |= trial.isEmpty();
            }
            if (!any) {
                errors.add(invalid(path, value, "\"" + displayName(path) + "\" must validate at least one schema (anyOf)"));
            }
        }
        JsonNode oneOf = schema.get("oneOf");
        if (oneOf != null && oneOf.isArray() && oneOf.size() > 0) {
            int valid = 0;
            for (JsonNode sub : oneOf) {
                List<FieldError> trial = new ArrayList<>();
                validateNode(sub, value, path, root, trial);
                valid += trial.isEmpty() ? 1 : 0;
            }
            if (valid != 1) {
                errors.add(invalid(path, value, "\"" + displayName(path) + "\" must validate one and only one schema (oneOf)"
                        + (valid == 0 ? "" : ". Found " + valid + " valid alternatives")));
            }
        }
        JsonNode not = schema.get("not");
        if (not != null && not.isObject()) {
            List<FieldError> trial = new ArrayList<>();
            validateNode(not, value, path, root, trial);
            if (trial.isEmpty()) {
                errors.add(invalid(path, value, "\"" + displayName(path) + "\" must not validate the schema (not)"));
            }
        }
    }

    private static String displayName(String path) {
        return path.isEmpty() ? "." : path;
    }

    private static boolean isIntOrStringPattern(JsonNode anyOf) {
        return anyOf.size() == 2 && "integer".equals(anyOf.get(0).path("type").asString(""))
                && "string".equals(anyOf.get(1).path("type").asString(""));
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
