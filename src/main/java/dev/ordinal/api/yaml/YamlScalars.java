package dev.ordinal.api.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Resolves YAML scalars to JSON values as the API server does: sigs.k8s.io/yaml decodes with go-yaml v2 (YAML 1.1
 * rules, so {@code yes}, {@code on} and {@code y} are booleans, {@code 010} is octal, {@code 1_000} is 1000) and
 * marshals the result with encoding/json (a float with an integral value is written as an integer).
 */
final class YamlScalars {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
    private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> SPECIAL_FLOATS = Set.of(".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf",
            "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
    /** go-yaml's yamlStyleFloat. */
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigDecimal GO_EXPONENT_FROM = new BigDecimal("1e21");

    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private YamlScalars() {
    }

    /** A plain (unquoted, untagged) scalar, resolved by go-yaml's rules. */
    static JsonNode plain(String value) {
        if (TRUE.contains(value)) {
            return F.booleanNode(true);
        }
        if (FALSE.contains(value)) {
            return F.booleanNode(false);
        }
        if (NULL.contains(value)) {
            return F.nullNode();
        }
        if (SPECIAL_FLOATS.contains(value)) {
            throw new YamlException("json: unsupported value: " + (value.contains("nan") || value.contains("NaN")
                    || value.contains("NAN") ? "NaN" : value.startsWith("-") ? "-Inf" : "+Inf"));
        }
        char c = value.charAt(0);
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            JsonNode n = number(value.replace("_", ""));
            if (n != null) {
                return n;
            }
        }
        return F.stringNode(value);
    }

    /** A scalar with an explicit tag ({@code !!str 10}, {@code !!int "10"}); unknown tags keep the text. */
    static JsonNode tagged(String tag, String value, boolean plain) {
        String t = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : tag;
        switch (t) {
            case "str", "binary", "timestamp":
                return F.stringNode(value);
            case "null":
                return F.nullNode();
            case "bool":
                if (TRUE.contains(value) || FALSE.contains(value)) {
                    return F.booleanNode(TRUE.contains(value));
                }
                break;
            case "int", "float":
                JsonNode n = value.isEmpty() ? null : number(value.replace("_", ""));
                if (n != null) {
                    return n;
                }
                break;
            default:
                return plain ? plain(value) : F.stringNode(value);
        }
        throw new YamlException("cannot decode !!" + t + " `" + abbreviate(value) + "` as a !!" + t);
    }

    /** An integer in Go's ParseInt/ParseUint base-0 syntax, go-yaml's binary form, or a float; null if neither. */
    private static JsonNode number(String s) {
        BigInteger i = integer(s);
        if (i != null && i.compareTo(INT64_MIN) >= 0 && i.compareTo(UINT64_MAX) <= 0) {
            return integerNode(i);
        }
        if (FLOAT.matcher(s).matches()) {
            return floatNode(new BigDecimal(s.startsWith("+") ? s.substring(1) : s.startsWith(".")
                    ? "0" + s : s.startsWith("-.") ? "-0" + s.substring(1) : s));
        }
        return null;
    }

    private static JsonNode integerNode(BigInteger i) {
        if (i.bitLength() < 32) {
            return F.numberNode(i.intValue());
        }
        return i.bitLength() < 64 ? F.numberNode(i.longValue()) : F.numberNode(i);
    }

    private static BigInteger integer(String s) {
        boolean negative = s.startsWith("-");
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        if (body.length() > 2 && body.charAt(0) == '0' && "xXoObB".indexOf(body.charAt(1)) >= 0) {
            radix = switch (Character.toLowerCase(body.charAt(1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            body = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            radix = 8;
            body = body.substring(1);
        }
        if (body.isEmpty() || body.startsWith("-") || body.startsWith("+")) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(body, radix);
            return negative ? v.negate() : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A float64 as encoding/json writes it: an integral value below 1e21 becomes an integer. */
    private static JsonNode floatNode(BigDecimal exact) {
        double d = exact.doubleValue();
        if (Double.isInfinite(d)) {
            throw new YamlException("json: unsupported value: " + (d > 0 ? "+Inf" : "-Inf"));
        }
        BigDecimal v = new BigDecimal(d);
        if (v.abs().compareTo(GO_EXPONENT_FROM) < 0 && v.stripTrailingZeros().scale() <= 0) {
            BigInteger i = v.toBigIntegerExact();
            return integerNode(i);
        }
        return F.numberNode(d);
    }

    /** The JSON object key a scalar key becomes (sigs.k8s.io/yaml formats non-string keys). */
    static String key(JsonNode resolved) {
        if (resolved.isNull()) {
            return "null";
        }
        return resolved.isString() ? resolved.stringValue() : resolved.asString();
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
