package dev.ordinal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.ordinal.api.Json;
import dev.ordinal.api.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory, indexed copy of every stored object: client-go's informer stores and listers, and the API server's
 * watch cache, in one. It is filled by a consistent list and then kept current by the change feed, one change at a
 * time in resourceVersion order, by a single writer.
 *
 * <p>Objects handed out are the cached instances and must never be modified: copy before editing. Single lookups and
 * index lookups are lock-free and may be a change behind a concurrent update; {@link #snapshot} is exact: it returns
 * the state at exactly the version it reports.
 */
public final class ObjectCache {
    private final Map<String, ConcurrentSkipListMap<String, ObjectNode>> byKind = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> byUid = new ConcurrentHashMap<>();
    private final Index dependents = new Index();
    private final Index podsByNode = new Index();
    private final Index podsByClaim = new Index();
    private final Index eventsByInvolved = new Index();
    private final Index uncontrolled = new Index();
    private final Index volumesByClaim = new Index();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object advanced = new Object();
    private volatile long version;
    /** Serialized form of every cached object, kept only when {@link #verifyImmutability} is on (tests). */
    private volatile Map<ObjectNode, String> prints;
    private final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Keeps the serialized form of every object from now on, so {@link #mutations} can tell whether a reader
     * modified a cached instance. For tests: it costs a serialization per change.
     */
    public void verifyImmutability() {
        lock.writeLock().lock();
        try {
            Map<ObjectNode, String> m = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
            byKind.values().forEach(k -> k.values().forEach(o -> m.put(o, Json.write(o))));
            prints = m;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The objects (kind/namespace/name) whose cached instance differs from what was stored: readers modified them. */
    public List<String> mutations() {
        Map<ObjectNode, String> m = prints;
        List<String> out = new ArrayList<>(violations);
        if (m == null) {
            return out;
        }
        lock.readLock().lock();
        try {
            synchronized (m) {
                m.forEach((o, print) -> {
                    if (!print.equals(Json.write(o))) {
                        out.add(Json.kind(o) + "/" + key(Json.namespace(o), Json.name(o)) + ": " + print
                                + " became " + Json.write(o));
                    }
                });
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    /** The resourceVersion the cache has reached: every change up to it is applied, none after it. */
    public long version() {
        return version;
    }

    // ---------------------------------------------------------------- listers

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        ConcurrentSkipListMap<String, ObjectNode> m = byKind.get(type.kind());
        return m == null ? Optional.empty() : Optional.ofNullable(m.get(key(namespace, name)));
    }

    /** Objects of a type in a namespace (every namespace when null), in namespace and name order. */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        ConcurrentSkipListMap<String, ObjectNode> m = byKind.get(type.kind());
        if (m == null) {
            return List.of();
        }
        NavigableMap<String, ObjectNode> range = namespace == null || !type.namespaced() ? m
                : m.subMap(namespace + "/", true, namespace + "0", false); // '0' follows '/' in code point order
        return new ArrayList<>(range.values());
    }

    /** A list together with the exact version it shows. */
    public ResourceStore.Snapshot snapshot(ResourceType type, String namespace) {
        lock.readLock().lock();
        try {
            return new ResourceStore.Snapshot(version, list(type, namespace));
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<ObjectNode> byUid(String uid) {
        return uid == null ? Optional.empty() : Optional.ofNullable(byUid.get(uid));
    }

    /** Objects of any kind that name {@code ownerUid} among their ownerReferences. */
    public List<ObjectNode> dependentsOf(String ownerUid) {
        return dependents.get(ownerUid);
    }

    /** Objects of {@code type} whose controller reference names {@code ownerUid}. */
    public List<ObjectNode> controlledBy(ResourceType type, String ownerUid) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : dependents.get(ownerUid)) {
            JsonNode ctrl = Json.controllerRef(o);
            if (type.kind().equals(Json.kind(o)) && ctrl != null && ownerUid.equals(Json.str(ctrl, "uid"))) {
                out.add(o);
            }
        }
        return out;
    }

    /** Objects of a type in a namespace whose names start with {@code prefix}, in name order. */
    public List<ObjectNode> listPrefixed(ResourceType type, String namespace, String prefix) {
        ConcurrentSkipListMap<String, ObjectNode> m = byKind.get(type.kind());
        if (m == null) {
            return List.of();
        }
        String from = key(namespace, prefix);
        return new ArrayList<>(m.subMap(from, true, from + Character.MAX_VALUE, false).values());
    }

    /** Objects of a type in a namespace that have no controller reference (candidates for adoption). */
    public List<ObjectNode> uncontrolled(ResourceType type, String namespace) {
        return uncontrolled.get(type.kind() + "/" + (namespace == null ? "" : namespace));
    }

    /**
     * PersistentVolumes whose claimRef names the claim {@code namespace/name}, and those with no claimRef at all:
     * every volume a claim may bind to.
     */
    public List<ObjectNode> volumesFor(String namespace, String name) {
        List<ObjectNode> out = new ArrayList<>(volumesByClaim.get(key(namespace, name)));
        out.addAll(volumesByClaim.get(UNCLAIMED));
        return out;
    }

    /**
     * Counts the pods on a node that match {@code filter}, without copying them.
     */
    public int countPodsOnNode(String node, java.util.function.Predicate<ObjectNode> filter) {
        return podsByNode.count(node, filter);
    }

    /** Every object that has at least one ownerReference. */
    public List<ObjectNode> withOwners() {
        return dependents.all();
    }

    public List<ObjectNode> podsOnNode(String node) {
        return podsByNode.get(node);
    }

    /** Pods of {@code namespace} that mount the claim {@code claim}. */
    public List<ObjectNode> podsUsingClaim(String namespace, String claim) {
        return podsByClaim.get(key(namespace, claim));
    }

    /** Events whose involvedObject has {@code uid}. */
    public List<ObjectNode> eventsAbout(String uid) {
        return eventsByInvolved.get(uid);
    }

    /**
     * Waits until the cache has reached {@code target} or the timeout passes; returns whether it did.
     */
    public boolean awaitVersion(long target, long timeoutMillis) throws InterruptedException {
        if (version >= target) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (advanced) {
            long left;
            while (version < target && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(advanced, left);
            }
            return version >= target;
        }
    }

    // ---------------------------------------------------------------- the single writer

    private static long versionOf(ObjectNode o) {
        try {
            return Long.parseLong(Json.strOr(o, "0", "metadata", "resourceVersion"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Applies one committed change. Changes arrive in increasing resourceVersion order; one the cache already
     * reflects (its object is at that version or newer) changes nothing.
     */
    void apply(WatchEvent e) {
        lock.writeLock().lock();
        try {
            String kind = e.resourceType().kind();
            ConcurrentSkipListMap<String, ObjectNode> m = byKind.computeIfAbsent(kind, k -> new ConcurrentSkipListMap<>());
            String k = key(Json.namespace(e.object()), Json.name(e.object()));
            ObjectNode current = m.get(k);
            if (current != null && versionOf(current) >= e.resourceVersion()) {
                // Already reflected: a change delivered again after a relist whose list included it.
                advance(e.resourceVersion());
                return;
            }
            ObjectNode old = "DELETED".equals(e.type()) ? m.remove(k) : m.put(k, e.object());
            if (old != null) {
                unindex(old);
            }
            if (!"DELETED".equals(e.type())) {
                index(e.object());
            }
            advance(e.resourceVersion());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Moves the version forward without a change: versions up to {@code to} were taken by writes that rolled back. */
    void advanceTo(long to) {
        lock.writeLock().lock();
        try {
            advance(to);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Replaces the whole content with a consistent list taken at {@code at}. */
    void replace(long at, Collection<Typed> objects) {
        lock.writeLock().lock();
        try {
            byKind.clear();
            if (prints != null) {
                prints.clear();
            }
            byUid.clear();
            dependents.clear();
            podsByNode.clear();
            podsByClaim.clear();
            eventsByInvolved.clear();
            uncontrolled.clear();
            volumesByClaim.clear();
            for (Typed t : objects) {
                byKind.computeIfAbsent(t.type().kind(), k -> new ConcurrentSkipListMap<>())
                        .put(key(Json.namespace(t.object()), Json.name(t.object())), t.object());
                index(t.object());
            }
            version = at;
            synchronized (advanced) {
                advanced.notifyAll();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many objects the cache holds. */
    public int size() {
        return byUid.size();
    }

    private void advance(long to) {
        if (to > version) {
            version = to;
            synchronized (advanced) {
                advanced.notifyAll();
            }
        }
    }

    private void index(ObjectNode o) {
        forEachIndex(o, true);
    }

    private void unindex(ObjectNode o) {
        forEachIndex(o, false);
    }

    private void forEachIndex(ObjectNode o, boolean add) {
        Map<ObjectNode, String> m = prints;
        if (m != null) {
            if (add) {
                m.put(o, Json.write(o));
            } else {
                String print = m.remove(o);
                if (print != null && !print.equals(Json.write(o))) {
                    violations.add(Json.kind(o) + "/" + key(Json.namespace(o), Json.name(o)) + ": " + print
                            + " became " + Json.write(o));
                }
            }
        }
        String id = Json.kind(o) + "/" + key(Json.namespace(o), Json.name(o));
        String uid = Json.uid(o);
        if (uid != null) {
            if (add) {
                byUid.put(uid, o);
            } else {
                byUid.remove(uid, o);
            }
        }
        JsonNode refs = Json.at(o, "metadata", "ownerReferences");
        if (refs.isArray()) {
            for (JsonNode ref : refs) {
                dependents.update(Json.str(ref, "uid"), id, o, add);
            }
        }
        String kind = Json.kind(o);
        if (Json.controllerRef(o) == null) {
            uncontrolled.update(kind + "/" + Json.namespace(o), id, o, add);
        }
        if ("PersistentVolume".equals(kind)) {
            JsonNode ref = Json.at(o, "spec", "claimRef");
            volumesByClaim.update(ref.isObject() ? key(Json.str(ref, "namespace"), Json.str(ref, "name")) : UNCLAIMED,
                    id, o, add);
        } else if ("Pod".equals(kind)) {
            podsByNode.update(Json.str(o, "spec", "nodeName"), id, o, add);
            for (JsonNode v : Json.at(o, "spec", "volumes")) {
                String claim = Json.str(v, "persistentVolumeClaim", "claimName");
                if (claim != null) {
                    podsByClaim.update(key(Json.namespace(o), claim), id, o, add);
                }
            }
        } else if ("Event".equals(kind)) {
            eventsByInvolved.update(Json.str(o, "involvedObject", "uid"), id, o, add);
        }
    }

    private static final String UNCLAIMED = "\u0000unclaimed";

    static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** A secondary index: index value → (object identity → object). */
    private static final class Index {
        private final Map<String, Map<String, ObjectNode>> entries = new ConcurrentHashMap<>();

        void update(String value, String id, ObjectNode o, boolean add) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (add) {
                entries.computeIfAbsent(value, v -> new ConcurrentHashMap<>()).put(id, o);
            } else {
                entries.computeIfPresent(value, (v, m) -> {
                    m.remove(id, o);
                    return m.isEmpty() ? null : m;
                });
            }
        }

        List<ObjectNode> get(String value) {
            Map<String, ObjectNode> m = value == null ? null : entries.get(value);
            return m == null ? List.of() : new ArrayList<>(m.values());
        }

        int count(String value, java.util.function.Predicate<ObjectNode> filter) {
            Map<String, ObjectNode> m = value == null ? null : entries.get(value);
            if (m == null) {
                return 0;
            }
            int n = 0;
            for (ObjectNode o : m.values()) {
                if (filter.test(o)) {
                    n++;
                }
            }
            return n;
        }

        List<ObjectNode> all() {
            java.util.LinkedHashMap<String, ObjectNode> out = new java.util.LinkedHashMap<>();
            entries.values().forEach(out::putAll);
            return new ArrayList<>(out.values());
        }

        void clear() {
            entries.clear();
        }
    }
}
