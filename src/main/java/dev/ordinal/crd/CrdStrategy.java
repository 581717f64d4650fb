package dev.ordinal.crd;

import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CustomResourceDefinition's write path: Kubernetes' v1 defaults (singular and listKind from the kind,
 * conversion None), the cleanup finalizer on create, and {@link CrdValidation}.
 */
@Component
public class CrdStrategy implements KindStrategy {
    /** The finalizer that keeps a CRD until its objects are deleted. */
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    @Override
    public ResourceType type() {
        return ResourceTypes.CUSTOM_RESOURCE_DEFINITION;
    }

    @Override
    public void defaults(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        ObjectNode names = Json.with(spec, "names");
        String kind = names.path("kind").asString("");
        if (!kind.isEmpty() && names.path("singular").asString("").isEmpty()) {
            names.put("singular", kind.toLowerCase());
        }
        if (!kind.isEmpty() && names.path("listKind").asString("").isEmpty()) {
            names.put("listKind", kind + "List");
        }
        if (!spec.path("conversion").isObject()) {
            spec.putObject("conversion").put("strategy", "None");
        }
        for (JsonNode v : spec.path("versions")) {
            if (v instanceof ObjectNode o) {
                if (!o.has("served")) {
                    o.put("served", true);
                }
                if (!o.has("storage")) {
                    o.put("storage", false);
                }
            }
        }
    }

    @Override
    public void initialStatus(ObjectNode obj) {
        ObjectNode meta = Json.meta(obj);
        List<String> finalizers = Json.strings(meta, "finalizers");
        if (!finalizers.contains(CLEANUP_FINALIZER)) {
            (meta.get("finalizers") instanceof tools.jackson.databind.node.ArrayNode a ? a
                    : meta.putArray("finalizers")).add(CLEANUP_FINALIZER);
        }
        ObjectNode status = Json.with(obj, "status");
        status.putObject("acceptedNames").put("plural", "").put("kind", "");
        status.putArray("conditions");
        status.putArray("storedVersions");
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return CrdValidation.validate(obj);
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        return CrdValidation.validateUpdate(obj, old);
    }
}
