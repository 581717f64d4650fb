package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.ordinal.core.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates a structural schema's {@code x-kubernetes-validations} rules with CEL (the {@code dev.cel:cel} library,
 * Google's Java implementation of the language Kubernetes uses). Supported: {@code rule} over {@code self} with the
 * standard CEL functions and macros ({@code has}, {@code all}, {@code exists}, {@code exists_one}, {@code map},
 * {@code filter}, {@code size}, {@code matches}, {@code startsWith}, {@code endsWith}, {@code contains}, arithmetic,
 * comparisons); transition rules using {@code oldSelf}, evaluated on updates only where the old object has a value
 * at the same place (reached through object fields and map values); {@code message}, {@code messageExpression},
 * {@code reason} and {@code fieldPath}. Not supported: Kubernetes' own CEL libraries (quantities, URLs, IPs,
 * {@code isSorted}, {@code format}, string extensions such as {@code lowerAscii}), {@code optionalOldSelf}, and
 * cost limits. Values are typed dynamically, so a rule naming a field the value lacks fails when evaluated rather
 * than when the CRD is created.
 */
public final class CelRules {
    private static final CelCompiler RULES = compiler(SimpleType.BOOL);
    private static final CelCompiler MESSAGES = compiler(SimpleType.STRING);
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

    private CelRules() {
    }

    private static CelCompiler compiler(dev.cel.common.types.CelType result) {
        return CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("self", SimpleType.DYN)
                .addVar("oldSelf", SimpleType.DYN)
                .setResultType(result)
                .build();
    }

    /** Why a rule (or message expression) does not compile, or empty when it does. */
    public static Optional<String> compileError(String expression, boolean message) {
        try {
            (message ? MESSAGES : RULES).compile(expression).getAst();
            return Optional.empty();
        } catch (CelValidationException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Every rule's compile error in a schema, with the CRD field path it sits at. */
    public static List<FieldError> compileErrors(JsonNode schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        collectCompileErrors(schema, path, errors);
        return errors;
    }

    private static void collectCompileErrors(JsonNode schema, String path, List<FieldError> errors) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode rules = schema.path("x-kubernetes-validations");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            String text = rule.path("rule").asString("");
            if (text.isEmpty()) {
                errors.add(FieldError.required(at + ".rule"));
                continue;
            }
            compileError(text, false).ifPresent(e -> errors.add(FieldError.invalidString(at + ".rule", text,
                    "compilation failed: " + e)));
            String expr = rule.path("messageExpression").asString("");
            if (!expr.isEmpty()) {
                compileError(expr, true).ifPresent(e -> errors.add(FieldError.invalidString(
                        at + ".messageExpression", expr, "messageExpression compilation failed: " + e)));
            }
        }
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            collectCompileErrors(p.getValue(), path + ".properties[" + p.getKey() + "]", errors);
        }
        collectCompileErrors(schema.get("items"), path + ".items", errors);
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            collectCompileErrors(additional, path + ".additionalProperties", errors);
        }
    }

    /**
     * The field errors of every rule that does not hold for {@code object}; {@code old} is the object before an
     * update, or null on create (transition rules are then skipped).
     */
    public static List<FieldError> validate(JsonNode schema, JsonNode object, JsonNode old) {
        List<FieldError> errors = new ArrayList<>();
        if (schema != null && schema.isObject()) {
            walk(schema, object, old, "", errors);
        }
        return errors;
    }

    private static void walk(JsonNode schema, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        evaluate(schema, value, old, path, errors);
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                JsonNode fieldSchema = properties.get(e.getKey());
                if (fieldSchema == null && additional != null && additional.isObject()) {
                    fieldSchema = additional;
                }
                if (fieldSchema != null) {
                    JsonNode oldField = old == null || !old.isObject() ? null : old.get(e.getKey());
                    walk(fieldSchema, e.getValue(), oldField, SchemaValidator.child(path, e.getKey()), errors);
                }
            }
        } else if (value.isArray() && schema.get("items") != null) {
            for (int i = 0; i < value.size(); i++) {
                walk(schema.get("items"), value.get(i), null, path + "[" + i + "]", errors);
            }
        }
    }

    private static void evaluate(JsonNode schema, JsonNode value, JsonNode old, String path,
                                 List<FieldError> errors) {
        JsonNode rules = schema.path("x-kubernetes-validations");
        if (rules.isEmpty()) {
            return;
        }
        Object self = toCel(value);
        Object oldSelf = old == null || old.isNull() ? null : toCel(old);
        String type = schema.path("x-kubernetes-int-or-string").asBoolean(false) ? "integer"
                : schema.path("type").asString("object");
        for (JsonNode rule : rules) {
            String text = rule.path("rule").asString("");
            boolean transition = text.contains("oldSelf");
            if (text.isEmpty() || transition && oldSelf == null) {
                continue;
            }
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("self", self);
            if (oldSelf != null) {
                vars.put("oldSelf", oldSelf);
            }
            String at = path + rule.path("fieldPath").asString("");
            at = at.startsWith(".") ? at.substring(1) : at;
            try {
                Object result = program(text, false).eval(vars);
                if (Boolean.TRUE.equals(result)) {
                    continue;
                }
                errors.add(failure(rule.path("reason").asString("FieldValueInvalid"), at, type,
                        message(rule, text, vars)));
            } catch (CelEvaluationException | RuntimeException e) {
                errors.add(failure("FieldValueInvalid", at, type, "rule evaluation failed: " + text + ": "
                        + e.getMessage()));
            }
        }
    }

    private static String message(JsonNode rule, String text, Map<String, Object> vars) {
        String expr = rule.path("messageExpression").asString("");
        if (!expr.isEmpty()) {
            try {
                Object m = program(expr, true).eval(vars);
                if (m instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException | RuntimeException e) {
                // Kubernetes falls back to the static message when the expression fails.
            }
        }
        String message = rule.path("message").asString("");
        return message.isEmpty() ? "failed rule: " + text : message;
    }

    private static FieldError failure(String reason, String path, String type, String message) {
        return switch (reason) {
            case "FieldValueRequired" -> new FieldError(reason, path, "Required value: " + message);
            case "FieldValueForbidden" -> new FieldError(reason, path, "Forbidden: " + message);
            case "FieldValueDuplicate" -> new FieldError(reason, path, "Duplicate value: " + GoValues.quote(type)
                    + ": " + message);
            default -> new FieldError("FieldValueInvalid", path, "Invalid value: " + GoValues.quote(type) + ": "
                    + message);
        };
    }

    private static CelRuntime.Program program(String expression, boolean message) {
        return PROGRAMS.computeIfAbsent((message ? "m:" : "r:") + expression, key -> {
            try {
                CelAbstractSyntaxTree ast = (message ? MESSAGES : RULES).compile(expression).getAst();
                return RUNTIME.createProgram(ast);
            } catch (CelValidationException | CelEvaluationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    /** The JSON value as the CEL runtime's values: maps, lists, Long, Double, String, Boolean (nulls left out). */
    static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), toCel(e.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> {
                if (!n.isNull()) {
                    list.add(toCel(n));
                }
            });
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asString();
    }
}
