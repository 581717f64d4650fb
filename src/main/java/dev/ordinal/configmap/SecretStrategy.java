package dev.ordinal.configmap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
 * Secret: {@code data} values must be base64 (else 400, as the decoder refuses them); {@code stringData} is merged
 * into {@code data} on every write, its values winning, and never stored or returned; {@code type} defaults to
 * Opaque, never changes, and each built-in type requires its keys (ValidateSecret); at most 1 MiB of data; an
 * immutable Secret keeps its data and stays immutable.
 */
@Component
public class SecretStrategy implements KindStrategy {
    public static final String OPAQUE = "Opaque";

    @Override
    public ResourceType type() {
        return ResourceTypes.SECRET;
    }

    /** Checks base64, then merges {@code stringData} into {@code data} (Convert_v1_Secret_To_core_Secret). */
    @Override
    public void defaults(ObjectNode obj) {
        DataMaps.requireBase64(type(), obj, "data");
        JsonNode stringData = obj.remove("stringData");
        if (stringData != null && stringData.isObject() && !stringData.isEmpty()) {
            JsonNode data = obj.get("data");
            ObjectNode merged = data != null && data.isObject() ? (ObjectNode) data : obj.putObject("data");
            for (Map.Entry<String, JsonNode> e : stringData.properties()) {
                merged.put(e.getKey(), Base64.getEncoder().encodeToString(
                        e.getValue().asString("").getBytes(StandardCharsets.UTF_8)));
            }
            obj.set("data", merged);
        }
        JsonNode type = obj.get("type");
        if (type == null || type.isNull() || type.asString("").isEmpty()) {
            obj.put("type", OPAQUE);
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        JsonNode data = obj.get("data");
        List<FieldError> errs = new ArrayList<>(DataMaps.keys(data, "data"));
        String type = obj.path("type").asString("");
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                if (obj.path("metadata").path("annotations").path("kubernetes.io/service-account.name")
                        .asString("").isEmpty()) {
                    errs.add(FieldError.required("metadata.annotations[kubernetes.io/service-account.name]"));
                }
            }
            case "kubernetes.io/dockercfg" -> requireKey(data, ".dockercfg", errs);
            case "kubernetes.io/dockerconfigjson" -> requireKey(data, ".dockerconfigjson", errs);
            case "kubernetes.io/basic-auth" -> {
                // Either may be empty, but one must be present.
                if (!has(data, "username") && !has(data, "password")) {
                    errs.add(FieldError.required("data[username]"));
                    errs.add(FieldError.required("data[password]"));
                }
            }
            case "kubernetes.io/ssh-auth" -> requireKey(data, "ssh-privatekey", errs);
            case "kubernetes.io/tls" -> {
                requireKey(data, "tls.crt", errs);
                requireKey(data, "tls.key", errs);
            }
            default -> {
                // Opaque and user-defined types: any keys.
            }
        }
        if (DataMaps.decodedSize(data) > DataMaps.MAX_BYTES) {
            errs.add(DataMaps.tooLong("data"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(obj));
        String type = obj.path("type").asString("");
        String was = old.path("type").asString("");
        if (!type.equals(was)) {
            errs.add(FieldError.invalidString("type", type, "field is immutable"));
        }
        errs.addAll(DataMaps.immutable(obj, old, "data"));
        return errs;
    }

    @Override
    public boolean resetStatusOnCreate() {
        return false;
    }

    private static boolean has(JsonNode data, String key) {
        return data != null && data.isObject() && data.has(key);
    }

    /** The key must be present with a non-empty value ({@code len(secret.Data[key]) == 0} is Required). */
    private static void requireKey(JsonNode data, String key, List<FieldError> errs) {
        if (!has(data, key) || data.get(key).asString("").isEmpty()) {
            errs.add(FieldError.required("data[" + key + "]"));
        }
    }
}
