package dev.ordinal.storage;

import java.util.ArrayList;
import java.util.List;

import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.MetadataValidation;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * StorageClass defaults (reclaimPolicy Delete, volumeBindingMode Immediate) and pkg/apis/storage/validation rules:
 * a provisioner is required, and provisioner, parameters, reclaimPolicy and volumeBindingMode never change.
 */
@Component
public class StorageClassStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.STORAGE_CLASS;
    }

    /** SetDefaults_StorageClass: reclaimPolicy Delete and volumeBindingMode Immediate when absent. */
    @Override
    public void defaults(ObjectNode obj) {
        if (Values.text(obj.path("reclaimPolicy")).isEmpty()) {
            obj.put("reclaimPolicy", "Delete");
        }
        if (Values.text(obj.path("volumeBindingMode")).isEmpty()) {
            obj.put("volumeBindingMode", "Immediate");
        }
    }

    /** ValidateStorageClass: provisioner required and a qualified name, known policy and binding mode. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        String provisioner = Values.text(obj.path("provisioner"));
        if (provisioner.isEmpty()) {
            errs.add(FieldError.required("provisioner"));
        } else {
            errs.addAll(MetadataValidation.qualifiedName("provisioner", provisioner));
        }
        errs.addAll(Values.oneOf(obj.path("reclaimPolicy"), "reclaimPolicy", "Delete", "Retain"));
        errs.addAll(Values.oneOf(obj.path("volumeBindingMode"), "volumeBindingMode", "Immediate",
                "WaitForFirstConsumer"));
        return errs;
    }

    /** ValidateStorageClassUpdate: the create rules, and the forbidden and immutable fields. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        JsonNode params = obj.path("parameters");
        JsonNode oldParams = old.path("parameters");
        if (!(Values.isEmpty(params) && Values.isEmpty(oldParams)) && !params.equals(oldParams)) {
            errs.add(FieldError.forbidden("parameters", "updates to parameters are forbidden."));
        }
        if (!Values.text(obj.path("provisioner")).equals(Values.text(old.path("provisioner")))) {
            errs.add(FieldError.forbidden("provisioner", "updates to provisioner are forbidden."));
        }
        if (!Values.text(obj.path("reclaimPolicy")).equals(Values.text(old.path("reclaimPolicy")))) {
            errs.add(FieldError.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }
        errs.addAll(Values.immutable(obj.path("volumeBindingMode"), old.path("volumeBindingMode"),
                "volumeBindingMode"));
        return errs;
    }
}
