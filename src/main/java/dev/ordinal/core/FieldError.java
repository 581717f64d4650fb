package dev.ordinal.core;

/**
 * One field error, rendered the way Kubernetes' {@code field.Error} renders it.
 *
 * @param reason cause reason, e.g. {@code FieldValueRequired}
 * @param field  the field path, e.g. {@code spec.selector}
 * @param body   the error body without the field prefix, e.g. {@code Required value}
 */
public record FieldError(String reason, String field, String body) {

    public static FieldError required(String field) {
        return new FieldError("FieldValueRequired", field, "Required value");
    }

    public static FieldError required(String field, String detail) {
        return new FieldError("FieldValueRequired", field, "Required value: " + detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError("FieldValueForbidden", field, "Forbidden: " + detail);
    }

    /** An Invalid error; {@code renderedValue} is already rendered (strings quoted, numbers bare). */
    public static FieldError invalid(String field, String renderedValue, String detail) {
        return new FieldError("FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + detail);
    }

    public static FieldError invalidString(String field, String value, String detail) {
        return invalid(field, quote(value), detail);
    }

    public static FieldError notSupported(String field, String value, String... supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(quote(value)).append(": supported values: ");
        for (int i = 0; i < supported.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(supported[i]));
        }
        return new FieldError("FieldValueNotSupported", field, sb.toString());
    }

    public static FieldError duplicate(String field, String renderedValue) {
        return new FieldError("FieldValueDuplicate", field, "Duplicate value: " + renderedValue);
    }

    /** Go's %q rendering of a string. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The full text {@code field: body}. */
    public String text() {
        return field + ": " + body;
    }
}
