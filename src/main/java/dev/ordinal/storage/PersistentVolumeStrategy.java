package dev.ordinal.storage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.api.validation.ClaimSpecs;
import dev.ordinal.api.validation.Quantity;
import dev.ordinal.api.validation.Values;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PersistentVolume defaults (reclaim policy Retain, volumeMode Filesystem, phase Pending) and the parts of
 * ValidatePersistentVolume that matter here: access modes, a storage capacity, the reclaim policy and volume mode.
 * A volume source is optional (simulated volumes need none).
 */
@Component
public class PersistentVolumeStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.PERSISTENT_VOLUME;
    }

    /** SetDefaults_PersistentVolume: reclaim policy Retain and volumeMode Filesystem when absent. */
    @Override
    public void defaults(ObjectNode obj) {
        ObjectNode spec = Json.with(obj, "spec");
        if (Values.text(spec.path("persistentVolumeReclaimPolicy")).isEmpty()) {
            spec.put("persistentVolumeReclaimPolicy", "Retain");
        }
        if (Values.text(spec.path("volumeMode")).isEmpty()) {
            spec.put("volumeMode", "Filesystem");
        }
    }

    /**
     * A new volume starts in phase Pending (the binder makes it Available) with the finalizer
     * {@code kubernetes.io/pv-protection}, as the StorageObjectInUseProtection admission plugin adds it at create time.
     */
    @Override
    public void initialStatus(ObjectNode obj) {
        PersistentVolumeClaimStrategy.addFinalizer(obj, VolumeProvisioner.PV_PROTECTION);
        ObjectNode status = Json.with(obj, "status");
        if (Values.text(status.path("phase")).isEmpty()) {
            status.put("phase", "Pending");
        }
    }

    /** Access modes required and known, capacity with exactly a positive storage quantity, known policy and mode. */
    @Override
    public List<FieldError> validate(ObjectNode obj) {
        JsonNode spec = obj.path("spec");
        List<FieldError> errs = new ArrayList<>();
        JsonNode modes = spec.path("accessModes");
        if (!modes.isArray() || modes.isEmpty()) {
            errs.add(FieldError.required("spec.accessModes"));
        } else {
            for (JsonNode m : modes) {
                errs.addAll(Values.oneOf(m, "spec.accessModes", ClaimSpecs.ACCESS_MODES));
            }
        }
        JsonNode capacity = spec.path("capacity");
        if (!capacity.isObject() || capacity.isEmpty()) {
            errs.add(FieldError.required("spec.capacity"));
        } else {
            if (!capacity.has("storage") || capacity.size() > 1) {
                errs.add(new FieldError("FieldValueNotSupported", "spec.capacity", "Unsupported value: "
                        + Values.renderMap(capacity) + ": supported values: \"storage\""));
            }
            for (Map.Entry<String, JsonNode> e : capacity.properties()) {
                Quantity.requireValid(e.getValue(), "PersistentVolume");
                BigDecimal q = Quantity.parse(e.getValue());
                if (q != null && q.signum() <= 0) {
                    errs.add(FieldError.invalid("spec.capacity[" + e.getKey() + "]",
                            FieldError.quote(Values.text(e.getValue())), "must be greater than zero"));
                }
            }
        }
        errs.addAll(Values.oneOf(spec.path("persistentVolumeReclaimPolicy"), "spec.persistentVolumeReclaimPolicy",
                "Delete", "Recycle", "Retain"));
        errs.addAll(Values.oneOf(spec.path("volumeMode"), "spec.volumeMode", "Block", "Filesystem"));
        String cls = Values.text(spec.path("storageClassName"));
        if (!cls.isEmpty()) {
            errs.addAll(dev.ordinal.core.MetadataValidation.dnsSubdomain("spec.storageClassName", cls));
        }
        JsonNode hostPath = spec.path("hostPath");
        if (hostPath.isObject() && Values.text(hostPath.path("path")).isEmpty()) {
            errs.add(FieldError.required("spec.hostPath.path"));
        }
        return errs;
    }

    /** The create rules, and volumeMode is immutable (ValidatePersistentVolumeUpdate). */
    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        errs.addAll(Values.immutable(obj.path("spec").path("volumeMode"), old.path("spec").path("volumeMode"),
                "spec.volumeMode"));
        return errs;
    }

    /** Status updates: the phase must be one Kubernetes knows. */
    @Override
    public List<FieldError> validateStatus(ObjectNode obj, ObjectNode old) {
        return Values.oneOf(obj.path("status").path("phase"), "status.phase", "Available", "Bound", "Failed",
                "Pending", "Released");
    }
}
