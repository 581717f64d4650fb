package dev.ordinal.api.validation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ordinal.core.ApiException;
import tools.jackson.databind.JsonNode;

/** Kubernetes resource quantities ({@code 1Gi}, {@code 500Mi}, {@code 100m}, {@code 1e3}) as exact decimals. */
public final class Quantity {
    /** The regular expression Kubernetes quotes when a quantity does not parse. */
    public static final String REGEX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern SHAPE = Pattern.compile(REGEX);
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
    private static final Pattern EXPONENT = Pattern.compile("[eE]([-+]?[0-9]+)");
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", KI), Map.entry("Mi", KI.pow(2)), Map.entry("Gi", KI.pow(3)),
            Map.entry("Ti", KI.pow(4)), Map.entry("Pi", KI.pow(5)), Map.entry("Ei", KI.pow(6)));

    private Quantity() {
    }

    /**
     * The exact value of a quantity string, or null when it is not a valid Kubernetes quantity. Numbers are accepted
     * too, as Kubernetes accepts {@code storage: 5} in JSON.
     */
    public static BigDecimal parse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || !SHAPE.matcher(t).matches()) {
            return null;
        }
        int i = 0;
        while (i < t.length() && "+-0123456789.".indexOf(t.charAt(i)) >= 0) {
            i++;
        }
        String num = t.substring(0, i);
        String suffix = t.substring(i);
        if (!NUMBER.matcher(num).matches()) {
            return null;
        }
        BigDecimal value = new BigDecimal(num.startsWith("+") ? num.substring(1) : num);
        BigDecimal factor = SUFFIX.get(suffix);
        if (factor == null) {
            Matcher m = EXPONENT.matcher(suffix);
            if (!m.matches()) {
                return null;
            }
            try {
                factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return value.multiply(factor);
    }

    /** The value of a quantity held in JSON (a string or a number), or null when absent or invalid. */
    public static BigDecimal parse(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return n.isString() ? parse(n.stringValue()) : null;
    }

    /** Whether a JSON value is a valid quantity. */
    public static boolean isValid(JsonNode n) {
        return parse(n) != null;
    }

    /** Compares two quantity strings by value; invalid or absent quantities count as zero. */
    public static int compare(String a, String b) {
        BigDecimal x = parse(a);
        BigDecimal y = parse(b);
        return (x == null ? BigDecimal.ZERO : x).compareTo(y == null ? BigDecimal.ZERO : y);
    }

    /** Compares two quantities held in JSON; invalid or absent ones count as zero. */
    public static int compare(JsonNode a, JsonNode b) {
        BigDecimal x = parse(a);
        BigDecimal y = parse(b);
        return (x == null ? BigDecimal.ZERO : x).compareTo(y == null ? BigDecimal.ZERO : y);
    }

    /**
     * Throws Kubernetes' 400 decoding error when a quantity in a {@code kind} object does not parse, which the
     * apiserver reports before validation.
     */
    public static void requireValid(JsonNode n, String kind) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return;
        }
        if (!isValid(n)) {
            throw ApiException.badRequest(kind + " in version \"v1\" cannot be handled as a " + kind
                    + ": quantities must match the regular expression '" + REGEX + "'");
        }
    }
}
