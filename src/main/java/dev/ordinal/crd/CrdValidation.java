package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.MetadataValidation;
import tools.jackson.databind.JsonNode;

/**
 * Validates a CustomResourceDefinition as the apiextensions API server does ({@code validation.go} and the
 * structural schema checks of {@code ValidateStructural}), with Kubernetes' field paths and messages: the name is
 * {@code <plural>.<group>}, the group a DNS subdomain with a dot, the names DNS-1035 labels (kinds may have mixed
 * case), kind and listKind differ, scope is Namespaced or Cluster, versions have unique DNS-1035 names and exactly
 * one storage version, every version has a structural schema, conversion is None, and CEL rules compile.
 */
public final class CrdValidation {
    private static final String DNS1035 = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035);

    private CrdValidation() {
    }

    /** The field errors of a CRD to create (or of the new state of an update). */
    public static List<FieldError> validate(JsonNode crd) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asString("");
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asString("");
        String name = Json.name(crd) == null ? "" : Json.name(crd);
        if (!name.isEmpty() && !name.equals(plural + "." + group)) {
            errs.add(FieldError.invalidString("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        if (group.isEmpty()) {
            errs.add(FieldError.required("spec.group"));
        } else {
            List<FieldError> dns = MetadataValidation.dnsSubdomain("spec.group", group);
            if (!dns.isEmpty()) {
                errs.addAll(dns);
            } else if (!group.contains(".")) {
                errs.add(FieldError.invalidString("spec.group", group, "should be a domain with at least one dot"));
            }
        }
        String scope = spec.path("scope").asString("");
        if (scope.isEmpty()) {
            errs.add(FieldError.required("spec.scope"));
        } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
            errs.add(FieldError.notSupported("spec.scope", scope, "Cluster", "Namespaced"));
        }
        versions(spec, errs);
        for (String required : List.of("plural", "singular", "kind", "listKind")) {
            if (names.path(required).asString("").isEmpty()) {
                errs.add(FieldError.required("spec.names." + required));
            }
        }
        names(names, "spec.names", errs);
        String strategy = spec.path("conversion").path("strategy").asString("None");
        if (strategy.equals("Webhook")) {
            errs.add(FieldError.notSupported("spec.conversion.strategy", strategy, "None"));
        } else if (!strategy.equals("None")) {
            errs.add(FieldError.notSupported("spec.conversion.strategy", strategy, "None", "Webhook"));
        }
        return errs;
    }

    /** The field errors of an update: the new state's, and group, plural (and, once established, kind and scope). */
    public static List<FieldError> validateUpdate(JsonNode crd, JsonNode old) {
        List<FieldError> errs = validate(crd);
        immutable(crd, old, errs, "group");
        immutable(crd, old, errs, "names", "plural");
        if (CrdConditions.isTrue(old, "Established")) {
            immutable(crd, old, errs, "scope");
            immutable(crd, old, errs, "names", "kind");
        }
        return errs;
    }

    private static void immutable(JsonNode crd, JsonNode old, List<FieldError> errs, String... path) {
        JsonNode now = crd.path("spec");
        JsonNode before = old.path("spec");
        for (String p : path) {
            now = now.path(p);
            before = before.path(p);
        }
        if (!now.equals(before)) {
            errs.add(FieldError.invalidString("spec." + String.join(".", path), now.asString(""),
                    "field is immutable"));
        }
    }

    private static void versions(JsonNode spec, List<FieldError> errs) {
        JsonNode versions = spec.path("versions");
        if (versions.isEmpty()) {
            errs.add(FieldError.required("spec.versions", "must have at least one version"));
            return;
        }
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String at = "spec.versions[" + i + "]";
            String name = v.path("name").asString("");
            if (v.path("storage").asBoolean(false)) {
                storage++;
            }
            unique &= seen.add(name);
            if (!DNS1035_LABEL.matcher(name).matches() || name.length() > 63) {
                errs.add(FieldError.invalidString(at + ".name", name, dns1035Message()));
            }
            JsonNode schema = v.path("schema").path("openAPIV3Schema");
            if (!schema.isObject()) {
                errs.add(FieldError.required(at + ".schema.openAPIV3Schema", "schemas are required"));
            } else {
                String schemaAt = at + ".schema.openAPIV3Schema";
                errs.addAll(StructuralSchemas.validate(schema, schemaAt));
                errs.addAll(CelRules.compileErrors(schema, schemaAt));
            }
            subresources(v.path("subresources"), at + ".subresources", errs);
            for (int c = 0; c < v.path("additionalPrinterColumns").size(); c++) {
                JsonNode col = v.path("additionalPrinterColumns").get(c);
                String colAt = at + ".additionalPrinterColumns[" + c + "]";
                if (col.path("name").asString("").isEmpty()) {
                    errs.add(FieldError.required(colAt + ".name"));
                }
                if (col.path("jsonPath").asString("").isEmpty()) {
                    errs.add(FieldError.required(colAt + ".jsonPath"));
                }
                String type = col.path("type").asString("");
                if (type.isEmpty()) {
                    errs.add(FieldError.required(colAt + ".type"));
                } else if (!List.of("array", "boolean", "date", "integer", "number", "object", "string")
                        .contains(type)) {
                    errs.add(FieldError.notSupported(colAt + ".type", type, "array", "boolean", "date", "integer",
                            "number", "object", "string"));
                }
            }
        }
        if (!unique) {
            errs.add(new FieldError("FieldValueInvalid", "spec.versions", "Invalid value: "
                    + GoValues.goSyntax(versions) + ": must contain unique version names"));
        }
        if (storage != 1) {
            errs.add(new FieldError("FieldValueInvalid", "spec.versions", "Invalid value: "
                    + GoValues.goSyntax(versions) + ": must have exactly one version marked as storage version"));
        }
    }

    private static void subresources(JsonNode subs, String at, List<FieldError> errs) {
        JsonNode scale = subs.get("scale");
        if (scale == null || scale.isNull()) {
            return;
        }
        String spec = scale.path("specReplicasPath").asString("");
        String status = scale.path("statusReplicasPath").asString("");
        if (spec.isEmpty()) {
            errs.add(FieldError.required(at + ".scale.specReplicasPath"));
        } else if (!spec.startsWith(".spec.")) {
            errs.add(FieldError.invalidString(at + ".scale.specReplicasPath", spec, "should be a json path under .spec"));
        }
        if (status.isEmpty()) {
            errs.add(FieldError.required(at + ".scale.statusReplicasPath"));
        } else if (!status.startsWith(".status.")) {
            errs.add(FieldError.invalidString(at + ".scale.statusReplicasPath", status,
                    "should be a json path under .status"));
        }
        String selector = scale.path("labelSelectorPath").asString("");
        if (!selector.isEmpty() && !selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
            errs.add(FieldError.invalidString(at + ".scale.labelSelectorPath", selector,
                    "should be a json path under either .spec or .status"));
        }
    }

    /** The names rules of {@code ValidateCustomResourceDefinitionNames}. */
    static void names(JsonNode names, String at, List<FieldError> errs) {
        for (String field : List.of("plural", "singular")) {
            String v = names.path(field).asString("");
            if (!v.isEmpty() && !isDns1035(v)) {
                errs.add(FieldError.invalidString(at + "." + field, v, dns1035Message()));
            }
        }
        String kind = names.path("kind").asString("");
        String listKind = names.path("listKind").asString("");
        for (Map.Entry<String, String> e : Map.of("kind", kind, "listKind", listKind).entrySet()) {
            if (!e.getValue().isEmpty() && !isDns1035(e.getValue().toLowerCase())) {
                errs.add(FieldError.invalidString(at + "." + e.getKey(), e.getValue(),
                        "may have mixed case, but should otherwise match: " + dns1035Message()));
            }
        }
        List<String> shortNames = Json.strings(names, "shortNames");
        for (int i = 0; i < shortNames.size(); i++) {
            if (!isDns1035(shortNames.get(i))) {
                errs.add(FieldError.invalidString(at + ".shortNames[" + i + "]", shortNames.get(i), dns1035Message()));
            }
        }
        if (!kind.isEmpty() && kind.equals(listKind)) {
            errs.add(FieldError.invalidString(at + ".listKind", listKind, "kind and listKind may not be the same"));
        }
        List<String> categories = Json.strings(names, "categories");
        for (int i = 0; i < categories.size(); i++) {
            if (!isDns1035(categories.get(i))) {
                errs.add(FieldError.invalidString(at + ".categories[" + i + "]", categories.get(i), dns1035Message()));
            }
        }
    }

    private static boolean isDns1035(String v) {
        return v.length() <= 63 && DNS1035_LABEL.matcher(v).matches();
    }

    private static String dns1035Message() {
        return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                + "validation is '" + DNS1035 + "')";
    }
}
