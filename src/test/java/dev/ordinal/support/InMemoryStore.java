package dev.ordinal.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.NameGenerator;
import dev.ordinal.store.ObjectStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory {@link ObjectStore} with the store's write contract, for driving the real executors in unit tests (as
 * Kubernetes' controller tests drive the real pod control over a fake client): names from generateName, uids,
 * resourceVersions from one counter, 409 AlreadyExists, 409 Conflict on a stale resourceVersion or failed uid
 * precondition, 404 for a missing object, status kept apart from the rest for kinds with a status subresource,
 * finalizers and graceful deletion of scheduled pods. Every write is logged as {@code "<verb> <Kind> <ns>/<name>"};
 * {@link #failWith} makes chosen writes fail.
 */
public final class InMemoryStore implements ObjectStore {
    private final TreeMap<String, ObjectNode> objects = new TreeMap<>();
    private final List<String> writes = new ArrayList<>();
    private final Instant now;
    private long version;
    private int uids;
    private Function<String, ApiException> failure = w -> null;

    public InMemoryStore(Instant now) {
        this.now = now;
    }

    /** Makes every write whose log line {@code rule} answers for fail with the exception it returns (null: no failure). */
    public InMemoryStore failWith(Function<String, ApiException> rule) {
        this.failure = rule;
        return this;
    }

    /** Puts objects in as they are (with a uid and resourceVersion when they have none), logging nothing. */
    public InMemoryStore seed(ResourceType type, JsonNode... seeded) {
        for (JsonNode o : seeded) {
            ObjectNode copy = Json.copy((ObjectNode) o);
            ObjectNode meta = Json.meta(copy);
            if (Json.uid(copy) == null) {
                meta.put("uid", "uid-" + Json.name(copy));
            }
            meta.put("resourceVersion", Long.toString(++version));
            objects.put(key(type, Json.namespace(copy), Json.name(copy)), copy);
        }
        return this;
    }

    /** The writes made, in order, as {@code "<verb> <Kind> <ns>/<name>"} (verbs create, update, status, delete). */
    public List<String> writes() {
        return List.copyOf(writes);
    }

    @Override
    public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
        return Optional.ofNullable(objects.get(key(type, namespace, name))).map(Json::copy);
    }

    @Override
    public List<ObjectNode> list(ResourceType type, String namespace) {
        String prefix = type.kind() + "/" + (namespace == null ? "" : ns(type, namespace) + "/");
        return objects.subMap(prefix, prefix + Character.MAX_VALUE).values().stream().map(Json::copy).toList();
    }

    @Override
    public ObjectNode create(ResourceType type, String namespace, ObjectNode input) {
        ObjectNode obj = Json.copy(input);
        obj.put("apiVersion", type.apiVersion());
        obj.put("kind", type.kind());
        ObjectNode meta = Json.meta(obj);
        String generateName = Json.str(obj, "metadata", "generateName");
        if ((Json.name(obj) == null || Json.name(obj).isEmpty()) && generateName != null) {
            meta.put("name", NameGenerator.generate(generateName));
        }
        if (type.namespaced()) {
            meta.put("namespace", ns(type, namespace));
        }
        String k = key(type, namespace, Json.name(obj));
        fail("create", type, namespace, Json.name(obj));
        if (objects.containsKey(k)) {
            throw ApiException.alreadyExists(type, Json.name(obj));
        }
        meta.put("uid", "uid-" + Json.name(obj) + "-" + (++uids));
        meta.put("creationTimestamp", Json.time(now));
        meta.put("resourceVersion", Long.toString(++version));
        if (type.hasSubresource("status")) {
            obj.remove("status");
        }
        objects.put(k, obj);
        return Json.copy(obj);
    }

    @Override
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode input, boolean statusOnly) {
        fail(statusOnly ? "status" : "update", type, namespace, name);
        ObjectNode old = objects.get(key(type, namespace, name));
        if (old == null) {
            throw ApiException.notFound(type, name);
        }
        String rv = Json.str(input, "metadata", "resourceVersion");
        if (rv != null && !rv.isEmpty() && !rv.equals(Json.str(old, "metadata", "resourceVersion"))) {
            throw ApiException.conflict(type, name);
        }
        ObjectNode obj;
        if (statusOnly) {
            obj = Json.copy(old);
            if (input.has("status")) {
                obj.set("status", input.get("status").deepCopy());
            } else {
                obj.remove("status");
            }
        } else {
            obj = Json.copy(input);
            for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "namespace", "name")) {
                if (Json.meta(old).has(f)) {
                    Json.meta(obj).set(f, Json.meta(old).get(f));
                }
            }
            if (type.hasSubresource("status")) {
                if (old.has("status")) {
                    obj.set("status", old.get("status").deepCopy());
                } else {
                    obj.remove("status");
                }
            }
        }
        Json.meta(obj).put("resourceVersion", Long.toString(++version));
        if (Json.isTerminating(obj) && Json.strings(obj, "metadata", "finalizers").isEmpty()) {
            objects.remove(key(type, namespace, name));
        } else {
            objects.put(key(type, namespace, name), obj);
        }
        return Json.copy(obj);
    }

    @Override
    public Optional<ObjectNode> modify(ResourceType type, String namespace, String name, boolean statusOnly,
                                       Consumer<ObjectNode> change) {
        Optional<ObjectNode> current = find(type, namespace, name);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode edited = Json.copy(current.get());
        change.accept(edited);
        if (Json.same(edited, current.get())) {
            return current;
        }
        try {
            return Optional.of(update(type, namespace, name, edited, statusOnly));
        } catch (ApiException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        fail("delete", type, namespace, name);
        String k = key(type, namespace, name);
        ObjectNode obj = objects.get(k);
        if (obj == null) {
            throw ApiException.notFound(type, name);
        }
        if (options != null && options.preconditionUid() != null && !options.preconditionUid().equals(Json.uid(obj))) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + Json.uid(obj));
        }
        boolean graceful = type.kind().equals("Pod") && Json.str(obj, "spec", "nodeName") != null
                && !List.of("Failed", "Succeeded").contains(Json.strOr(obj, "", "status", "phase"));
        if (!Json.strings(obj, "metadata", "finalizers").isEmpty() || graceful) {
            if (!Json.isTerminating(obj)) {
                Json.meta(obj).put("deletionTimestamp", Json.time(now));
            }
            Json.meta(obj).put("resourceVersion", Long.toString(++version));
            return Json.copy(obj);
        }
        objects.remove(k);
        return obj;
    }

    private void fail(String verb, ResourceType type, String namespace, String name) {
        String line = verb + " " + type.kind() + " " + (type.namespaced() ? ns(type, namespace) + "/" : "") + name;
        writes.add(line);
        ApiException e = failure.apply(line);
        if (e != null) {
            throw e;
        }
    }

    private static String key(ResourceType type, String namespace, String name) {
        return type.kind() + "/" + ns(type, namespace) + "/" + name;
    }

    private static String ns(ResourceType type, String namespace) {
        return type.namespaced() ? (namespace == null ? "default" : namespace) : "";
    }
}
