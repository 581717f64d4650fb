package dev.ordinal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ObjectIndex;
import dev.ordinal.core.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The in-memory, indexed copy of every stored object: client-go's informer stores and listers, and the API server's
 * watch cache, in one. It is filled by a consistent list and then kept current by the change feed, one change at a
 * time in resourceVersion order, by a single writer.
 *
 * <p>Objects are held as their serialized JSON (about a fifth of the memory of a parsed tree) with the few fields the
 * indexes need; every read returns an object that the caller owns and may edit: a copy of the parsed tree the most
 * recently read entries keep (a bounded amount), or a fresh parse. Every read sees the
 * cache between two changes, never in the middle of one: an object that an update leaves under an index value stays
 * visible there throughout, and one that moves between values is never seen in both or in neither (readers take the
 * read lock only to collect entries; they parse after releasing it). {@link #snapshot} also reports the exact version
 * it shows.
 *
 * <p>Three indexes are kept for every kind, from metadata alone: by owner uid, for objects without a controller
 * reference by kind and namespace, and the objects being deleted (with a deletionTimestamp). Any other index is declared by its kind, on its {@link KindDefinition}
 * ({@link ObjectIndex}, client-go's {@code Indexers}), and read with {@link #byIndex}: the cache names no kind.
 */
public final class ObjectCache {
    private final Map<String, ConcurrentSkipListMap<String, Entry>> byKind = new ConcurrentHashMap<>();
    private final Map<String, Entry> byUid = new ConcurrentHashMap<>();
    private final KindRegistry kinds;
    private final Index dependents = new Index();
    private final Index uncontrolled = new Index();
    private final Index terminating = new Index();
    /** The indexes kinds declare on their definitions, by {@code Kind/indexName}. */
    private final Map<String, Index> declared = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object advanced = new Object();
    private volatile long version;
    /**
     * 2 MiB of JSON, some 15 MiB of trees (a pod's tree takes six to eight times its JSON): the nodes and the objects
     * just changed, which controllers read again and again. 16 MiB took about 100 MiB of heap.
     */
    static final long PARSED_TREES_BUDGET = 2L << 20;
    private final ParsedTrees parsedTrees;

    /**
     * One cached object: its JSON and what the indexes were built from, and, while it is among the most recently
     * parsed, its parsed tree (never handed out: readers get a copy, which costs a fraction of a parse).
     */
    final class Entry {
        private final String id;
        private final long version;
        private final byte[] json;
        private final List<String[]> keys;
        private ObjectNode tree;

        /**
         * @param id      kind/namespace/name
         * @param version its resourceVersion
         * @param json    the object, serialized
         * @param keys    the (index, value) pairs it is filed under, so it can be removed without parsing
         */
        Entry(String id, long version, byte[] json, List<String[]> keys) {
            this.id = id;
            this.version = version;
            this.json = json;
            this.keys = keys;
        }

        String id() {
            return id;
        }

        long version() {
            return version;
        }

        byte[] json() {
            return json;
        }

        List<String[]> keys() {
            return keys;
        }

        /** The object as a tree the caller owns and may edit. */
        ObjectNode object() {
            return tree().deepCopy();
        }

        /** The shared tree, parsed now if it is not kept: only for readers that neither edit nor keep it. */
        private ObjectNode tree() {
            ObjectNode t;
            synchronized (this) {
                t = tree;
            }
            if (t == null) {
                ObjectNode parsed = Json.parse(json);
                synchronized (this) {
                    if (tree == null) {
                        tree = parsed;
                        t = parsed;
                    } else {
                        t = tree;
                    }
                }
                if (t == parsed) {
                    parsedTrees.retain(this);
                }
            }
            return t;
        }

        synchronized void forgetTree() {
            tree = null;
        }
    }

    /**
     * The entries whose parsed trees are kept, oldest first, up to a budget counted in their serialized size (a
     * tree takes about five times that): the objects controllers read again and again are the ones just changed,
     * and a copy of a kept tree is several times cheaper than parsing it again, while memory stays bounded however
     * many objects are stored.
     */
    private static final class ParsedTrees {
        private final java.util.ArrayDeque<Entry> order = new java.util.ArrayDeque<>();
        private final long budget;
        private long bytes;

        ParsedTrees(long budget) {
            this.budget = budget;
        }

        void retain(Entry e) {
            List<Entry> evicted = new ArrayList<>(2);
            synchronized (this) {
                order.addLast(e);
                bytes += e.json.length;
                // As many of the oldest as it takes: one large object (a node) may outweigh several small ones.
                while (bytes > budget && !order.isEmpty()) {
                    Entry oldest = order.pollFirst();
                    bytes -= oldest.json.length;
                    evicted.add(oldest);
                }
            }
            evicted.forEach(Entry::forgetTree);
        }
    }

    /** A cache that files each kind's objects under the indexes its definition in {@code kinds} declares. */
    public ObjectCache(KindRegistry kinds) {
        this(kinds, PARSED_TREES_BUDGET);
    }

    /** As above, keeping parsed trees of up to {@code parsedBudgetBytes} of serialized objects. */
    ObjectCache(KindRegistry kinds, long parsedBudgetBytes) {
        this.kinds = kinds;
        this.parsedTrees = new ParsedTrees(parsedBudgetBytes);
    }

    /** The resourceVersion the cache has reached: every change up to it is applied, none after it. */
    public long version() {
        return version;
    }

    // ---------------------------------------------------------------- listers

    /** Collects entries between two changes (see the class comment); callers parse them after the lock is released. */
    private <T> T locked(java.util.function.Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The entry of the object, or null. */
    private Entry lookup(ResourceType type, String namespace, String name) {
        ConcurrentSkipListMap<String, Entry> m = byKind.get(type.kind());
        return m == null ? null : m.get(key(namespace, name));
    }

    public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
        Entry e = lookup(type, namespace, name);
        return e == null ? Optional.empty() : Optional.of(e.object());
    }

    /**
     * What {@code reader} answers about the object, empty when there is none: the reader sees the cache's own tree,
     * without a copy, so it must neither edit it nor keep a reference to any part of it. For the hottest read-only
     * questions (a change-feed wake-up rule asking about one field).
     */
    public <T> Optional<T> read(ResourceType type, String namespace, String name,
                                java.util.function.Function<? super JsonNode, T> reader) {
        Entry e = lookup(type, namespace, name);
        return e == null ? Optional.empty() : Optional.ofNullable(reader.apply(e.tree()));
    }

    /**
     * What {@code reader} answers about each object of a type in one namespace (every namespace when null), in
     * namespace and name order, under the same contract as {@link #read}: the reader sees the cache's own trees. An
     * object the reader answers null about is left out, as {@link #read} answers empty for it.
     */
    public <T> List<T> readAll(ResourceType type, String namespace,
                               java.util.function.Function<? super JsonNode, T> reader) {
        Collection<Entry> entries = locked(() -> entries(type, namespace));
        List<T> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            T answer = reader.apply(e.tree());
            if (answer != null) {
                out.add(answer);
            }
        }
        return out;
    }

    /** The object serialized as JSON, as held: the caller must not modify the array. */
    public Optional<byte[]> getSerialized(ResourceType type, String namespace, String name) {
        Entry e = lookup(type, namespace, name);
        return e == null ? Optional.empty() : Optional.of(e.json());
    }

    /** Objects of a type in a namespace (every namespace when null), in namespace and name order. */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        return objects(locked(() -> entries(type, namespace)));
    }

    private Collection<Entry> entries(ResourceType type, String namespace) {
        ConcurrentSkipListMap<String, Entry> m = byKind.get(type.kind());
        if (m == null) {
            return List.of();
        }
        NavigableMap<String, Entry> range = namespace == null || !type.namespaced() ? m
                : m.subMap(namespace + "/", true, namespace + "0", false); // '0' follows '/' in code point order
        return new ArrayList<>(range.values());
    }

    /** A list together with the exact version it shows. */
    public ResourceStore.Snapshot snapshot(ResourceType type, String namespace) {
        return snapshot(type, namespace, null);
    }

    /**
     * As {@link #snapshot}, of the objects named {@code name} only (all of them when null): one lookup instead of a
     * walk of the namespace when the namespace is given or the kind has none, as for a field selector on
     * {@code metadata.name} (kubectl's {@code get NAME --watch}, {@code wait}, {@code rollout status}).
     */
    public ResourceStore.Snapshot snapshot(ResourceType type, String namespace, String name) {
        Collection<Entry> entries;
        long at;
        lock.readLock().lock();
        try {
            at = version;
            entries = name != null && (namespace != null || !type.namespaced())
                    ? named(type, type.namespaced() ? namespace : "", name)
                    : entries(type, namespace);
        } finally {
            lock.readLock().unlock();
        }
        if (name != null && namespace == null && type.namespaced()) {
            String last = "/" + name; // Every namespace was walked; names hold no '/', so this is the id's end.
            entries.removeIf(e -> !e.id().endsWith(last));
        }
        return new ResourceStore.Snapshot(at, objects(entries));
    }

    private Collection<Entry> named(ResourceType type, String namespace, String name) {
        Entry e = lookup(type, namespace, name);
        return e == null ? new ArrayList<>() : new ArrayList<>(List.of(e));
    }

    /** As {@link #snapshot}, with the objects still serialized (for answers that need not look inside them). */
    public SerializedSnapshot serializedSnapshot(ResourceType type, String namespace) {
        lock.readLock().lock();
        try {
            return new SerializedSnapshot(version, entries(type, namespace).stream()
                    .map(e -> new SerializedItem(e.id().substring(e.id().indexOf('/') + 1), e.json())).toList());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A serialized list together with the exact version it shows. */
    public record SerializedSnapshot(long resourceVersion, List<SerializedItem> items) {
    }

    /** One serialized object and its list key, {@code namespace/name} ({@code /name} when cluster-scoped). */
    public record SerializedItem(String key, byte[] json) {
    }

    public Optional<ObjectNode> byUid(String uid) {
        Entry e = uid == null ? null : byUid.get(uid);
        return e == null ? Optional.empty() : Optional.of(e.object());
    }

    /** As {@link #read}, for the object with this uid. */
    public <T> Optional<T> readUid(String uid, java.util.function.Function<? super JsonNode, T> reader) {
        Entry e = uid == null ? null : byUid.get(uid);
        return e == null ? Optional.empty() : Optional.ofNullable(reader.apply(e.tree()));
    }

    /** Whether an object with this uid exists. */
    public boolean hasUid(String uid) {
        return uid != null && byUid.containsKey(uid);
    }

    /** Objects of a type in a namespace whose names start with {@code prefix}, in name order. */
    public List<ObjectNode> listPrefixed(ResourceType type, String namespace, String prefix) {
        ConcurrentSkipListMap<String, Entry> m = byKind.get(type.kind());
        if (m == null) {
            return List.of();
        }
        String from = key(namespace, prefix);
        return objects(locked(() -> new ArrayList<>(m.subMap(from, true, from + Character.MAX_VALUE, false).values())));
    }

    /** Objects of any kind that name {@code ownerUid} among their ownerReferences. */
    public List<ObjectNode> dependentsOf(String ownerUid) {
        return objects(locked(() -> dependents.get(ownerUid)));
    }

    /** Objects of {@code type} whose controller reference names {@code ownerUid}. */
    public List<ObjectNode> controlledBy(ResourceType type, String ownerUid) {
        return controlled(type, ownerUid, locked(() -> dependents.get(ownerUid)));
    }

    /**
     * The objects of {@code type} that {@code ownerUid} controls together with those of {@code namespace} that nothing
     * controls (candidates for adoption), read between the same two changes: an object adopted or released meanwhile
     * is in exactly one of the two lists.
     */
    public List<ObjectNode> controlledByOrUncontrolled(ResourceType type, String ownerUid, String namespace) {
        List<List<Entry>> both = locked(() -> List.of(dependents.get(ownerUid),
                uncontrolled.get(type.kind() + "/" + (namespace == null ? "" : namespace))));
        List<ObjectNode> out = controlled(type, ownerUid, both.get(0));
        out.addAll(objects(both.get(1)));
        return out;
    }

    private static List<ObjectNode> controlled(ResourceType type, String ownerUid, List<Entry> dependents) {
        List<ObjectNode> out = new ArrayList<>();
        for (Entry e : dependents) {
            if (e.id().startsWith(type.kind() + "/")) {
                ObjectNode o = e.object();
                JsonNode ctrl = Json.controllerRef(o);
                if (ctrl != null && ownerUid.equals(Json.str(ctrl, "uid"))) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** Every object that has at least one ownerReference. */
    public List<ObjectNode> withOwners() {
        return objects(locked(dependents::all));
    }

    /** Every object being deleted (it has a deletionTimestamp and is kept by a finalizer or a grace period). */
    public List<ObjectNode> terminating() {
        return objects(locked(terminating::all));
    }

    /** Objects of a type in a namespace that have no controller reference (candidates for adoption). */
    public List<ObjectNode> uncontrolled(ResourceType type, String namespace) {
        return objects(locked(() -> uncontrolled.get(type.kind() + "/" + (namespace == null ? "" : namespace))));
    }

    /**
     * The objects of {@code type} filed under any of {@code values} in {@code index}, which the kind's definition
     * declares (client-go's {@code ByIndex}), value by value, all read between the same two changes: an object that
     * moves from one of the values to another meanwhile is in the answer exactly once. An IllegalArgumentException
     * when the kind declares no such index.
     */
    public List<ObjectNode> byIndex(ResourceType type, ObjectIndex index, String... values) {
        Index i = declaredIndex(type, index);
        return objects(locked(() -> {
            List<Entry> out = new ArrayList<>();
            for (String v : values) {
                out.addAll(i.get(v));
            }
            return out;
        }));
    }

    /**
     * What {@code reader} answers about each object filed under {@code value} in {@code index} (nulls left out),
     * under the contract of {@link #read}: the reader sees the cache's own trees, and must neither edit nor keep them.
     */
    public <T> List<T> readByIndex(ResourceType type, ObjectIndex index, String value,
                                   java.util.function.Function<? super JsonNode, T> reader) {
        return mapIndexed(type, index, value, e -> reader.apply(e.tree()));
    }

    /**
     * The values the object is filed under in {@code index}, which its kind declares: taken from the keys computed
     * when the object was applied, so nothing is parsed (an index used as a projection of a few fields). Empty when
     * there is no such object or it has no value there.
     */
    public List<String> indexValues(ResourceType type, String namespace, String name, ObjectIndex index) {
        declaredIndex(type, index);
        Entry e = lookup(type, namespace, name);
        return e == null ? List.of() : valuesIn(e, declaredKey(type.kind(), index.name()));
    }

    /**
     * For each object filed under {@code value} in {@code index}, the values it is filed under in {@code projected}
     * (both declared by the kind), as {@link #indexValues}: nothing is parsed.
     */
    public List<List<String>> indexValuesByIndex(ResourceType type, ObjectIndex index, String value,
                                                 ObjectIndex projected) {
        declaredIndex(type, projected);
        String key = declaredKey(type.kind(), projected.name());
        return mapIndexed(type, index, value, e -> valuesIn(e, key));
    }

    /** What {@code f} answers for each entry filed under {@code value} in {@code index} (nulls left out). */
    private <T> List<T> mapIndexed(ResourceType type, ObjectIndex index, String value,
                                   java.util.function.Function<Entry, T> f) {
        Index i = declaredIndex(type, index);
        List<Entry> entries = locked(() -> i.get(value));
        List<T> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            T answer = f.apply(e);
            if (answer != null) {
                out.add(answer);
            }
        }
        return out;
    }

    private static List<String> valuesIn(Entry e, String declaredKey) {
        List<String> values = new ArrayList<>(1);
        for (String[] k : e.keys()) {
            if (k[0].equals(declaredKey)) {
                values.add(k[1]);
            }
        }
        return values;
    }

    /** How many objects of {@code type} are filed under {@code value} in {@code index}, without reading them. */
    public int countByIndex(ResourceType type, ObjectIndex index, String value) {
        Index i = declaredIndex(type, index);
        return locked(() -> i.count(value));
    }

    private Index declaredIndex(ResourceType type, ObjectIndex index) {
        boolean known = kinds.find(type.group(), type.version(), type.kind())
                .flatMap(d -> d.index(index.name())).isPresent();
        if (!known) {
            throw new IllegalArgumentException(type.kind() + " declares no index " + index.name());
        }
        return declared.computeIfAbsent(declaredKey(type.kind(), index.name()), k -> new Index());
    }

    private static String declaredKey(String kind, String index) {
        return kind + "/" + index;
    }

    /** Waits until the cache has reached {@code target} or the timeout passes; returns whether it did. */
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

    /**
     * Applies one committed change. Changes arrive in increasing resourceVersion order; one the cache already
     * reflects (its object is at that version or newer) changes nothing.
     */
    void apply(WatchEvent e) {
        boolean deleted = "DELETED".equals(e.type());
        // Serialized before taking the lock, so readers wait only for the map updates.
        Entry entry = deleted ? null : entry(e.resourceType(), e.object(), e.resourceVersion(), e.bytes());
        lock.writeLock().lock();
        try {
            ConcurrentSkipListMap<String, Entry> m = byKind.computeIfAbsent(e.resourceType().kind(),
                    k -> new ConcurrentSkipListMap<>());
            String k = key(Json.namespace(e.object()), Json.name(e.object()));
            Entry current = m.get(k);
            if (current != null && current.version() >= e.resourceVersion()) {
                // Already reflected: a change delivered again after a relist whose list included it.
                advance(e.resourceVersion());
                return;
            }
            if (deleted) {
                m.remove(k);
            } else {
                m.put(k, entry);
                // Filed under its new values first: removing the old entry then leaves the values it kept alone.
                index(entry);
            }
            if (current != null) {
                unindex(current);
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
            byUid.clear();
            dependents.clear();
            uncontrolled.clear();
            terminating.clear();
            declared.values().forEach(Index::clear);
            for (Typed t : objects) {
                Entry entry = entry(t.type(), t.object(), versionOf(t.object()));
                byKind.computeIfAbsent(t.type().kind(), k -> new ConcurrentSkipListMap<>())
                        .put(key(Json.namespace(t.object()), Json.name(t.object())), entry);
                index(entry);
            }
            version = at;
            synchronized (advanced) {
                advanced.notifyAll();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void advance(long to) {
        if (to > version) {
            version = to;
            synchronized (advanced) {
                advanced.notifyAll();
            }
        }
    }

    private static long versionOf(ObjectNode o) {
        try {
            return Long.parseLong(Json.strOr(o, "0", "metadata", "resourceVersion"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final String UID = "uid";
    private static final String DEPENDENT = "dependent";
    private static final String UNCONTROLLED = "uncontrolled";
    private static final String TERMINATING = "terminating";

    /** Serializes an object and works out the index values it is filed under. */
    private Entry entry(ResourceType type, ObjectNode o, long version) {
        return entry(type, o, version, Json.bytes(o));
    }

    /** The entry for {@code o}, serialized as {@code json}. */
    private Entry entry(ResourceType type, ObjectNode o, long version, byte[] json) {
        String kind = Json.kind(o);
        List<String[]> keys = new ArrayList<>();
        if (Json.uid(o) != null) {
            keys.add(new String[] {UID, Json.uid(o)});
        }
        for (JsonNode ref : Json.at(o, "metadata", "ownerReferences")) {
            keys.add(new String[] {DEPENDENT, Json.str(ref, "uid")});
        }
        if (Json.controllerRef(o) == null) {
            keys.add(new String[] {UNCONTROLLED, kind + "/" + Json.namespace(o)});
        }
        if (Json.isTerminating(o)) {
            keys.add(new String[] {TERMINATING, TERMINATING});
        }
        // Every declared key has a slash (Kind/index), so none can be taken for the metadata indexes above.
        kinds.find(type.group(), type.version(), type.kind()).ifPresent(def -> {
            for (ObjectIndex index : def.indexes()) {
                for (String value : index.valuesOf(o)) {
                    keys.add(new String[] {declaredKey(kind, index.name()), value});
                }
            }
        });
        String id = kind + "/" + key(Json.namespace(o), Json.name(o));
        return new Entry(id, version, json, keys);
    }

    private void index(Entry e) {
        file(e, true);
    }

    private void unindex(Entry e) {
        file(e, false);
    }

    private void file(Entry e, boolean add) {
        for (String[] k : e.keys()) {
            if (UID.equals(k[0])) {
                if (add) {
                    byUid.put(k[1], e);
                } else {
                    byUid.remove(k[1], e);
                }
                continue;
            }
            Index index = switch (k[0]) {
                case DEPENDENT -> dependents;
                case UNCONTROLLED -> uncontrolled;
                case TERMINATING -> terminating;
                default -> declared.computeIfAbsent(k[0], n -> new Index());
            };
            index.update(k[1], e, add);
        }
    }

    private static List<ObjectNode> objects(Collection<Entry> entries) {
        List<ObjectNode> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.object());
        }
        return out;
    }

    static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }

    /** A secondary index: index value → (object identity → entry). */
    private static final class Index {
        private final Map<String, Map<String, Entry>> entries = new ConcurrentHashMap<>();

        void update(String value, Entry e, boolean add) {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (add) {
                entries.computeIfAbsent(value, v -> new ConcurrentHashMap<>()).put(e.id(), e);
            } else {
                entries.computeIfPresent(value, (v, m) -> {
                    m.remove(e.id(), e);
                    return m.isEmpty() ? null : m;
                });
            }
        }

        List<Entry> get(String value) {
            Map<String, Entry> m = value == null ? null : entries.get(value);
            return m == null ? List.of() : new ArrayList<>(m.values());
        }

        int count(String value) {
            Map<String, Entry> m = value == null ? null : entries.get(value);
            return m == null ? 0 : m.size();
        }

        List<Entry> all() {
            Map<String, Entry> out = new LinkedHashMap<>();
            entries.values().forEach(out::putAll);
            return new ArrayList<>(out.values());
        }

        void clear() {
            entries.clear();
        }
    }
}
