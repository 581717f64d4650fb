package dev.ordinal.api.openapi;

import static dev.ordinal.api.openapi.SchemaBuilder.gvkObject;
import static dev.ordinal.api.openapi.SchemaBuilder.ref;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.Subresource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the OpenAPI 3 documents Kubernetes serves under {@code /openapi/v3}: one per group version, listing every
 * path of every kind with its operations, Kubernetes' extensions ({@code x-kubernetes-action},
 * {@code x-kubernetes-group-version-kind}) and query parameters, and the component schemas those paths use.
 *
 * <p>kubectl reads two things from here. First, a PATCH operation carrying the kind's group-version-kind and a
 * {@code fieldValidation} parameter tells it the server validates fields itself, so it sends
 * {@code fieldValidation=Strict} instead of downloading {@code /openapi/v2}. Second, {@code kubectl explain} walks the
 * component schemas. The PATCH request bodies list JSON patch, merge patch and apply patch but not strategic merge
 * patch, although the server accepts it: a listed strategic merge patch makes kubectl compute its patches from these
 * schemas, which describe the fields Ordinal uses rather than every field of every Kubernetes type, whereas without it
 * kubectl computes them from its own compiled-in Kubernetes types, which are exact.
 */
@Component
public class KubernetesOpenApi {
    private final KindRegistry kinds;
    /** The documents built at one registry generation; rebuilt when a kind is registered or withdrawn. */
    private volatile Built built = new Built(-1, Map.of());

    private record Built(long generation, Map<String, Doc> docs) {
    }

    /** A group version's document and the hash that names its version in the index. */
    public record Doc(String path, ObjectNode document, String hash) {
    }

    public KubernetesOpenApi(KindRegistry kinds) {
        this.kinds = kinds;
    }

    private Map<String, Doc> docs() {
        Built b = built;
        long generation = kinds.generation();
        if (b.generation() != generation) {
            synchronized (this) {
                b = built;
                if (b.generation() != generation) {
                    b = new Built(generation, build());
                    built = b;
                }
            }
        }
        return b.docs();
    }

    /** The group version paths served, e.g. {@code api/v1}, {@code apis/apps/v1}, in discovery order. */
    public List<String> groupVersionPaths() {
        return List.copyOf(docs().keySet());
    }

    /** The document of a group version path such as {@code apis/apps/v1}, or empty when none is served there. */
    public Optional<Doc> document(String groupVersionPath) {
        return Optional.ofNullable(docs().get(groupVersionPath));
    }

    /**
     * The {@code /openapi/v3} index: for each group version, the server-relative URL of its document with a content
     * hash, so clients may cache a document for as long as its hash does not change.
     */
    public ObjectNode index() {
        ObjectNode o = Json.object();
        ObjectNode paths = o.putObject("paths");
        for (Doc d : docs().values()) {
            paths.putObject(d.path()).put("serverRelativeURL", "/openapi/v3/" + d.path() + "?hash=" + d.hash());
        }
        return o;
    }

    /** The operations (paths and their items) of every kind in one document, as Swagger UI shows them. */
    public ObjectNode allPaths() {
        ObjectNode all = Json.object();
        for (Doc d : docs().values()) {
            d.document().get("paths").properties().forEach(e -> all.set(e.getKey(), e.getValue().deepCopy()));
        }
        return all;
    }

    /**
     * Every component schema by name: the shared Kubernetes schemas and those the registered kinds bring (a kind's
     * own schema under its name, and the named schemas it contributes).
     */
    public Map<String, ObjectNode> schemas() {
        Map<String, ObjectNode> all = new LinkedHashMap<>(KubernetesSchemas.all());
        for (KindDefinition d : kinds.all()) {
            all.putAll(d.schemas());
            d.schemaName().ifPresent(n -> d.schema().ifPresent(s -> all.putIfAbsent(n, s)));
        }
        for (KindDefinition d : kinds.all()) {
            // A kind that brings no schema is described as an open object, so that its paths still resolve.
            ResourceType t = d.type();
            String name = schemaNameOf(d);
            if (!all.containsKey(name)) {
                ObjectNode open = Json.object();
                open.put("type", "object");
                open.put("description", t.kind() + " (" + t.apiVersion() + ").");
                open.put("x-kubernetes-preserve-unknown-fields", true);
                all.put(name, SchemaBuilder.gvk(open, t.group(), t.version(), t.kind()));
            }
            if (!all.containsKey(name + "List")) {
                ObjectNode list = Json.object();
                list.put("type", "object");
                list.put("description", t.kind() + "List is a list of " + t.kind() + " objects.");
                ObjectNode items = list.putObject("properties").putObject("items");
                items.put("type", "array");
                items.putObject("items").put("$ref", "#/components/schemas/" + name);
                all.put(name + "List", SchemaBuilder.gvk(list, t.group(), t.version(), t.kind() + "List"));
            }
        }
        return all;
    }

    /** The component name of a kind's schema: the one its definition declares, else Kubernetes' naming. */
    static String schemaNameOf(KindDefinition d) {
        return d.schemaName().orElseGet(() -> KubernetesSchemas.nameOf(d.type()));
    }

    private Map<String, Doc> build() {
        Map<String, ObjectNode> pool = schemas();
        Map<String, Doc> docs = new LinkedHashMap<>();
        for (String group : kinds.groups()) {
            for (String version : kinds.versions(group)) {
                String path = group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
                ObjectNode doc = build(group, version, pool);
                docs.put(path, new Doc(path, doc, hash(doc)));
            }
        }
        return docs;
    }

    private ObjectNode build(String group, String version, Map<String, ObjectNode> pool) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", "v1.32.0-ordinal");
        ObjectNode paths = doc.putObject("paths");
        Set<String> roots = new LinkedHashSet<>(List.of(KubernetesSchemas.META + "Status",
                KubernetesSchemas.META + "DeleteOptions", KubernetesSchemas.META + "Patch",
                KubernetesSchemas.META + "WatchEvent"));
        for (KindDefinition d : kinds.kinds(group, version)) {
            addPaths(paths, d);
            String name = schemaNameOf(d);
            roots.add(name);
            roots.add(name + "List");
        }
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (String name : closure(roots, pool)) {
            schemas.set(name, pool.get(name).deepCopy());
        }
        return doc;
    }

    /** The named schemas and every schema they reference, sorted by name as Kubernetes lists them. */
    private static Set<String> closure(Set<String> roots, Map<String, ObjectNode> pool) {
        Set<String> seen = new java.util.TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            ObjectNode s = pool.get(n);
            if (s == null) {
                throw new IllegalStateException("schema " + n + " is referenced but not defined");
            }
            if (seen.add(n)) {
                todo.addAll(SchemaBuilder.refsIn(s));
            }
        }
        return seen;
    }

    // ------------------------------------------------------------------ paths

    private static void addPaths(ObjectNode paths, KindDefinition d) {
        ResourceType t = d.type();
        String base = t.groupVersionPath();
        String collection = t.namespaced() ? base + "/namespaces/{namespace}/" + t.plural() : base + "/" + t.plural();
        String item = collection + "/{name}";
        String schema = schemaNameOf(d);
        String list = schema + "List";
        String scope = t.namespaced() ? "Namespaced" : "";
        String id = groupId(t.group()) + versionId(t.version()) + scope + t.kind();
        ObjectNode gvk = gvkObject(t.group(), t.version(), t.kind());

        ObjectNode c = paths.putObject(collection);
        c.set("get", op(t, "list" + id, "list or watch objects of kind " + t.kind(), "list", gvk,
                listParams(), null, response200(list)));
        c.set("post", op(t, "create" + id, "create " + article(t.kind()), "post", gvk,
                params(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION), body(schema, false), created(schema)));
        c.set("delete", op(t, "deletecollection" + id, "delete collection of " + t.kind(), "deletecollection", gvk,
                concat(List.of(GRACE, PROPAGATION, ORPHAN, DRY_RUN), listParams()), deleteBody(), response200(KubernetesSchemas.META + "Status")));
        c.set("parameters", pathParams(t.namespaced(), false));
        if (t.namespaced()) {
            ObjectNode everywhere = paths.putObject(base + "/" + t.plural());
            everywhere.set("get", op(t, "list" + groupId(t.group()) + versionId(t.version()) + t.kind()
                            + "ForAllNamespaces", "list or watch objects of kind " + t.kind() + " in all namespaces",
                    "list", gvk, listParams(), null, response200(list)));
            everywhere.set("parameters", Json.array().add(PRETTY.get()));
        }

        ObjectNode i = paths.putObject(item);
        i.set("get", op(t, "read" + id, "read the specified " + t.kind(), "get", gvk, params(), null, response200(schema)));
        i.set("put", op(t, "replace" + id, "replace the specified " + t.kind(), "put", gvk,
                params(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION), body(schema, false), updated(schema)));
        i.set("patch", op(t, "patch" + id, "partially update the specified " + t.kind(), "patch", gvk,
                params(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE), body(KubernetesSchemas.META + "Patch", true), updated(schema)));
        i.set("delete", op(t, "delete" + id, "delete " + article(t.kind()), "delete", gvk,
                params(DRY_RUN, GRACE, PROPAGATION, ORPHAN), deleteBody(), deleted(schema)));
        i.set("parameters", pathParams(t.namespaced(), true));

        // The generic subresources: status (the kind itself) and scale (an autoscaling/v1 Scale).
        for (Subresource sub : d.subresources()) {
            if (!sub.generic() || !sub.listed()) {
                continue;
            }
            boolean scale = sub.kind() != null;
            String subSchema = scale ? KubernetesSchemas.packageOf(sub.group()) + sub.kind() : schema;
            ObjectNode subGvk = scale ? gvkObject(sub.group(), sub.version(), sub.kind()) : gvk;
            String subId = id + (scale ? sub.kind() : "Status");
            String what = (scale ? "scale" : "status") + " of the specified " + t.kind();
            ObjectNode s = paths.putObject(item + "/" + sub.name());
            s.set("get", op(t, "read" + subId, "read " + what, "get", subGvk, params(), null, response200(subSchema)));
            s.set("put", op(t, "replace" + subId, "replace " + what, "put", subGvk,
                    params(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION), body(subSchema, false), updated(subSchema)));
            s.set("patch", op(t, "patch" + subId, "partially update " + what, "patch", subGvk,
                    params(DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE), body(KubernetesSchemas.META + "Patch", true), updated(subSchema)));
            s.set("parameters", pathParams(t.namespaced(), true));
        }
    }

    /** {@code V1}, {@code V1beta1}: the version as Kubernetes' operation ids spell it. */
    private static String versionId(String version) {
        return Character.toUpperCase(version.charAt(0)) + version.substring(1);
    }

    private static ObjectNode op(ResourceType t, String operationId, String description, String action, ObjectNode gvk,
                                 ArrayNode parameters, ObjectNode requestBody, ObjectNode responses) {
        ObjectNode o = Json.object();
        o.putArray("tags").add(tag(t.group()));
        o.put("description", description);
        o.put("operationId", operationId);
        if (!parameters.isEmpty()) {
            o.set("parameters", parameters);
        }
        if (requestBody != null) {
            o.set("requestBody", requestBody);
        }
        o.set("responses", responses);
        o.put("x-kubernetes-action", action);
        o.set("x-kubernetes-group-version-kind", gvk.deepCopy());
        return o;
    }

    /** The Swagger tag of a group's operations, as Kubernetes names them: {@code core_v1}, {@code apps_v1}. */
    public static String tag(String group) {
        return group.isEmpty() ? "core_v1" : group.replace(".k8s.io", "").replace('.', '_') + "_v1";
    }

    private static String groupId(String group) {
        if (group.isEmpty()) {
            return "Core";
        }
        StringBuilder b = new StringBuilder();
        for (String part : group.replace(".k8s.io", "").split("[.-]")) {
            if (!part.isEmpty()) {
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }

    private static String article(String kind) {
        return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private static ObjectNode body(String schema, boolean patch) {
        ObjectNode b = Json.object();
        ObjectNode content = b.putObject("content");
        List<String> types = patch
                ? List.of("application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json")
                : List.of("application/json", "application/yaml");
        for (String ct : types) {
            content.putObject(ct).set("schema", ref(schema));
        }
        b.put("required", true);
        return b;
    }

    private static ObjectNode deleteBody() {
        ObjectNode b = Json.object();
        b.putObject("content").putObject("application/json").set("schema", ref(KubernetesSchemas.META + "DeleteOptions"));
        return b;
    }

    private static ObjectNode response200(String schema) {
        ObjectNode r = Json.object();
        r.set("200", response("OK", schema));
        r.set("401", unauthorized());
        return r;
    }

    private static ObjectNode created(String schema) {
        ObjectNode r = Json.object();
        r.set("200", response("OK", schema));
        r.set("201", response("Created", schema));
        r.set("202", response("Accepted", schema));
        r.set("401", unauthorized());
        return r;
    }

    private static ObjectNode updated(String schema) {
        ObjectNode r = Json.object();
        r.set("200", response("OK", schema));
        r.set("201", response("Created", schema));
        r.set("401", unauthorized());
        return r;
    }

    private static ObjectNode deleted(String schema) {
        ObjectNode r = Json.object();
        r.set("200", response("OK", schema));
        r.set("202", response("Accepted", schema));
        r.set("401", unauthorized());
        return r;
    }

    private static ObjectNode response(String description, String schema) {
        ObjectNode r = Json.object();
        r.put("description", description);
        ObjectNode content = r.putObject("content");
        content.putObject("application/json").set("schema", ref(schema));
        content.putObject("application/yaml").set("schema", ref(schema));
        return r;
    }

    private static ObjectNode unauthorized() {
        ObjectNode r = Json.object();
        r.put("description", "Unauthorized");
        return r;
    }

    // ------------------------------------------------------------------ parameters

    private interface Param {
        ObjectNode get();
    }

    private static Param query(String name, String type, String description) {
        return () -> {
            ObjectNode p = Json.object();
            p.put("name", name);
            p.put("in", "query");
            p.put("description", description);
            ObjectNode s = p.putObject("schema");
            s.put("type", type);
            s.put("uniqueItems", true);
            return p;
        };
    }

    private static final Param PRETTY = query("pretty", "string", "If 'true', then the output is pretty printed.");
    private static final Param DRY_RUN = query("dryRun", "string", "When present, indicates that modifications should not be persisted. Valid value: All.");
    private static final Param FIELD_MANAGER = query("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes.");
    private static final Param FIELD_VALIDATION = query("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore (drop them silently), Warn (the default: report them in Warning headers) and Strict (fail the request with a BadRequest error naming them).");
    private static final Param FORCE = query("force", "boolean", "Force is going to \"force\" Apply requests. It must be unset for non-apply patch requests.");
    private static final Param GRACE = query("gracePeriodSeconds", "integer", "The duration in seconds before the object should be deleted. Zero means delete immediately.");
    private static final Param PROPAGATION = query("propagationPolicy", "string", "Whether and how garbage collection will be performed: 'Orphan', 'Background' (the default) or 'Foreground'.");
    private static final Param ORPHAN = query("orphanDependents", "boolean", "Deprecated: please use the PropagationPolicy.");
    private static final List<Param> LIST = List.of(
            query("allowWatchBookmarks", "boolean", "allowWatchBookmarks requests watch events with type \"BOOKMARK\"."),
            query("continue", "string", "The continue option should be set when retrieving more results from the server."),
            query("fieldSelector", "string", "A selector to restrict the list of returned objects by their fields, e.g. metadata.name=nginx-0 or status.phase=Running."),
            query("labelSelector", "string", "A selector to restrict the list of returned objects by their labels, e.g. app=nginx."),
            query("limit", "integer", "limit is a maximum number of responses to return for a list call; more results come with a continue token."),
            query("resourceVersion", "string", "resourceVersion sets a constraint on what resource versions a request may be served from; a watch starts after it."),
            query("resourceVersionMatch", "string", "resourceVersionMatch determines how resourceVersion is applied to list calls."),
            query("sendInitialEvents", "boolean", "`sendInitialEvents=true` may be set together with `watch=true`."),
            query("timeoutSeconds", "integer", "Timeout for the list/watch call."),
            query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."));

    private static ArrayNode params(Param... ps) {
        ArrayNode a = Json.array();
        for (Param p : ps) {
            a.add(p.get());
        }
        return a;
    }

    private static ArrayNode listParams() {
        ArrayNode a = Json.array();
        LIST.forEach(p -> a.add(p.get()));
        return a;
    }

    private static ArrayNode concat(List<Param> first, ArrayNode rest) {
        ArrayNode a = Json.array();
        first.forEach(p -> a.add(p.get()));
        rest.forEach(a::add);
        return a;
    }

    private static ArrayNode pathParams(boolean namespaced, boolean named) {
        ArrayNode a = Json.array();
        if (named) {
            a.add(pathParam("name", "name of the object"));
        }
        if (namespaced) {
            a.add(pathParam("namespace", "object name and auth scope, such as for teams and projects"));
        }
        a.add(PRETTY.get());
        return a;
    }

    private static ObjectNode pathParam(String name, String description) {
        ObjectNode p = Json.object();
        p.put("name", name);
        p.put("in", "path");
        p.put("description", description);
        p.put("required", true);
        ObjectNode s = p.putObject("schema");
        s.put("type", "string");
        s.put("uniqueItems", true);
        return p;
    }

    private static String hash(ObjectNode doc) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest(Json.write(doc).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
