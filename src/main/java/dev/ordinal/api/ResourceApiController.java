package dev.ordinal.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.ordinal.api.table.TablePrinter;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ProtobufFields;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.Subresource;
import dev.ordinal.core.SubresourceHandler;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves every kind at its Kubernetes path: create, get, list, watch, replace, patch and delete, the status and
 * scale subresources, JSON or YAML in and out, and Tables for kubectl. The paths are parsed here rather than mapped
 * one by one so that every kind behaves the same; the OpenAPI document lists each path explicitly.
 */
@Hidden
@RestController
public class ResourceApiController {
    private static final String TABLE = "as=Table";
    /** The request attribute naming the object a create made (the audit log's objectRef.name). */
    public static final String CREATED_NAME = ResourceApiController.class.getName() + ".createdName";
    private final ResourceStore store;
    private final TablePrinter tables;
    private final ScaleSubresource scale;
    private final WatchStream watches;
    private final KindRegistry kinds;
    private final long maxBodyBytes;

    public ResourceApiController(ResourceStore store, WatchStream watches, TablePrinter tables, ScaleSubresource scale,
                                 KindRegistry kinds,
                                 @org.springframework.beans.factory.annotation.Value("${ordinal.max-body-bytes:3145728}")
                                 long maxBodyBytes) {
        this.store = store;
        this.kinds = kinds;
        this.watches = watches;
        this.tables = tables;
        this.scale = scale;
        this.maxBodyBytes = maxBodyBytes;
    }

    // ---------------------------------------------------------------- GET: get, list, watch

    @GetMapping({"/api/v1/**", "/apis/*/*/**"})
    public ResponseEntity<StreamingResponseBody> get(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String accept = RequestValues.header(request, HttpHeaders.ACCEPT);
        Map<String, String> params = RequestValues.parameters(request);
        ApiPath requested = ApiPath.parse(request.getRequestURI(), kinds);
        requireAcceptable(accept, requested);
        ServedPath served = ServedPath.of(requested, kinds);
        ApiPath path = served.path();
        boolean watch = truthy(params.get("watch"));
        if (path.name() != null && !watch) {
            if ("scale".equals(path.subresource())) {
                return bytes(200, scale.toScale(path.type(), store.get(path.type(), path.namespace(), path.name())), accept);
            }
            SubresourceHandler handler = handler(path);
            if (handler != null) {
                return reply(handler.get(path.type(), path.namespace(), path.name(), params), accept);
            }
            if (!wantsTable(accept) && !Codec.wantsYaml(accept) && !served.converted()) {
                // The cache's serialized copy, as stored: nothing to parse or serialize. Without a resourceVersion
                // the read is consistent (it waits for every committed write); with one, Kubernetes serves it from
                // the watch cache once that has reached it ("0": as it stands).
                String rv = params.get("resourceVersion");
                byte[] data;
                if (blank(rv)) {
                    data = store.getSerialized(path.type(), path.namespace(), path.name());
                } else {
                    awaitVersion(store, rv);
                    data = store.getSerializedCached(path.type(), path.namespace(), path.name());
                }
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).contentLength(data.length)
                        .body(out -> out.write(data));
            }
            ObjectNode obj = served.out(store.get(path.type(), path.namespace(), path.name()));
            if (wantsTable(accept)) {
                return bytes(200, tables.table(served.served(), List.of(obj), null, null, includeObject(params), true), accept);
            }
            return bytes(200, obj, accept);
        }
        Predicate<Map<String, String>> labels = Selectors.parseLabelSelector(params.get("labelSelector"));
        String fieldSelector = params.get("fieldSelector");
        if (path.name() != null) {
            fieldSelector = (fieldSelector == null || fieldSelector.isBlank() ? "" : fieldSelector + ",")
                    + "metadata.name=" + path.name();
        }
        Predicate<JsonNode> fields = Selectors.parseFieldSelector(kinds.get(path.type()), fieldSelector);
        Predicate<JsonNode> matches = o -> labels.test(Json.labels(o)) && fields.test(o);
        if (watch) {
            if (served.converted()) {
                watches.stream(path, served.served(), served::out, params, accept, matches, request, response);
            } else {
                watches.stream(path, params, accept, matches, request, response);
            }
            return null;
        }
        awaitVersion(store, params.get("resourceVersion"));
        if (!wantsTable(accept) && !Codec.wantsYaml(accept) && blank(params.get("labelSelector"))
                && blank(fieldSelector) && !served.converted()) {
            return serializedList(path, params);
        }
        return bytes(200, list(served, params, accept, matches, Selectors.requiredName(fieldSelector)), accept);
    }

    /** Lists the objects {@code matches} accepts, of those named {@code only} when it is not null. */
    private JsonNode list(ServedPath served, Map<String, String> params, String accept, Predicate<JsonNode> matches,
                          String only) {
        ApiPath path = served.path();
        // A list with a resourceVersion (awaited by the caller) is served from the cache as it stands.
        ResourceStore.Snapshot snapshot = blank(params.get("resourceVersion"))
                ? store.snapshot(path.type(), path.namespace(), only)
                : store.cachedSnapshot(path.type(), path.namespace(), only);
        long rv = snapshot.resourceVersion();
        // Sorted here, by code point, so that continue tokens agree with the order whatever the database's collation.
        List<ObjectNode> all = snapshot.items().stream().filter(matches::test)
                .sorted(java.util.Comparator.comparing(ResourceApiController::listKey)).toList();
        Page<ObjectNode> page = page(all, ResourceApiController::listKey, params);
        if (wantsTable(accept)) {
            return tables.table(served.served(), page.items().stream().map(served::out).toList(), Long.toString(rv),
                    page.continueToken(),
                    includeObject(params), true);
        }
        ObjectNode list = Json.object();
        list.put("kind", served.served().kind() + "List");
        list.put("apiVersion", served.served().apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(rv));
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
            // Kubernetes counts what is left only when no selector filtered the list.
            if (params.get("labelSelector") == null && params.get("fieldSelector") == null) {
                meta.put("remainingItemCount", page.remaining());
            }
        }
        ArrayNode items = list.putArray("items");
        page.items().forEach(o -> items.add(served.out(o)));
        return list;
    }

    /**
     * A list that needs nothing from inside its objects (JSON, no selector, no Table) is written from the cache's
     * serialized copies byte for byte, without parsing, serializing or even decoding any object: the cheap path for
     * large lists. The envelope is the same as {@link #list}'s.
     */
    private ResponseEntity<StreamingResponseBody> serializedList(ApiPath path, Map<String, String> params) {
        if (blank(params.get("resourceVersion"))) {
            store.awaitLatest(); // Otherwise the caller has awaited the version asked for ("0": any).
        }
        ObjectCache.SerializedSnapshot snapshot = store.cache().serializedSnapshot(path.type(), path.namespace());
        Page<ObjectCache.SerializedItem> page = page(snapshot.items(), ObjectCache.SerializedItem::key, params);
        ObjectNode meta = Json.object();
        meta.put("resourceVersion", Long.toString(snapshot.resourceVersion()));
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
            meta.put("remainingItemCount", page.remaining());
        }
        byte[] head = ("{\"kind\":\"" + path.type().kind() + "List\",\"apiVersion\":\"" + path.type().apiVersion()
                + "\",\"metadata\":" + Json.write(meta) + ",\"items\":[").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "]}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> items = page.items().stream().map(ObjectCache.SerializedItem::json).toList();
        long length = head.length + tail.length + Math.max(0, items.size() - 1);
        for (byte[] item : items) {
            length += item.length;
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).contentLength(length).body(response -> {
            // Items are a few kilobytes each: gathered into large writes, a list of thousands is a few dozen
            // socket writes rather than one per container buffer.
            java.io.OutputStream out = new java.io.BufferedOutputStream(response, 1 << 16);
            out.write(head);
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(items.get(i));
            }
            out.write(tail);
            out.flush();
        });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * A list or watch from a resourceVersion the server has not reached waits up to three seconds for it, as the
     * watch cache does, then answers 504 with Kubernetes' "Too large resource version".
     */
    public static void awaitVersion(ResourceStore store, String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            return;
        }
        long asked = parseLong(resourceVersion);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long current = store.currentResourceVersion();
        while (current < asked && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            current = store.currentResourceVersion();
        }
        if (current < asked) {
            throw ApiException.tooLargeResourceVersion(asked, current);
        }
    }

    private static String listKey(JsonNode o) {
        return Json.namespace(o) + "/" + Json.name(o);
    }

    // ---------------------------------------------------------------- POST: create

    @PostMapping({"/api/v1/**", "/apis/*/*/**"})
    public ResponseEntity<StreamingResponseBody> create(HttpServletRequest request,
                                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                        @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                        @RequestParam Map<String, String> params,
                                                        @RequestBody(required = false) byte[] body) {
        if (dryRun(params)) {
            return store.dryRun(() -> create(request, contentType, accept, params, body));
        }
        ServedPath served = ServedPath.of(ApiPath.parse(request.getRequestURI(), kinds), kinds);
        ApiPath path = served.path();
        SubresourceHandler handler = handler(path);
        if (handler != null) {
            return reply(handler.create(path.type(), path.namespace(), path.name(),
                    Codec.readObject(body, contentType, this::protobufFields), params), accept);
        }
        if (path.name() != null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        ObjectNode obj = readResource(served.served(), body, contentType);
        String bodyNs = Json.str(obj, "metadata", "namespace");
        if (path.type().namespaced() && bodyNs != null && !bodyNs.isEmpty() && !bodyNs.equals(path.namespace())) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        // A field of the wrong type fails the decoding itself, before strict decoding looks for unknown fields.
        FieldTypes.check(kinds.get(served.served()), obj);
        List<String> warnings = fieldValidation(served.served(), obj, params);
        ObjectNode created = store.create(served.served(), path.namespace(), obj);
        request.setAttribute(CREATED_NAME, Json.name(created));
        return withWarnings(bytes(201, served.out(created), accept), warnings);
    }

    // ---------------------------------------------------------------- PUT: replace

    @PutMapping({"/api/v1/**", "/apis/*/*/**"})
    public ResponseEntity<StreamingResponseBody> replace(HttpServletRequest request,
                                                         @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                         @RequestParam Map<String, String> params,
                                                         @RequestBody(required = false) byte[] body) {
        if (dryRun(params)) {
            return store.dryRun(() -> replace(request, contentType, accept, params, body));
        }
        ServedPath served = ServedPath.of(requireName(request), kinds);
        ApiPath path = served.path();
        ObjectNode obj = readResource(served.served(), body, contentType);
        if ("scale".equals(path.subresource())) {
            return bytes(200, scale.replace(path, obj), accept);
        }
        String bodyName = Json.name(obj);
        if (bodyName != null && !bodyName.equals(path.name())) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        // A field of the wrong type fails the decoding itself, before strict decoding looks for unknown fields.
        FieldTypes.check(kinds.get(served.served()), obj);
        List<String> warnings = fieldValidation(served.served(), obj, params);
        ObjectNode updated = store.update(served.served(), path.namespace(), path.name(), obj,
                "status".equals(path.subresource()));
        return withWarnings(bytes(200, served.out(updated), accept), warnings);
    }

    // ---------------------------------------------------------------- PATCH

    @PatchMapping({"/api/v1/**", "/apis/*/*/**"})
    public ResponseEntity<StreamingResponseBody> patch(HttpServletRequest request,
                                                       @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                       @RequestParam Map<String, String> params,
                                                       @RequestBody(required = false) byte[] body) {
        if (dryRun(params)) {
            return store.dryRun(() -> patch(request, contentType, accept, params, body));
        }
        ServedPath served = ServedPath.of(requireName(request), kinds);
        ApiPath path = served.path();
        checkSize(body);
        String patchType = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!List.of(Patches.MERGE, Patches.STRATEGIC, Patches.JSON_PATCH, Patches.APPLY).contains(patchType)) {
            throw ApiException.unsupportedMediaType(contentType);
        }
        if (patchType.equals(Patches.STRATEGIC) && !kinds.get(path.type()).strategicMergePatch()) {
            // Custom objects have no Go types to carry patch strategies, so the API server refuses this patch type.
            throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                    + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/apply-patch+yaml", null, null, null, null);
        }
        JsonNode patch = Codec.read(body, contentType);
        if ("scale".equals(path.subresource())) {
            return bytes(200, scale.patch(path, patch, patchType), accept);
        }
        boolean statusOnly = "status".equals(path.subresource());
        List<String> warnings = patch.isObject() && !statusOnly
                ? fieldValidation(served.served(), (ObjectNode) patch, params) : List.of();
        for (int attempt = 0; ; attempt++) {
            store.awaitLatest(); // Patch what every committed write left, as the API server reads from etcd.
            var current = store.find(path.type(), path.namespace(), path.name()).map(served::out);
            if (current.isEmpty()) {
                if (patchType.equals(Patches.APPLY) && patch.isObject()) {
                    ObjectNode obj = (ObjectNode) patch.deepCopy();
                    Json.meta(obj).put("name", path.name());
                    FieldTypes.check(kinds.get(served.served()), obj);
                    return withWarnings(bytes(201, served.out(store.create(served.served(), path.namespace(), obj)),
                            accept), warnings);
                }
                throw ApiException.notFound(path.type(), path.name());
            }
            ObjectNode patched = Patches.apply(current.get(), patch, patchType);
            FieldTypes.check(kinds.get(served.served()), patched);
            String patchedName = Json.name(patched);
            if (patchedName != null && !patchedName.equals(path.name())) {
                throw ApiException.badRequest("the name of the object (" + patchedName
                        + ") does not match the name on the URL (" + path.name() + ")");
            }
            boolean pinned = Json.str(patch, "metadata", "resourceVersion") != null;
            if (!pinned) {
                Json.meta(patched).put("resourceVersion", Json.str(current.get(), "metadata", "resourceVersion"));
            }
            try {
                ObjectNode updated = store.update(served.served(), path.namespace(), path.name(), patched, statusOnly);
                return withWarnings(bytes(200, served.out(updated), accept), warnings);
            } catch (ApiException e) {
                if (pinned || e.code() != 409 || !"Conflict".equals(e.reason()) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    // ---------------------------------------------------------------- DELETE

    @DeleteMapping({"/api/v1/**", "/apis/*/*/**"})
    public ResponseEntity<StreamingResponseBody> delete(HttpServletRequest request,
                                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                        @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                        @RequestParam Map<String, String> params,
                                                        @RequestBody(required = false) byte[] body) {
        if (dryRun(params) || (!store.inDryRun() && dryRunInBody(body, contentType))) {
            // kubectl sends a delete's dry run in its DeleteOptions body, not in the query.
            return store.dryRun(() -> delete(request, contentType, accept, params, body));
        }
        ServedPath served = ServedPath.of(ApiPath.parse(request.getRequestURI(), kinds), kinds);
        ApiPath path = served.path();
        if (path.subresource() != null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        DeleteOptions options = deleteOptions(params, body, contentType);
        if (path.name() == null) {
            Predicate<Map<String, String>> labels = Selectors.parseLabelSelector(params.get("labelSelector"));
            Predicate<JsonNode> fields = Selectors.parseFieldSelector(kinds.get(path.type()), params.get("fieldSelector"));
            ObjectNode list = Json.object();
            list.put("kind", served.served().kind() + "List");
            list.put("apiVersion", served.served().apiVersion());
            list.putObject("metadata");
            ArrayNode items = list.putArray("items");
            for (ObjectNode o : store.snapshot(path.type(), path.namespace()).items()) {
                if (labels.test(Json.labels(o)) && fields.test(o)) {
                    try {
                        items.add(served.outNode(store.delete(path.type(), Json.namespace(o), Json.name(o), options)));
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
            return bytes(200, list, accept);
        }
        return bytes(200, served.outNode(store.delete(path.type(), path.namespace(), path.name(), options)), accept);
    }

    /** Whether a DeleteOptions body asks for a dry run ({@code "dryRun": ["All"]}); other values are a 400. */
    private static boolean dryRunInBody(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return false;
        }
        JsonNode opts = Codec.read(body, contentType);
        DeleteOptionsTypes.check(opts);
        List<String> values = Json.strings(opts, "dryRun");
        for (String v : values) {
            if (!v.equals("All")) {
                throw ApiException.badRequest("Invalid dry run value: " + v);
            }
        }
        return !values.isEmpty();
    }

    private static DeleteOptions deleteOptions(Map<String, String> params, byte[] body, String contentType) {
        String policy = params.get("propagationPolicy");
        Long grace = params.containsKey("gracePeriodSeconds") ? parseLong(params.get("gracePeriodSeconds")) : null;
        String uid = null;
        String rv = null;
        if ("true".equals(params.get("orphanDependents"))) {
            policy = "Orphan";
        }
        if (body != null && body.length > 0) {
            JsonNode opts = Codec.read(body, contentType);
            DeleteOptionsTypes.check(opts);
            if (Json.str(opts, "propagationPolicy") != null) {
                policy = Json.str(opts, "propagationPolicy");
            }
            if (Json.at(opts, "orphanDependents").isBoolean() && Json.bool(opts, "orphanDependents")) {
                policy = "Orphan";
            }
            if (Json.at(opts, "gracePeriodSeconds").isNumber()) {
                grace = Json.at(opts, "gracePeriodSeconds").asLong();
            }
            uid = Json.str(opts, "preconditions", "uid");
            rv = Json.str(opts, "preconditions", "resourceVersion");
        }
        if (policy != null && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
            throw new ApiException(422, "Invalid", "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: "
                    + "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"",
                    null, "meta.k8s.io", "DeleteOptions",
                    List.of(FieldError.notSupported("propagationPolicy", policy, "Foreground", "Background", "Orphan")));
        }
        return new DeleteOptions(policy, grace, uid, rv);
    }

    // ---------------------------------------------------------------- helpers

    /** The handler of a kind-specific subresource on a named object, or null for none or a generic one. */
    private SubresourceHandler handler(ApiPath path) {
        if (path.name() == null || path.subresource() == null) {
            return null;
        }
        return kinds.find(path.type().group(), path.type().version(), path.type().kind())
                .flatMap(d -> d.subresource(path.subresource())).map(Subresource::handler).orElse(null);
    }

    private ResponseEntity<StreamingResponseBody> reply(SubresourceHandler.Reply reply, String accept) {
        if (reply.json() != null) {
            return bytes(reply.code(), reply.json(), accept);
        }
        byte[] data = reply.text().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.status(reply.code()).contentType(MediaType.TEXT_PLAIN).contentLength(data.length)
                .body(out -> out.write(data));
    }

    private ApiPath requireName(HttpServletRequest request) {
        ApiPath path = ApiPath.parse(request.getRequestURI(), kinds);
        if (path.name() == null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        return path;
    }

    /** The protobuf fields the kind an envelope names declares; metadata only for a kind not registered. */
    private ProtobufFields protobufFields(String apiVersion, String kind) {
        return kinds.findByApiVersion(apiVersion, kind).map(KindDefinition::protobufFields).orElse(ProtobufFields.NONE);
    }

    private ObjectNode readResource(ResourceType type, byte[] body, String contentType) {
        checkSize(body);
        ObjectNode obj = Codec.readObject(body, contentType, this::protobufFields);
        String kind = Json.str(obj, "kind");
        String apiVersion = Json.str(obj, "apiVersion");
        if (kind != null && !kind.isEmpty() && !kind.equals(type.kind()) && !kind.equals("Scale")) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())
                && !"Scale".equals(kind)) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        return obj;
    }

    private void checkSize(byte[] body) {
        if (body != null && body.length > maxBodyBytes) {
            throw ApiException.tooLarge();
        }
    }

    /**
     * Applies {@code fieldValidation}: Strict refuses undeclared fields with the decoder's message; Warn (the default)
     * and Ignore drop them, as the API server drops fields its types do not have, Warn with a warning each.
     */
    private List<String> fieldValidation(ResourceType type, ObjectNode obj, Map<String, String> params) {
        String mode = params.getOrDefault("fieldValidation", "Warn");
        if (!List.of("Strict", "Warn", "Ignore").contains(mode)) {
            throw ApiException.badRequest("fieldValidation parameter unsupported: " + mode);
        }
        List<String> unknown = UnknownFields.find(kinds.get(type), obj);
        if (unknown.isEmpty()) {
            return List.of();
        }
        if (mode.equals("Strict")) {
            throw ApiException.badRequest("strict decoding error: " + String.join(", ",
                    unknown.stream().map(f -> "unknown field \"" + f + "\"").toList()));
        }
        UnknownFields.prune(obj, unknown);
        return mode.equals("Ignore") ? List.of() : unknown.stream().map(f -> "unknown field \"" + f + "\"").toList();
    }

    private static ResponseEntity<StreamingResponseBody> withWarnings(ResponseEntity<StreamingResponseBody> r,
                                                                      List<String> warnings) {
        if (warnings.isEmpty()) {
            return r;
        }
        HttpHeaders h = new HttpHeaders();
        h.putAll(r.getHeaders());
        for (String w : warnings) {
            h.add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
        }
        return new ResponseEntity<>(r.getBody(), h, r.getStatusCode());
    }

    /** The response with {@code node} as JSON, or YAML when the client asked for it. */
    public static ResponseEntity<StreamingResponseBody> bytes(int status, JsonNode node, String accept) {
        boolean yaml = Codec.wantsYaml(accept) && !wantsTable(accept);
        byte[] data = Codec.write(node, yaml);
        return ResponseEntity.status(status)
                .contentType(yaml ? MediaType.parseMediaType(Codec.YAML) : MediaType.APPLICATION_JSON)
                .contentLength(data.length)
                .body(out -> out.write(data));
    }

    public static boolean wantsTable(String accept) {
        return accept != null && accept.contains(TABLE);
    }

    public static String includeObject(Map<String, String> params) {
        return params.getOrDefault("includeObject", "Metadata");
    }

    /** Answers 406 NotAcceptable, as the API server does, to an Accept header naming only types it cannot produce. */
    private static void requireAcceptable(String accept, ApiPath path) {
        if (accept == null || accept.isBlank()) {
            return;
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        boolean ok = a.contains("json") || a.contains("yaml") || a.contains("*/*") || a.contains("application/*")
                || a.contains("protobuf") || ("log".equals(path.subresource()) && a.contains("text/"));
        if (!ok) {
            throw new ApiException(406, "NotAcceptable", "only the following media types are accepted: "
                    + "application/json, application/yaml, application/vnd.kubernetes.protobuf", null, null, null, null);
        }
    }

    /** Whether the request is a dry run ({@code dryRun=All}, the only value Kubernetes accepts). */
    private boolean dryRun(Map<String, String> params) {
        String v = params.get("dryRun");
        if (v == null || v.isEmpty() || store.inDryRun()) {
            return false;
        }
        if (!v.equals("All")) {
            throw ApiException.badRequest("Invalid dry run value: " + v);
        }
        return true;
    }

    public static boolean truthy(String v) {
        return v != null && (v.equals("true") || v.equals("1"));
    }

    /** One page of a list: its items, the token for the next page (null on the last one) and how many follow. */
    private record Page<T>(List<T> items, String continueToken, long remaining) {
    }

    /**
     * The page that {@code limit} and {@code continue} ask for, from {@code sorted} (in list-key order): the items
     * after the token's key, at most {@code limit} of them (all when 0), and a token naming the last one when more
     * follow.
     */
    private static <T> Page<T> page(List<T> sorted, java.util.function.Function<T, String> key,
                                    Map<String, String> params) {
        int limit = parseInt(params.get("limit"), 0, "limit");
        String start = decodeContinue(params.get("continue"));
        List<T> items = new ArrayList<>();
        String last = null;
        long remaining = 0;
        for (T t : sorted) {
            String k = key.apply(t);
            if (start != null && k.compareTo(start) <= 0) {
                continue;
            }
            if (limit > 0 && items.size() == limit) {
                remaining++;
                continue;
            }
            items.add(t);
            last = k;
        }
        return new Page<>(items, remaining > 0 ? encodeContinue(last) : null, remaining);
    }

    /** The continue token for a page that ended at list key {@code last}; {@link #decodeContinue} reads it. */
    private static String encodeContinue(String last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeContinue(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("continue key is not valid: illegal base64 data");
        }
    }

    static int parseInt(String v, int def, String name) {
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + ": " + v);
        }
    }

    static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid value: " + v);
        }
    }
}
