package dev.ordinal.quota;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Quantities written back as Kubernetes prints them: {@code 2}, {@code 1Gi}, {@code 500M}, {@code 250m}. */
final class Quantities {
    private static final String[] BINARY = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
    private static final String[] DECIMAL = {"E", "P", "T", "G", "M", "k"};

    private Quantities() {
    }

    /**
     * The canonical string of a value in binary ({@code Ki}, {@code Mi}, ...) or decimal ({@code k}, {@code M}, ...)
     * format: the largest suffix that divides it exactly, else a plain integer, else millis.
     */
    static String format(BigDecimal value, boolean binary) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.signum() == 0) {
            return "0";
        }
        if (v.scale() <= 0) {
            for (int i = 0; binary && i < BINARY.length; i++) {
                BigDecimal unit = BigDecimal.valueOf(1024).pow(BINARY.length - i);
                if (v.remainder(unit).signum() == 0) {
                    return v.divide(unit).toBigInteger() + BINARY[i];
                }
            }
            for (int i = 0; i < DECIMAL.length; i++) {
                BigDecimal unit = BigDecimal.TEN.pow(3 * (DECIMAL.length - i));
                if (v.remainder(unit).signum() == 0) {
                    return v.divide(unit).toBigInteger() + DECIMAL[i];
                }
            }
            return v.toBigInteger().toString();
        }
        return v.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING).toBigInteger() + "m";
    }

    /** Kubernetes' {@code prettyPrint}: {@code name=quantity} pairs in name order, joined by commas. */
    static String pretty(Map<String, BigDecimal> list, Map<String, Boolean> binary) {
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(list).forEach((k, v) -> parts.add(k + "=" + format(v, binary.getOrDefault(k, false))));
        return String.join(",", parts);
    }

    /** Whether a quantity string is in binary format ({@code 10Gi}), so sums of it print that way too. */
    static boolean isBinary(String quantity) {
        return quantity != null && quantity.trim().endsWith("i");
    }
}
