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
 * VolumeAttachment validation, after pkg/apis/storage/validation: {@code spec.attacher} is a CSI driver name (a qualified name here),
 * {@code spec.nodeName} a node name, {@code spec.source} names exactly one of {@code persistentVolumeName} and
 * {@code inlineVolumeSpec}; the spec never changes once created. Status is reset on create (the attacher reports it
 * through the {@code status} subresource), as the API server's {@code volumeAttachmentStrategy} does.
 */
@Component
public class VolumeAttachmentStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.VOLUME_ATTACHMENT;
    }

    /** ValidateVolumeAttachment (the v1 rules). */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = obj.path("spec");
        String attacher = Values.text(spec.path("attacher"));
        if (attacher.isEmpty()) {
            errs.add(FieldError.required("spec.attacher"));
        } else {
            // Kubernetes wants a DNS subdomain; Ordinal's simulated driver is the qualified name ordinal.dev/simulated.
            errs.addAll(MetadataValidation.qualifiedName("spec.attacher", attacher));
        }
        JsonNode source = spec.path("source");
        boolean hasPv = source.has("persistentVolumeName") && !source.get("persistentVolumeName").isNull();
        boolean hasInline = source.has("inlineVolumeSpec") && !source.get("inlineVolumeSpec").isNull();
        if (!hasPv && !hasInline) {
            errs.add(FieldError.required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        } else if (hasPv && hasInline) {
            errs.add(FieldError.forbidden("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        } else if (hasPv && Values.text(source.path("persistentVolumeName")).isEmpty()) {
            errs.add(FieldError.required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
        }
        String node = Values.text(spec.path("nodeName"));
        if (node.isEmpty()) {
            errs.add(FieldError.required("spec.nodeName"));
        } else {
            errs.addAll(MetadataValidation.dnsSubdomain("spec.nodeName", node));
        }
        return errs;
    }

    /** ValidateVolumeAttachmentUpdate: the create rules, and the spec is immutable. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        if (!obj.path("spec").equals(old.path("spec"))) {
            errs.add(FieldError.invalid("spec", Values.render(obj.path("spec")), "field is immutable"));
        }
        return errs;
    }
}
