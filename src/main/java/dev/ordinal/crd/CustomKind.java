package dev.ordinal.crd;

import java.util.List;
import java.util.Optional;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;

/**
 * A kind defined by an established CustomResourceDefinition, as served at one version: its type (group, version, names,
 * scope, subresources), and the parts of the CRD that drive its objects.
 *
 * @param type    the served type (at the storage version, or at another served version)
 * @param crdName the CRD's name, {@code <plural>.<group>}
 * @param version the version's entry of {@code spec.versions}
 */
public record CustomKind(ResourceType type, String crdName, JsonNode version) {

    /** The custom kind a CRD defines, served at its storage version. */
    public static CustomKind of(JsonNode crd) {
        return at(crd, storageVersion(crd));
    }

    /**
     * The kinds a CRD serves: its storage version first, then every other version marked {@code served}, each with
     * that version's schema, subresources and columns.
     */
    public static List<CustomKind> served(JsonNode crd) {
        JsonNode storage = storageVersion(crd);
        List<CustomKind> kinds = new java.util.ArrayList<>(List.of(at(crd, storage)));
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v != storage && v.path("served").asBoolean(false)) {
                kinds.add(at(crd, v));
            }
        }
        return List.copyOf(kinds);
    }

    private static CustomKind at(JsonNode crd, JsonNode storage) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        List<String> subresources = new java.util.ArrayList<>();
        JsonNode subs = storage.path("subresources");
        if (subs.has("status")) {
            subresources.add("status");
        }
        if (subs.has("scale")) {
            subresources.add("scale");
        }
        String kind = names.path("kind").asString();
        ResourceType type = new ResourceType(spec.path("group").asString(), storage.path("name").asString(), kind,
                names.path("plural").asString(), names.path("singular").asString(kind.toLowerCase()),
                !"Cluster".equals(spec.path("scope").asString()), Json.strings(names, "shortNames"),
                List.copyOf(subresources), Json.strings(names, "categories"));
        return new CustomKind(type, Json.name(crd), storage);
    }

    /** The one version of a CRD marked {@code storage}, else its first. */
    static JsonNode storageVersion(JsonNode crd) {
        JsonNode versions = crd.path("spec").path("versions");
        for (JsonNode v : versions) {
            if (v.path("storage").asBoolean(false)) {
                return v;
            }
        }
        return versions.path(0);
    }

    /** The version's {@code openAPIV3Schema}, or a missing node. */
    public JsonNode schema() {
        return version.path("schema").path("openAPIV3Schema");
    }

    /** The scale subresource's paths ({@code specReplicasPath} and the others), if served. */
    public Optional<JsonNode> scale() {
        JsonNode scale = version.path("subresources").get("scale");
        return scale == null || scale.isNull() ? Optional.empty() : Optional.of(scale);
    }

    public List<JsonNode> printerColumns() {
        return Json.list(version, "additionalPrinterColumns");
    }

    /** The fields named by {@code selectableFields}, without their leading dot. */
    public List<String> selectableFields() {
        return Json.list(version, "selectableFields").stream()
                .map(f -> f.path("jsonPath").asString("")).filter(p -> !p.isEmpty())
                .map(p -> p.startsWith(".") ? p.substring(1) : p).toList();
    }
}
