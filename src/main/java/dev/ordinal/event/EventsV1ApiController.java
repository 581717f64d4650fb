package dev.ordinal.event;

import static dev.ordinal.api.ResourceApiController.bytes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.ordinal.api.ApiPath;
import dev.ordinal.api.Codec;
import dev.ordinal.api.FieldTypes;
import dev.ordinal.api.Patches;
import dev.ordinal.api.ResourceApiController;
import dev.ordinal.api.Selectors;
import dev.ordinal.api.WatchStream;
import dev.ordinal.api.table.TablePrinter;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
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
 * Serves {@code /apis/events.k8s.io/v1}: the same stored events as core/v1, each converted on the way out and in
 * ({@link EventsV1Conversion}), as Kubernetes serves both versions from one storage. Get, list (with label and field
 * selectors in events.k8s.io names), watch (HTTP or WebSocket), create, replace, patch and delete; kubectl's Tables
 * use the core event columns, as Kubernetes prints both with one printer.
 */
@Hidden
@RestController
public class EventsV1ApiController {
    private final ResourceStore store;
    private final WatchStream watches;
    private final TablePrinter tables;
    private final KindRegistry kinds;

    public EventsV1ApiController(ResourceStore store, WatchStream watches, TablePrinter tables, KindRegistry kinds) {
        this.kinds = kinds;
        this.store = store;
        this.watches = watches;
        this.tables = tables;
    }

    @GetMapping("/apis/events.k8s.io/v1/**")
    public ResponseEntity<StreamingResponseBody> get(HttpServletRequest request, HttpServletResponse response,
                                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                     @RequestParam Map<String, String> params) throws IOException {
        ApiPath path = corePath(request);
        boolean watch = ResourceApiController.truthy(params.get("watch"));
        boolean table = ResourceApiController.wantsTable(accept);
        if (path.name() != null && !watch) {
            ObjectNode core = store.get(ResourceTypes.EVENT, path.namespace(), path.name());
            return table ? bytes(200, tables.table(ResourceTypes.EVENT, List.of(core), null, null,
                    ResourceApiController.includeObject(params), true), accept)
                    : bytes(200, EventsV1Conversion.toV1(core), accept);
        }
        Predicate<Map<String, String>> labels = Selectors.parseLabelSelector(params.get("labelSelector"));
        String fieldSelector = EventsV1Conversion.coreFieldSelector(params.get("fieldSelector"));
        if (path.name() != null) {
            fieldSelector = (fieldSelector == null || fieldSelector.isBlank() ? "" : fieldSelector + ",")
                    + "metadata.name=" + path.name();
        }
        Predicate<JsonNode> fields = Selectors.parseFieldSelector(kinds.get(ResourceTypes.EVENT), fieldSelector);
        Predicate<JsonNode> matches = o -> labels.test(Json.labels(o)) && fields.test(o);
        if (watch) {
            watches.stream(path, ResourceTypes.EVENT_V1, EventsV1Conversion::toV1, params, accept, matches, request,
                    response);
            return null;
        }
        ResourceApiController.awaitVersion(store, params.get("resourceVersion"));
        ResourceStore.Snapshot snapshot = store.snapshot(ResourceTypes.EVENT, path.namespace());
        List<ObjectNode> items = snapshot.items().stream().filter(matches::test).toList();
        String rv = Long.toString(snapshot.resourceVersion());
        if (table) {
            return bytes(200, tables.table(ResourceTypes.EVENT, items, rv, null,
                    ResourceApiController.includeObject(params), true), accept);
        }
        ObjectNode list = Json.object();
        list.put("kind", "EventList");
        list.put("apiVersion", ResourceTypes.EVENT_V1.apiVersion());
        list.putObject("metadata").put("resourceVersion", rv);
        ArrayNode out = list.putArray("items");
        items.forEach(o -> out.add(EventsV1Conversion.toV1(o)));
        return bytes(200, list, accept);
    }

    @PostMapping("/apis/events.k8s.io/v1/**")
    public ResponseEntity<StreamingResponseBody> create(HttpServletRequest request,
                                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                        @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                        @RequestBody(required = false) byte[] body) {
        ApiPath path = corePath(request);
        if (path.name() != null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        ObjectNode v1 = read(body, contentType);
        var errors = EventsV1Conversion.validateCreate(v1);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(ResourceTypes.EVENT_V1, Json.strOr(v1, "", "metadata", "name"), errors);
        }
        ObjectNode core = EventsV1Conversion.toCore(v1);
        FieldTypes.check(kinds.get(ResourceTypes.EVENT), core);
        ObjectNode created = store.create(ResourceTypes.EVENT, path.namespace(), core);
        return bytes(201, EventsV1Conversion.toV1(created), accept);
    }

    @PutMapping("/apis/events.k8s.io/v1/**")
    public ResponseEntity<StreamingResponseBody> replace(HttpServletRequest request,
                                                         @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                         @RequestBody(required = false) byte[] body) {
        ApiPath path = named(request);
        ObjectNode core = EventsV1Conversion.toCore(read(body, contentType));
        FieldTypes.check(kinds.get(ResourceTypes.EVENT), core);
        ObjectNode updated = store.update(ResourceTypes.EVENT, path.namespace(), path.name(), core, false);
        return bytes(200, EventsV1Conversion.toV1(updated), accept);
    }

    @PatchMapping("/apis/events.k8s.io/v1/**")
    public ResponseEntity<StreamingResponseBody> patch(HttpServletRequest request,
                                                       @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                                       @RequestBody(required = false) byte[] body) {
        ApiPath path = named(request);
        String patchType = contentType == null ? "" : contentType.split(";")[0].trim();
        if (!List.of(Patches.MERGE, Patches.STRATEGIC, Patches.JSON_PATCH).contains(patchType)) {
            throw ApiException.unsupportedMediaType(contentType);
        }
        JsonNode patch = Codec.read(body, contentType);
        ObjectNode current = store.get(ResourceTypes.EVENT, path.namespace(), path.name());
        ObjectNode patched = Patches.apply(EventsV1Conversion.toV1(current), patch, patchType);
        ObjectNode core = EventsV1Conversion.toCore(patched);
        FieldTypes.check(kinds.get(ResourceTypes.EVENT), core);
        if (Json.str(patch, "metadata", "resourceVersion") == null) {
            Json.meta(core).put("resourceVersion", Json.str(current, "metadata", "resourceVersion"));
        }
        ObjectNode updated = store.update(ResourceTypes.EVENT, path.namespace(), path.name(), core, false);
        return bytes(200, EventsV1Conversion.toV1(updated), accept);
    }

    @DeleteMapping("/apis/events.k8s.io/v1/**")
    public ResponseEntity<StreamingResponseBody> delete(HttpServletRequest request,
                                                        @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ApiPath path = named(request);
        ObjectNode deleted = store.delete(ResourceTypes.EVENT, path.namespace(), path.name(), DeleteOptions.DEFAULT);
        return bytes(200, EventsV1Conversion.toV1(deleted), accept);
    }

    /** The path with the stored kind (core Event) in place of the served one. */
    private ApiPath corePath(HttpServletRequest request) {
        ApiPath p = ApiPath.parse(request.getRequestURI(), kinds);
        if (p.subresource() != null) {
            throw ApiException.notFoundPath();
        }
        return new ApiPath(ResourceTypes.EVENT, p.namespace(), p.name(), null);
    }

    private ApiPath named(HttpServletRequest request) {
        ApiPath p = corePath(request);
        if (p.name() == null) {
            throw ApiException.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        return p;
    }

    private static ObjectNode read(byte[] body, String contentType) {
        ObjectNode obj = Codec.readObject(body, contentType);
        String apiVersion = Json.str(obj, "apiVersion");
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(ResourceTypes.EVENT_V1.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + ResourceTypes.EVENT_V1.apiVersion() + ")");
        }
        return obj;
    }

}
