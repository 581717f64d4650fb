package dev.ordinal.crd;

import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 component schemas of the CustomResourceDefinition kind and of every served custom kind, named as
 * {@code KubernetesSchemas.nameOf} names them. A custom kind's schema is its CRD's structural schema with
 * {@code apiVersion}, {@code kind} and a {@code metadata} reference to ObjectMeta, and its group-version-kind, so
 * that {@code kubectl explain} reads its fields and {@code kubectl apply} trusts server-side field validation.
 */
public final class CrdOpenApi {
    private static final String PREFIX = "#/components/schemas/";
    private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    private CrdOpenApi() {
    }

    /** The component name of a kind's schema outside Kubernetes' own packages. */
    public static String nameOf(ResourceType type) {
        return "dev.ordinal." + type.group().replace('.', '_') + "." + type.version() + "." + type.kind();
    }

    /** The CRD kind's schema: its spec and status are accepted as given here and validated by the API. */
    public static ObjectNode crdSchema() {
        ObjectNode s = envelope(ResourceTypes.CUSTOM_RESOURCE_DEFINITION,
                "CustomResourceDefinition represents a resource that should be exposed on the API server.");
        ObjectNode props = (ObjectNode) s.get("properties");
        props.set("spec", open("spec describes how the user wants the resources to appear"));
        props.set("status", open("status indicates the actual state of the CustomResourceDefinition"));
        s.putArray("required").add("spec");
        return s;
    }

    /** A custom kind's schema, from its CRD's structural schema. */
    public static ObjectNode kindSchema(CustomKind k) {
        ObjectNode s = envelope(k.type(), k.schema().path("description").asString(""));
        ObjectNode props = (ObjectNode) s.get("properties");
        for (Map.Entry<String, JsonNode> p : k.schema().path("properties").properties()) {
            if (!p.getKey().equals("apiVersion") && !p.getKey().equals("kind") && !p.getKey().equals("metadata")) {
                props.set(p.getKey(), p.getValue().deepCopy());
            }
        }
        for (String f : new String[]{"required", "x-kubernetes-validations", "x-kubernetes-preserve-unknown-fields"}) {
            if (k.schema().has(f)) {
                s.set(f, k.schema().get(f).deepCopy());
            }
        }
        return s;
    }

    private static ObjectNode envelope(ResourceType t, String description) {
        ObjectNode s = Json.object();
        s.put("description", description);
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        props.putObject("apiVersion").put("type", "string").put("description",
                "APIVersion defines the versioned schema of this representation of an object.");
        props.putObject("kind").put("type", "string").put("description",
                "Kind is a string value representing the REST resource this object represents.");
        ObjectNode meta = props.putObject("metadata");
        meta.putArray("allOf").addObject().put("$ref", PREFIX + META + "ObjectMeta");
        meta.put("description", "Standard object's metadata.");
        s.putArray("x-kubernetes-group-version-kind").addObject().put("group", t.group()).put("kind", t.kind())
                .put("version", t.version());
        return s;
    }

    /** The schema of a kind's list. */
    public static ObjectNode list(ResourceType t) {
        ObjectNode s = Json.object();
        s.put("description", t.kind() + "List is a list of " + t.kind());
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        props.putObject("apiVersion").put("type", "string");
        props.putObject("kind").put("type", "string");
        ObjectNode items = props.putObject("items");
        items.put("type", "array");
        items.putObject("items").put("$ref", PREFIX + nameOf(t));
        ObjectNode meta = props.putObject("metadata");
        meta.putArray("allOf").addObject().put("$ref", PREFIX + META + "ListMeta");
        s.putArray("required").add("items");
        s.putArray("x-kubernetes-group-version-kind").addObject().put("group", t.group())
                .put("kind", t.kind() + "List").put("version", t.version());
        return s;
    }

    private static ObjectNode open(String description) {
        ObjectNode s = Json.object();
        s.put("description", description);
        s.put("type", "object");
        s.put("x-kubernetes-preserve-unknown-fields", true);
        return s;
    }
}
