package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write path of a custom kind, driven by its CRD's structural schema: every write is pruned and defaulted, then
 * validated by the OpenAPI schema and by its CEL rules (transition rules against the old object on updates). A
 * changed CRD registers its kind again with a new strategy.
 */
public final class CustomResourceStrategy implements KindStrategy {
    private final CustomKind kind;

    public CustomResourceStrategy(CustomKind kind) {
        this.kind = kind;
    }

    /** What the kind's CRD says. */
    public CustomKind kind() {
        return kind;
    }

    @Override
    public ResourceType type() {
        return kind.type();
    }

    private JsonNode schema() {
        return kind.schema();
    }

    @Override
    public void defaults(ObjectNode obj) {
        SchemaPruner.prune(schema(), obj);
        SchemaPruner.applyDefaults(schema(), obj);
    }

    @Override
    public boolean resetStatusOnCreate() {
        return true;
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return errors(obj, null);
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        return errors(obj, old);
    }

    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        // A status write is pruned and defaulted like any other: it is the only way status changes.
        defaults(obj);
        return errors(obj, old);
    }

    private List<FieldError> errors(ObjectNode obj, ObjectNode old) {
        JsonNode schema = schema();
        List<FieldError> errors = new ArrayList<>(SchemaValidator.validate(schema, obj));
        if (errors.isEmpty()) {
            errors.addAll(CelRules.validate(schema, obj, old));
        }
        return errors;
    }
}
