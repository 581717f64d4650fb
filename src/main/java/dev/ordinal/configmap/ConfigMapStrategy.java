package dev.ordinal.configmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.FieldError;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ConfigMap (ValidateConfigMap, ValidateConfigMapUpdate): keys of {@code data} and {@code binaryData} are config keys,
 * no key in both, at most 1 MiB in all, {@code binaryData} values base64; an immutable ConfigMap keeps its data and
 * stays immutable (only its metadata may change).
 */
@Component
public class ConfigMapStrategy implements KindStrategy {

    @Override
    public ResourceType type() {
        return ResourceTypes.CONFIG_MAP;
    }

    @Override
    public void defaults(ObjectNode obj) {
        DataMaps.requireBase64(type(), obj, "binaryData");
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        List<FieldError> errs = new ArrayList<>(DataMaps.keys(obj.get("data"), "data"));
        JsonNode binary = obj.get("binaryData");
        errs.addAll(DataMaps.keys(binary, "binaryData"));
        JsonNode data = obj.get("data");
        if (binary != null && binary.isObject() && data != null && data.isObject()) {
            for (Map.Entry<String, JsonNode> e : binary.properties()) {
                if (data.has(e.getKey())) {
                    errs.add(FieldError.invalidString("binaryData[" + e.getKey() + "]", e.getKey(),
                            "duplicate of key present in data"));
                }
            }
        }
        if (DataMaps.stringSize(data) + DataMaps.decodedSize(binary) > DataMaps.MAX_BYTES) {
            errs.add(DataMaps.tooLong(""));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(DataMaps.immutable(obj, old, "data", "binaryData"));
        errs.addAll(validate(obj));
        return errs;
    }

    @Override
    public boolean resetStatusOnCreate() {
        return false;
    }
}
