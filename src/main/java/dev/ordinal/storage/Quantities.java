package dev.ordinal.storage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 1Gi}, {@code 500M}, {@code 1e3}) compared by value. */
public final class Quantities {
    private static final Pattern Q = Pattern.compile("^([+-]?[0-9.]+)([eE][+-]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("m", new BigDecimal("0.001")), Map.entry("k", BigDecimal.valueOf(1_000L)),
            Map.entry("M", BigDecimal.valueOf(1_000_000L)), Map.entry("G", BigDecimal.valueOf(1_000_000_000L)),
            Map.entry("T", BigDecimal.valueOf(1_000_000_000_000L)), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private Quantities() {
    }

    /** The value of a quantity, or null when it is not a valid quantity. */
    public static BigDecimal parse(String q) {
        if (q == null) {
            return null;
        }
        Matcher m = Q.matcher(q.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            BigDecimal n = new BigDecimal(m.group(1));
            String s = m.group(2);
            if (s == null) {
                return n;
            }
            if (SUFFIX.containsKey(s)) {
                return n.multiply(SUFFIX.get(s));
            }
            if (s.startsWith("e") || s.startsWith("E")) {
                return n.scaleByPowerOfTen(Integer.parseInt(s.substring(1)));
            }
            return null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code a} ≥ {@code b}; unparseable quantities compare as zero. */
    public static boolean atLeast(String a, String b) {
        BigDecimal x = parse(a);
        BigDecimal y = parse(b);
        return (x == null ? BigDecimal.ZERO : x).compareTo(y == null ? BigDecimal.ZERO : y) >= 0;
    }

    public static int compare(String a, String b) {
        BigDecimal x = parse(a);
        BigDecimal y = parse(b);
        return (x == null ? BigDecimal.ZERO : x).compareTo(y == null ? BigDecimal.ZERO : y);
    }
}
