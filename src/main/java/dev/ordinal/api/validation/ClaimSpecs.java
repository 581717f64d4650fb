package dev.ordinal.api.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.MetadataValidation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Defaults and validation of PersistentVolumeClaim specs, shared by claims and StatefulSet claim templates. */
public final class ClaimSpecs {
    /** Access modes Kubernetes accepts, in the (sorted) order its NotSupported message lists them. */
    public static final String[] ACCESS_MODES = {"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"};

    private ClaimSpecs() {
    }

    /** Applies SetDefaults_PersistentVolumeClaimSpec: {@code volumeMode: Filesystem}. */
    public static void defaults(ObjectNode spec) {
        JsonNode mode = spec.get("volumeMode");
        if (mode == null || mode.isNull() || Values.text(mode).isEmpty()) {
            spec.put("volumeMode", "Filesystem");
        }
    }

    /**
     * Kubernetes' ValidatePersistentVolumeClaimSpec for the spec at {@code path}: access modes, storage request,
     * selector, class name and volume mode. An unparsable quantity is the 400 decoding error of {@code kind}.
     */
    public static List<FieldError> validate(JsonNode spec, String path, String kind) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode modes = spec.path("accessModes");
        if (!modes.isArray() || modes.isEmpty()) {
            errs.add(FieldError.required(path + ".accessModes", "at least 1 access mode is required"));
        } else {
            for (JsonNode m : modes) {
                errs.addAll(Values.oneOf(m, path + ".accessModes", ACCESS_MODES));
            }
        }
        errs.addAll(LabelSelectors.validate(spec.path("selector"), path + ".selector"));
        JsonNode storage = spec.path("resources").path("requests").path("storage");
        String storagePath = path + ".resources[storage]";
        if (storage.isMissingNode() || storage.isNull()) {
            errs.add(FieldError.required(storagePath));
        } else {
            Quantity.requireValid(storage, kind);
            BigDecimal q = Quantity.parse(storage);
            if (q != null && q.signum() <= 0) {
                errs.add(FieldError.invalid(storagePath, FieldError.quote(Values.text(storage)),
                        "must be greater than zero"));
            }
        }
        for (String part : List.of("requests", "limits")) {
            JsonNode m = spec.path("resources").path(part);
            if (m.isObject()) {
                for (var e : m.properties()) {
                    Quantity.requireValid(e.getValue(), kind);
                }
            }
        }
        String cls = Values.text(spec.path("storageClassName"));
        if (!cls.isEmpty()) {
            errs.addAll(MetadataValidation.dnsSubdomain(path + ".storageClassName", cls));
        }
        errs.addAll(Values.oneOf(spec.path("volumeMode"), path + ".volumeMode", "Block", "Filesystem"));
        return errs;
    }
}
