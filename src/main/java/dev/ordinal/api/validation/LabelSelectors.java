package dev.ordinal.api.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.MetadataValidation;
import tools.jackson.databind.JsonNode;

/** Validation and matching of {@code metav1.LabelSelector} objects ({@code matchLabels}, {@code matchExpressions}). */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** Kubernetes' ValidateLabelSelector: label keys and values, operators, and values per operator. */
    public static List<FieldError> validate(JsonNode selector, String field) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null || !selector.isObject()) {
            return errs;
        }
        errs.addAll(MetadataValidation.labels(field + ".matchLabels", selector.path("matchLabels")));
        JsonNode exprs = selector.path("matchExpressions");
        if (exprs.isArray()) {
            for (int i = 0; i < exprs.size(); i++) {
                JsonNode e = exprs.get(i);
                String p = field + ".matchExpressions[" + i + "]";
                String op = Values.text(e.path("operator"));
                JsonNode values = e.path("values");
                int count = values.isArray() ? values.size() : 0;
                switch (op) {
                    case "In", "NotIn" -> {
                        if (count == 0) {
                            errs.add(FieldError.required(p + ".values",
                                    "must be specified when `operator` is 'In' or 'NotIn'"));
                        }
                    }
                    case "Exists", "DoesNotExist" -> {
                        if (count > 0) {
                            errs.add(FieldError.forbidden(p + ".values",
                                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                        }
                    }
                    default -> errs.add(FieldError.invalidString(p + ".operator", op, "not a valid selector operator"));
                }
                String key = Values.text(e.path("key"));
                errs.addAll(MetadataValidation.qualifiedName(p + ".key", key));
            }
        }
        return errs;
    }

    /** Whether the selector selects nothing in particular (no matchLabels and no matchExpressions). */
    public static boolean isEmpty(JsonNode selector) {
        return Values.isEmpty(selector.path("matchLabels")) && Values.isEmpty(selector.path("matchExpressions"));
    }

    /** The errors of a workload's required selector, and whether it is usable for matching the template. */
    public record Checked(List<FieldError> errors, boolean usable) {
    }

    /**
     * Validates a workload's {@code spec.selector} (ReplicaSet, StatefulSet): required, an object, a valid label
     * selector, and not empty — Kubernetes says "empty selector is invalid for {@code emptyWord}".
     */
    public static Checked validateRequired(JsonNode selector, String field, String emptyWord) {
        List<FieldError> errs = new java.util.ArrayList<>();
        if (selector.isMissingNode() || selector.isNull()) {
            errs.add(FieldError.required(field));
            return new Checked(errs, false);
        }
        if (!selector.isObject()) {
            errs.add(FieldError.invalid(field, Values.render(selector), "invalid label selector"));
            return new Checked(errs, false);
        }
        List<FieldError> selErrs = validate(selector, field);
        errs.addAll(selErrs);
        if (isEmpty(selector)) {
            errs.add(FieldError.invalid(field, Values.render(selector), "empty selector is invalid for " + emptyWord));
        }
        return new Checked(errs, selErrs.isEmpty());
    }

    /** The error when a workload's selector does not select its own template's labels. */
    public static FieldError templateMismatch(JsonNode template) {
        return FieldError.invalid("spec.template.metadata.labels",
                Values.renderMap(Json.at(template, "metadata", "labels")), "`selector` does not match template `labels`");
    }
}
