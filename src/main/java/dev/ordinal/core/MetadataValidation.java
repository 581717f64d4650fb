package dev.ordinal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/** Kubernetes' ObjectMeta validation: names, label keys and values, annotation keys. */
public final class MetadataValidation {
    public static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
    private static final Pattern LABEL = Pattern.compile(DNS1123_LABEL);
    private static final Pattern SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN);
    private static final String LABEL_VALUE_RE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_RE);
    private static final String QUALIFIED_NAME_RE = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_RE);

    private MetadataValidation() {
    }

    /** The errors of a DNS-1123 label value at {@code field}, with Kubernetes' messages. */
    public static List<FieldError> dnsLabel(String field, String value) {
        List<FieldError> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(FieldError.invalidString(field, value, "must be no more than 63 characters"));
        }
        if (!LABEL.matcher(value).matches()) {
            errs.add(FieldError.invalidString(field, value, "a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                    + "'my-name',  or '123-abc', regex used for validation is '" + DNS1123_LABEL + "')"));
        }
        return errs;
    }

    /** The errors of a DNS-1123 subdomain value at {@code field}, with Kubernetes' messages. */
    public static List<FieldError> dnsSubdomain(String field, String value) {
        List<FieldError> errs = new ArrayList<>();
        if (value.length() > 253) {
            errs.add(FieldError.invalidString(field, value, "must be no more than 253 characters"));
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            errs.add(FieldError.invalidString(field, value, "a lowercase RFC 1123 subdomain must consist of lower "
                    + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                    + "(e.g. 'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN + "')"));
        }
        return errs;
    }

    /** Validates name (already generated), labels and annotations of an object. */
    public static List<FieldError> validate(JsonNode obj, boolean nameIsDnsLabel) {
        return validate(obj, nameIsDnsLabel, false);
    }

    /**
     * Validates name, labels and annotations; with {@code nameIsPathSegment} (the RBAC kinds, whose names are like
     * {@code system:discovery}) the name need only be a valid path segment, as {@code ValidateRBACName} checks.
     */
    public static List<FieldError> validate(JsonNode obj, boolean nameIsDnsLabel, boolean nameIsPathSegment) {
        List<FieldError> errs = new ArrayList<>();
        String name = Json.name(obj);
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else if (nameIsPathSegment) {
            errs.addAll(pathSegment("metadata.name", name));
        } else {
            errs.addAll(nameIsDnsLabel ? dnsLabel("metadata.name", name) : dnsSubdomain("metadata.name", name));
        }
        errs.addAll(labels("metadata.labels", Json.at(obj, "metadata", "labels")));
        JsonNode annotations = Json.at(obj, "metadata", "annotations");
        if (!annotations.isMissingNode() && !annotations.isNull() && !annotations.isObject()) {
            errs.add(FieldError.invalid("metadata.annotations", annotations.toString(), "must be a map of strings"));
        } else if (annotations.isObject()) {
            for (Map.Entry<String, JsonNode> e : annotations.properties()) {
                errs.addAll(qualifiedName("metadata.annotations", e.getKey()));
            }
        }
        errs.addAll(annotationSize(annotations));
        errs.addAll(ownerReferences(Json.at(obj, "metadata", "ownerReferences")));
        List<JsonNode> finalizers = Json.list(obj, "metadata", "finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            errs.addAll(qualifiedName("metadata.finalizers[" + i + "]", finalizers.get(i).asString()));
        }
        return errs;
    }

    /** The total size of all annotations, keys and values, is at most 256 KiB, as in Kubernetes. */
    /** {@code path.IsValidPathSegmentName}: not "." or "..", and no '/' or '%'. */
    public static List<FieldError> pathSegment(String field, String value) {
        List<FieldError> errs = new ArrayList<>();
        if (value.equals(".") || value.equals("..")) {
            errs.add(FieldError.invalidString(field, value, "may not be '" + value + "'"));
        }
        if (value.contains("/")) {
            errs.add(FieldError.invalidString(field, value, "may not contain '/'"));
        }
        if (value.contains("%")) {
            errs.add(FieldError.invalidString(field, value, "may not contain '%'"));
        }
        return errs;
    }

    static List<FieldError> annotationSize(JsonNode annotations) {
        long total = 0;
        if (annotations.isObject()) {
            for (Map.Entry<String, JsonNode> e : annotations.properties()) {
                total += e.getKey().length() + e.getValue().asString().length();
            }
        }
        return total > 262144 ? List.of(new FieldError("FieldValueTooLong", "metadata.annotations",
                "Too long: must have at most 262144 bytes")) : List.of();
    }

    /** Each ownerReference names apiVersion, kind, name and uid; at most one is the controller. */
    static List<FieldError> ownerReferences(JsonNode refs) {
        List<FieldError> errs = new ArrayList<>();
        List<String> controllers = new ArrayList<>();
        for (JsonNode ref : Json.list(refs)) {
            for (String[] f : new String[][] {{"apiVersion", "version"}, {"kind", "kind"}, {"name", "name"}, {"uid", "uid"}}) {
                String v = Json.str(ref, f[0]);
                if (v == null || v.isEmpty()) {
                    errs.add(FieldError.invalidString("metadata.ownerReferences." + f[0], v == null ? "" : v,
                            f[1] + " must not be empty"));
                }
            }
            if (Json.bool(ref, "controller")) {
                controllers.add(Json.strOr(ref, "", "kind") + "/" + Json.strOr(ref, "", "name"));
            }
        }
        if (controllers.size() > 1) {
            errs.add(FieldError.invalid("metadata.ownerReferences", refs.toString(),
                    "Only one reference can have Controller set to true. Found \"true\" in references for "
                            + String.join(" and ", controllers)));
        }
        return errs;
    }

    /** Validates a label map at {@code field}: qualified-name keys and label values. */
    public static List<FieldError> labels(String field, JsonNode labels) {
        List<FieldError> errs = new ArrayList<>();
        if (labels.isMissingNode() || labels.isNull()) {
            return errs;
        }
        if (!labels.isObject()) {
            errs.add(FieldError.invalid(field, labels.toString(), "must be a map of strings"));
            return errs;
        }
        for (Map.Entry<String, JsonNode> e : labels.properties()) {
            errs.addAll(qualifiedName(field, e.getKey()));
            String v = e.getValue().isNull() ? "" : e.getValue().asString();
            if (v.length() > 63) {
                errs.add(FieldError.invalidString(field, v, "must be no more than 63 characters"));
            }
            if (!LABEL_VALUE.matcher(v).matches()) {
                errs.add(FieldError.invalidString(field, v, "a valid label must be an empty string or consist of "
                        + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '"
                        + LABEL_VALUE_RE + "')"));
            }
        }
        return errs;
    }

    /** Validates a qualified name such as a label key: an optional DNS subdomain prefix and a name part. */
    public static List<FieldError> qualifiedName(String field, String key) {
        List<FieldError> errs = new ArrayList<>();
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || !SUBDOMAIN.matcher(prefix).matches() || prefix.length() > 253) {
                errs.add(FieldError.invalidString(field, key, "prefix part a lowercase RFC 1123 subdomain must "
                        + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'example.com', regex used for validation is '"
                        + DNS1123_SUBDOMAIN + "')"));
            }
        }
        if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
            errs.add(FieldError.invalidString(field, key, "name part must consist of alphanumeric characters, '-', "
                    + "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                    + "'my.name',  or '123-abc', regex used for validation is '" + QUALIFIED_NAME_RE + "')"));
        }
        return errs;
    }
}
