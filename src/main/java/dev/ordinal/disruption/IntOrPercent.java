package dev.ordinal.disruption;

import tools.jackson.databind.JsonNode;

/**
 * Kubernetes' {@code IntOrString} as budgets use it: a count ({@code 2}) or a percentage ({@code "50%"}).
 *
 * @param value   the count, or the percentage without its sign
 * @param percent whether {@code value} is a percentage
 */
public record IntOrPercent(int value, boolean percent) {

    public static IntOrPercent of(int value) {
        return new IntOrPercent(value, false);
    }

    public static IntOrPercent percent(int value) {
        return new IntOrPercent(value, true);
    }

    /** Reads the field; null when it is absent or null. Throws IllegalArgumentException when it is neither form. */
    public static IntOrPercent read(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return of(n.asInt());
        }
        String s = n.isString() ? n.asString() : "";
        if (s.endsWith("%")) {
            try {
                return percent(Integer.parseInt(s.substring(0, s.length() - 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid value for IntOrString: invalid value \"" + s + "\"");
            }
        }
        throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
    }

    /**
     * The count for a total, as {@code GetScaledValueFromIntOrPercent(v, total, roundUp=true)}: a percentage of the
     * total rounded up, or the count itself.
     */
    public int scaled(int total) {
        if (!percent) {
            return value;
        }
        return (int) Math.ceil(value * (double) total / 100.0);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
