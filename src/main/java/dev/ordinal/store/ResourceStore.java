package dev.ordinal.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.FieldError;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindStrategies;
import dev.ordinal.core.KindStrategy;
import dev.ordinal.core.MetadataValidation;
import dev.ordinal.core.ResourceType;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one write path for every object, used by the API and by every reconciler alike. Each successful write gets a
 * new resourceVersion from one global counter, keeps metadata the way Kubernetes does, is validated by the kind's
 * strategy, and is announced on the {@link ChangeFeed} after it commits. A failed write changes nothing.
 */
@Service
public class ResourceStore implements ObjectStore {
    public static final String FINALIZER_ORPHAN = "orphan";
    public static final String FINALIZER_FOREGROUND = "foregroundDeletion";

    private static final ThreadLocal<Boolean> DRY_RUN = ThreadLocal.withInitial(() -> false);
    private static final ThreadLocal<Long> LAST_WRITE = ThreadLocal.withInitial(() -> 0L);
    /** Whether the current transaction took a version, so that its end must wake the change feeds. */
    private static final ThreadLocal<Boolean> VERSION_TAKEN = ThreadLocal.withInitial(() -> false);
    /** The highest version this instance had seen taken when the current transaction began taking versions. */
    private static final ThreadLocal<Long> SEEN_AT_BEGIN = ThreadLocal.withInitial(() -> 0L);
    /**
     * The changes of the current transaction so far, in order, handed to this instance's feed when it commits (see
     * {@link ChangeFeed#writeEnded(long, List)}); null outside a transaction that took a version.
     */
    private static final ThreadLocal<List<ChangeFeed.Committed>> TX_CHANGES = new ThreadLocal<>();
    /** Inside {@link #writeInSteps}: the writes of the group's steps so far, in order, published when it commits. */
    private static final ThreadLocal<List<PendingWrite>> STEPS = new ThreadLocal<>();
    /** Inside {@link #writeInSteps}: what {@link #afterSteps} asked to run once the group has committed, in order. */
    private static final ThreadLocal<List<Runnable>> AFTER_STEPS = new ThreadLocal<>();
    /** Stands for the resourceVersion in a body sent before its version is taken; the database puts the version in. */
    private static final String VERSION_PLACEHOLDER = "ordinal-version-" + UUID.randomUUID();
    private static final String QUOTED_PLACEHOLDER = "\"" + VERSION_PLACEHOLDER + "\"";

    private final ResourceRows repo;
    private final ChangeFeed feed;
    private final KindStrategies strategies;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final WriterPresence presence;
    private final ObjectCache cache;
    /** This instance's committed writes the cache has not applied yet, by kind/namespace/name; see {@link #find}. */
    private final Map<String, OwnWrite> ownWrites = new ConcurrentHashMap<>();
    /** The keys of {@link #ownWrites} by version, to drop them in order as the cache reaches them. */
    private final java.util.concurrent.ConcurrentSkipListMap<Long, String> ownByVersion =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    /** One committed write of this instance: the object as stored (never handed out), or null once deleted. */
    private record OwnWrite(long version, ObjectNode object) {
    }

    /** A write of an uncommitted group ({@link #writeInSteps}), under its {@link #ownKey}. */
    private record PendingWrite(String key, OwnWrite write) {
    }

    ResourceStore(ResourceRows repo, ChangeFeed feed, KindStrategies strategies, Clock clock,
                         PlatformTransactionManager txm, WriterPresence presence) {
        this.repo = repo;
        this.presence = presence;
        this.feed = feed;
        this.strategies = strategies;
        this.clock = clock;
        this.tx = new TransactionTemplate(txm);
        this.cache = feed.cache();
        // Once the cache has applied a write, it answers for the object again (oldest first: no scan per change).
        feed.onAdvance(version -> {
            for (Map.Entry<Long, String> e = ownByVersion.firstEntry(); e != null && e.getKey() <= version;
                 e = ownByVersion.firstEntry()) {
                ownByVersion.remove(e.getKey());
                ownWrites.computeIfPresent(e.getValue(), (k, w) -> w.version() <= version ? null : w);
            }
        });
    }

    // ---------------------------------------------------------------- reads

    /**
     * The object, or 404 NotFound, as a consistent read: it reflects every write committed before the call, on any
     * instance (it waits, usually a few milliseconds, until the cache has caught up with the database).
     */
    public ObjectNode get(ResourceType type, String namespace, String name) {
        if (STEPS.get() != null) {
            // In a group the cache cannot pass the group's own versions before it commits: its transaction reads.
            return stored(type, namespace, name).orElseThrow(() -> ApiException.notFound(type, name));
        }
        awaitLatest();
        return find(type, namespace, name).orElseThrow(() -> ApiException.notFound(type, name));
    }

    /** As {@link #get}, the object serialized as JSON, exactly as the cache holds it. */
    public byte[] getSerialized(ResourceType type, String namespace, String name) {
        awaitLatest();
        return getSerializedCached(type, namespace, name);
    }

    /**
     * As {@link #getSerialized}, from the cache as it stands, without asking the database what is newest: Kubernetes'
     * {@code resourceVersion=0} ("any") read, or a "not older than" read once the caller has waited for its version.
     */
    public byte[] getSerializedCached(ResourceType type, String namespace, String name) {
        return cache.getSerialized(type, ns(type, namespace), name)
                .orElseThrow(() -> ApiException.notFound(type, name));
    }

    /**
     * The object from the informer cache, freshly parsed: the caller may edit it. It may be a few milliseconds behind the
     * database, as a client-go lister is; a write based on it that turns out stale gets 409 Conflict. This instance's
     * own committed writes the cache has not reached yet are seen at once (client-go's {@code MutationCache}), so a
     * controller that writes an object twice in one pass, or creates one and then edits it, builds each write on the
     * last instead of meeting a conflict or a not-found.
     */
    public Optional<ObjectNode> find(ResourceType type, String namespace, String name) {
        String ns = ns(type, namespace);
        List<PendingWrite> group = STEPS.get();
        if (group != null) {
            // The group's transaction sees its own writes; so does its thread.
            String key = ownKey(type, ns, name);
            for (int i = group.size() - 1; i >= 0; i--) {
                if (group.get(i).key().equals(key)) {
                    ObjectNode o = group.get(i).write().object();
                    return o == null ? Optional.empty() : Optional.of(Json.copy(o));
                }
            }
        }
        if (!ownWrites.isEmpty()) {
            OwnWrite own = ownWrites.get(ownKey(type, ns, name));
            if (own != null && own.version() > cache.version()) {
                return own.object() == null ? Optional.empty() : Optional.of(Json.copy(own.object()));
            }
        }
        return cache.get(type, ns, name);
    }

    public Optional<ObjectNode> findByUid(String uid) {
        return cache.byUid(uid);
    }

    public boolean existsUid(String uid) {
        return cache.hasUid(uid);
    }

    /**
     * Objects of a type in one namespace (or all when {@code namespace} is null), sorted by namespace and name, from
     * the informer cache, each freshly parsed.
     */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        List<ObjectNode> cached = cache.list(type, namespace);
        List<PendingWrite> group = STEPS.get();
        return group == null || group.isEmpty() ? cached : withGroupWrites(type, namespace, cached, group);
    }

    /** A cached list as the group's transaction sees it: with the group's own writes of the type applied. */
    private static List<ObjectNode> withGroupWrites(ResourceType type, String namespace, List<ObjectNode> cached,
                                                    List<PendingWrite> group) {
        String prefix = type.kind() + "/" + (namespace == null ? "" : ns(type, namespace) + "/");
        java.util.TreeMap<String, ObjectNode> byKey = new java.util.TreeMap<>();
        cached.forEach(o -> byKey.put(ownKey(type, ns(type, Json.namespace(o)), Json.name(o)), o));
        for (PendingWrite w : group) {
            if (w.key().startsWith(prefix)) {
                if (w.write().object() == null) {
                    byKey.remove(w.key());
                } else {
                    byKey.put(w.key(), Json.copy(w.write().object()));
                }
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The informer cache every read of this store is served from. */
    public ObjectCache cache() {
        return cache;
    }

    /** A list and the resourceVersion it is consistent with: every change up to that version, none after it. */
    public record Snapshot(long resourceVersion, List<ObjectNode> items) {
    }

    /**
     * Lists objects (as {@link #list}) together with the version they are consistent with, so that a watch started
     * from that version misses nothing. The list reflects every write committed before the call (a consistent list
     * from the cache, as the API server's {@code ConsistentListFromCache}).
     */
    public Snapshot snapshot(ResourceType type, String namespace) {
        return snapshot(type, namespace, null);
    }

    /** As {@link #snapshot}, of the objects named {@code name} only (all when null). */
    public Snapshot snapshot(ResourceType type, String namespace, String name) {
        awaitLatest();
        return cachedSnapshot(type, namespace, name);
    }

    /** As {@link #snapshot}, from the cache as it stands (a list with a resourceVersion, which the caller awaited). */
    public Snapshot cachedSnapshot(ResourceType type, String namespace) {
        return cachedSnapshot(type, namespace, null);
    }

    /** As {@link #cachedSnapshot(ResourceType, String)}, of the objects named {@code name} only (all when null). */
    public Snapshot cachedSnapshot(ResourceType type, String namespace, String name) {
        return cache.snapshot(type, namespace, name);
    }

    /** Objects of any kind that list {@code ownerUid} among their ownerReferences. */
    public List<ObjectNode> dependentsOf(String ownerUid) {
        return cache.dependentsOf(ownerUid);
    }

    /** Every object with an ownerReference. */
    public List<ObjectNode> allWithOwners() {
        return cache.withOwners();
    }

    /** The newest resourceVersion the cache has reached, which a list reports as its own version. */
    public long currentResourceVersion() {
        return cache.version();
    }

    /**
     * Waits until the cache has applied every write committed before this call (one read of the version sequence,
     * then a wait for the change feed). Throws 504 when the feed does not catch up within ten seconds.
     */
    public void awaitLatest() {
        if (STEPS.get() != null) {
            // In a group the cache cannot pass the group's own versions before it commits, so nothing newer can be
            // awaited: the group's reads (find, list) already show its own writes, and get and modify read the rows.
            return;
        }
        long target = latestVersion();
        awaitVersion(target);
    }

    private final Object versionReadLock = new Object();
    private long versionReadsStarted;
    private long versionReadsFinished;
    private long versionReadValue;
    private boolean versionReading;

    /**
     * The newest version handed out. While this instance is the only one writing ({@link WriterPresence}) it knows
     * that without asking; otherwise it reads the sequence, in a read that started after this call. Concurrent callers
     * share one read (whoever arrives while one is running waits for the next and shares it), so many consistent
     * reads at once cost the database one query per round trip rather than one each.
     */
    private long latestVersion() {
        java.util.OptionalLong known = presence.newestVersion(repo.highestTaken());
        if (known.isPresent()) {
            return known.getAsLong(); // No other instance can have written: this instance knows the newest version.
        }
        long mine;
        synchronized (versionReadLock) {
            long needed = versionReadsStarted + 1;
            while (true) {
                if (versionReadsFinished >= needed) {
                    return versionReadValue;
                }
                if (!versionReading) {
                    versionReading = true;
                    mine = ++versionReadsStarted;
                    break;
                }
                try {
                    versionReadLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ApiException(504, "Timeout", "Timeout: interrupted", null, "", "", null);
                }
            }
        }
        long v = -1;
        try {
            v = repo.lastResourceVersion();
            return v;
        } finally {
            synchronized (versionReadLock) {
                versionReading = false;
                if (v >= 0) {
                    versionReadValue = Math.max(versionReadValue, v);
                    versionReadsFinished = mine;
                }
                versionReadLock.notifyAll();
            }
        }
    }

    /** Waits until the cache has reached {@code version}; 504 when it does not within ten seconds. */
    public void awaitVersion(long version) {
        if (cache.version() >= version) {
            return;
        }
        feed.requestPoll();
        try {
            if (!cache.awaitVersion(version, 10_000)) {
                throw new ApiException(504, "Timeout", "Timeout: the cache did not reach resourceVersion " + version
                        + " in time", null, "", "", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(504, "Timeout", "Timeout: interrupted", null, "", "", null);
        }
    }

    /**
     * The highest resourceVersion this thread has written since the last call, then forgets it; 0 when none. The
     * controller runtime uses it so a reconciler never decides on a cache older than its own writes (the role of
     * client-go's expectations).
     */
    public long takeLastWrittenVersion() {
        long v = LAST_WRITE.get();
        LAST_WRITE.set(0L);
        return v;
    }

    // ---------------------------------------------------------------- writes

    /** Whether this thread is inside {@link #dryRun}. */
    public boolean inDryRun() {
        return DRY_RUN.get();
    }

    /**
     * Runs {@code writes} as a dry run ({@code ?dryRun=All}): each write is validated, defaulted and answered as if
     * it happened, then rolled back, so nothing is stored and no change is announced.
     */
    public <T> T dryRun(java.util.function.Supplier<T> writes) {
        boolean previous = DRY_RUN.get();
        DRY_RUN.set(true);
        try {
            return writes.get();
        } finally {
            DRY_RUN.set(previous);
        }
    }

    /**
     * Creates the object in {@code namespace}: fills in name (from generateName), uid, creationTimestamp, generation
     * and resourceVersion, applies the kind's defaults and validation, and stores it. Throws 409 AlreadyExists when
     * the name is taken, 422 Invalid on field errors, 404 when the namespace does not exist. A view's type (a CRD's
     * version other than its storage version) is defaulted and validated as that version, and stored as its stored
     * kind, with the stored kind's apiVersion.
     */
    public ObjectNode create(ResourceType served, String namespace, ObjectNode input) {
        PreparedCreate p = prepareCreate(served, namespace, input);
        ResourceType type = p.type();
        String ns = p.namespace();
        String name = p.name();
        ObjectNode obj = p.object();
        ObjectNode meta = Json.meta(obj);
        return write(type, name, () -> {
            if (!DRY_RUN.get()) {
                // One statement checks the namespace, takes the version and stores the row with its change.
                meta.put("resourceVersion", VERSION_PLACEHOLDER);
                versionTaken();
                String sent = body(obj);
                long rv = repo.create(type.kind(), ns, name, Json.uid(obj), sent, QUOTED_PLACEHOLDER,
                        Json.namespace(obj), type.namespaced());
                if (rv == ResourceRows.NAMESPACE_MISSING || rv == ResourceRows.NAMESPACE_TERMINATING) {
                    meta.remove("resourceVersion");
                    throw rv == ResourceRows.NAMESPACE_MISSING ? ApiException.namespaceNotFound(ns)
                            : ApiException.forbiddenTerminatingNamespace(type, name, ns);
                }
                return created(type, obj, rv, sent);
            }
            if (type.namespaced()) {
                ObjectNode nsObj = repo.find("Namespace", "", ns)
                        .map(ResourceStore::toObject).orElseThrow(() -> ApiException.namespaceNotFound(ns));
                if (Json.isTerminating(nsObj)) {
                    throw ApiException.forbiddenTerminatingNamespace(type, name, ns);
                }
            }
            long rv = nextVersion(0);
            meta.put("resourceVersion", Long.toString(rv));
            repo.insert(type.kind(), ns, name, Json.uid(obj), rv, Json.write(obj)); // A duplicate name: 409 below.
            record(new WatchEvent("ADDED", type, obj, rv));
            return obj;
        });
    }

    /** A create validated and defaulted, ready to store: the object as it will be stored but for its version. */
    private record PreparedCreate(ResourceType type, String namespace, String name, ObjectNode object) {
    }

    /** Notes a stored create: its version in the object, the thread's last write, the instance's own writes. */
    private ObjectNode created(ResourceType type, ObjectNode obj, long rv, String sent) {
        Json.meta(obj).put("resourceVersion", Long.toString(rv));
        LAST_WRITE.set(Math.max(LAST_WRITE.get(), rv));
        noteOwnWrite("ADDED", type, obj, rv, withVersion(sent, rv));
        return obj;
    }

    /**
     * {@link #create}'s work before the database: identity, timestamps, defaults and validation (a 422 listing every
     * error). Nothing is stored.
     */
    private PreparedCreate prepareCreate(ResourceType served, String namespace, ObjectNode input) {
        // A write at a view's version is defaulted and validated by that version's strategy, stored as its kind.
        KindStrategy strategy = strategies.of(served);
        ResourceType type = strategies.storage(served);
        ObjectNode obj = Json.copy(input);
        obj.put("apiVersion", type.apiVersion());
        obj.put("kind", type.kind());
        ObjectNode meta = Json.meta(obj);
        String ns = ns(type, namespace);
        if (type.namespaced()) {
            meta.put("namespace", ns);
        } else {
            meta.remove("namespace");
        }
        String generateName = Json.str(obj, "metadata", "generateName");
        if ((Json.name(obj) == null || Json.name(obj).isEmpty()) && generateName != null && !generateName.isEmpty()) {
            meta.put("name", NameGenerator.generate(generateName));
        }
        for (String f : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink")) {
            meta.remove(f);
        }
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Json.time(now()));
        if (strategy.resetStatusOnCreate() && type.hasSubresource("status")) {
            obj.remove("status");
        }
        strategy.defaults(obj);
        strategy.initialStatus(obj);
        String name = Json.name(obj) == null ? "" : Json.name(obj);
        // Metadata and spec errors are reported together, as Kubernetes aggregates them.
        List<FieldError> errors = new ArrayList<>(MetadataValidation.validate(obj, strategy.nameIsDnsLabel(), strategy.nameIsPathSegment()));
        errors.addAll(strategy.validate(obj));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, name, errors);
        }
        if (strategies.definition(type).tracksGeneration()) {
            meta.put("generation", 1);
        }
        dropEmptyMetadata(meta);
        return new PreparedCreate(type, ns, name, obj);
    }

    /**
     * {@inheritDoc} Inside a transaction ({@link #writeInSteps}, {@link #writeTogether}), outside a dry run, the
     * creates are one write (in a group, one step) sent in one round trip ({@code create_resources} in V14), each
     * still undone alone if it fails: a StatefulSet's claims and pods, or a batch of events, cost one round trip,
     * not one each.
     */
    @Override
    public List<Created> createAll(List<Create> creates) {
        if (!TransactionSynchronizationManager.isActualTransactionActive() || DRY_RUN.get() || creates.size() < 2
                || admissionWrites(creates)) {
            return ObjectStore.super.createAll(creates);
        }
        List<PreparedCreate> prepared = new ArrayList<>();
        RuntimeException invalid = null;
        for (Create c : creates) {
            try {
                prepared.add(prepareCreate(c.type(), c.namespace(), c.object()));
            } catch (RuntimeException e) {
                invalid = e; // This one fails before the database; those after it are not tried.
                break;
            }
        }
        List<Created> out = new ArrayList<>();
        if (!prepared.isEmpty()) {
            PreparedCreate first = prepared.get(0);
            out.addAll(write(first.type(), first.name(), () -> storeAll(prepared, creates)));
        }
        if (invalid != null && out.size() == prepared.size()
                && (out.isEmpty() || Created.goesOn(creates.get(out.size() - 1), out.get(out.size() - 1).failure()))) {
            out.add(new Created(null, invalid));
        }
        return out;
    }

    /**
     * Whether admitting one of the creates writes (quota admission charges a create to its namespace's quotas as it
     * is validated): then they go one by one, since a create the run never tries must not have been charged.
     */
    private boolean admissionWrites(List<Create> creates) {
        return creates.stream().anyMatch(c -> strategies.admissionWrites(strategies.storage(c.type()),
                ns(c.type(), c.namespace())));
    }

    /** The statement of {@link #createAll}, and what each create it tried came to. */
    private List<Created> storeAll(List<PreparedCreate> prepared, List<Create> creates) {
        List<ResourceRows.CreateRow> rows = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            PreparedCreate p = prepared.get(i);
            Json.meta(p.object()).put("resourceVersion", VERSION_PLACEHOLDER);
            rows.add(new ResourceRows.CreateRow(p.type().kind(), p.namespace(), p.name(), Json.uid(p.object()),
                    body(p.object()), Json.namespace(p.object()), p.type().namespaced(), creates.get(i).existsOk()));
        }
        versionTaken();
        List<Created> out = new ArrayList<>();
        for (ResourceRows.CreateAnswer a : repo.createAll(rows, QUOTED_PLACEHOLDER)) {
            PreparedCreate p = prepared.get(a.item() - 1);
            ObjectNode meta = Json.meta(p.object());
            if (a.taken() != null && a.taken() > 0) {
                out.add(new Created(created(p.type(), p.object(), a.taken(), rows.get(a.item() - 1).body()), null));
                continue;
            }
            meta.remove("resourceVersion");
            out.add(new Created(null, createFailure(p, a)));
        }
        return out;
    }

    /** The exception {@link #create} throws for what {@code create_resources} answered about one create. */
    private static RuntimeException createFailure(PreparedCreate p, ResourceRows.CreateAnswer a) {
        if (a.taken() != null) {
            return a.taken() == ResourceRows.NAMESPACE_MISSING ? ApiException.namespaceNotFound(p.namespace())
                    : ApiException.forbiddenTerminatingNamespace(p.type(), p.name(), p.namespace());
        }
        if (a.errorState() != null && a.errorState().startsWith("23")) {
            return refused(p.type(), p.name(), String.valueOf(a.errorConstraint()));
        }
        return new IllegalStateException("creating " + p.type().kind() + " " + p.name() + " failed in the database"
                + " (SQLSTATE " + a.errorState() + ")");
    }

    /**
     * Replaces the object. With {@code statusOnly} only its status changes (the /status subresource); otherwise
     * status is kept (for kinds that have a status subresource) and everything else is taken from {@code input}.
     * A resourceVersion in {@code input} that is not the stored one gives 409 Conflict and changes nothing.
     * An object marked for deletion whose last finalizer is removed is deleted. A view's type is handled as in
     * {@link #create}.
     */
    public ObjectNode update(ResourceType served, String namespace, String name, ObjectNode input,
                             boolean statusOnly) {
        KindStrategy strategy = strategies.of(served);
        ResourceType type = strategies.storage(served);
        String ns = ns(type, namespace);
        return write(type, name, () -> {
            ObjectNode fast = DRY_RUN.get() ? null : updateFromCache(type, strategy, ns, name, input, statusOnly);
            if (fast != null) {
                return fast;
            }
            ResourceRows.Row row = repo.lock(type.kind(), ns, name)
                    .orElseThrow(() -> ApiException.notFound(type, name));
            ObjectNode old = toObject(row);
            String givenRv = Json.str(input, "metadata", "resourceVersion");
            if (givenRv != null && !givenRv.isEmpty() && !givenRv.equals(Long.toString(row.resourceVersion()))) {
                throw ApiException.conflict(type, name);
            }
            String givenUid = Json.str(input, "metadata", "uid");
            if (givenUid != null && !givenUid.isEmpty() && !givenUid.equals(row.uid())) {
                throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + givenUid
                        + ", UID in object meta: " + row.uid());
            }
            ObjectNode obj = updated(type, strategy, old, input, statusOnly);
            if (sameIgnoringVersion(obj, old)) {
                return old;
            }
            long rv = nextVersion(row.resourceVersion());
            Json.meta(obj).put("resourceVersion", Long.toString(rv));
            if (Json.isTerminating(obj) && finalizers(obj).isEmpty() && strategies.of(type).readyToRemove(obj)) {
                repo.delete(row.id());
                record(new WatchEvent("DELETED", type, obj, rv));
                return obj;
            }
            updateAndRecord(type, row, obj, rv);
            return obj;
        });
    }

    /**
     * The stored object {@code old} as {@code input} replaces it (or its status), defaulted and validated: 422
     * Invalid when the result is not acceptable.
     */
    private ObjectNode updated(ResourceType type, KindStrategy strategy, ObjectNode old, ObjectNode input,
                               boolean statusOnly) {
        ObjectNode obj;
        if (statusOnly) {
            obj = statusUpdate(old, input);
        } else {
            // Kubernetes decodes updates with defaulting too, so a replace that omits defaulted fields keeps them.
            ObjectNode desired = Json.copy(input);
            strategy.defaults(desired);
            obj = mainUpdate(type, old, desired);
        }
        List<FieldError> errors = new ArrayList<>();
        if (!statusOnly) {
            errors.addAll(MetadataValidation.validate(obj, strategy.nameIsDnsLabel(), strategy.nameIsPathSegment()));
        }
        errors.addAll(statusOnly ? strategy.validateStatus(obj, old) : strategy.validateUpdate(obj, old));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, Json.name(old), errors);
        }
        return obj;
    }

    /**
     * The common case of {@link #update} in one round trip, as the API server's {@code GuaranteedUpdate} builds on its
     * watch cache: the new object is computed from this instance's latest view of the old one (its own last write or
     * the informer cache) and stored only if the row is still at that version. Returns the stored object, or null when
     * the fast path does not apply (nothing cached, a precondition that does not match the view, a refusal, no change,
     * a deletion that completes) or the row has moved on; the caller then does the update under the row's lock,
     * which decides every such case against the stored row.
     */
    private ObjectNode updateFromCache(ResourceType type, KindStrategy strategy, String ns, String name,
                                       ObjectNode input, boolean statusOnly) {
        ObjectNode old = find(type, ns, name).orElse(null);
        String seen = old == null ? null : Json.str(old, "metadata", "resourceVersion");
        String givenRv = Json.str(input, "metadata", "resourceVersion");
        String givenUid = Json.str(input, "metadata", "uid");
        if (seen == null || (givenRv != null && !givenRv.isEmpty() && !givenRv.equals(seen))
                || (givenUid != null && !givenUid.isEmpty() && !givenUid.equals(Json.uid(old)))) {
            return null;
        }
        ObjectNode obj;
        try {
            obj = updated(type, strategy, old, input, statusOnly);
        } catch (ApiException refused) {
            return null; // Judged again against the stored row, which the view may be behind.
        }
        if (sameIgnoringVersion(obj, old)
                || (Json.isTerminating(obj) && finalizers(obj).isEmpty() && strategies.of(type).readyToRemove(obj))) {
            return null;
        }
        Json.meta(obj).put("resourceVersion", VERSION_PLACEHOLDER);
        String body = body(obj);
        versionTaken();
        Long rv = repo.updateAt(type.kind(), ns, name, Long.parseLong(seen), body, QUOTED_PLACEHOLDER,
                Json.namespace(obj));
        if (rv == null) {
            return null;
        }
        Json.meta(obj).put("resourceVersion", Long.toString(rv));
        LAST_WRITE.set(Math.max(LAST_WRITE.get(), rv));
        noteOwnWrite("MODIFIED", type, obj, rv, withVersion(body, rv));
        return obj;
    }

    /**
     * Kubernetes' {@code GuaranteedUpdate}, for a subresource that changes an object in a way an update may not: the
     * {@code pods/binding} subresource sets {@code spec.nodeName} and the {@code PodScheduled} condition in one write.
     * Under the row's lock, {@code tryUpdate} edits the stored object in place, or throws an {@link ApiException} to
     * refuse and change nothing. The edit is not checked by the kind's strategy (the registry's GuaranteedUpdate does
     * not check it either: the subresource validated its own body), but it is versioned, stored and announced as every
     * write is. A {@code preconditionUid} or {@code preconditionResourceVersion} (either may be null) that does not
     * match the stored object gives 409 Conflict; a missing object 404 NotFound.
     */
    public ObjectNode guaranteedUpdate(ResourceType type, String namespace, String name, String preconditionUid,
                                       String preconditionResourceVersion, Consumer<ObjectNode> tryUpdate) {
        String ns = ns(type, namespace);
        return write(type, name, () -> {
            ResourceRows.Row row = repo.lock(type.kind(), ns, name)
                    .orElseThrow(() -> ApiException.notFound(type, name));
            if (preconditionUid != null && !preconditionUid.isEmpty() && !preconditionUid.equals(row.uid())) {
                throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: " + preconditionUid
                        + ", UID in object meta: " + row.uid());
            }
            if (preconditionResourceVersion != null && !preconditionResourceVersion.isEmpty()
                    && !preconditionResourceVersion.equals(Long.toString(row.resourceVersion()))) {
                throw ApiException.conflict(type, name);
            }
            ObjectNode old = toObject(row);
            ObjectNode obj = Json.copy(old);
            tryUpdate.accept(obj);
            if (sameIgnoringVersion(obj, old)) {
                return old;
            }
            return replace(type, row, obj);
        });
    }

    /**
     * Reads the object, lets {@code change} edit it, and writes it back (status only when {@code statusOnly}),
     * retrying on conflicts. Returns the stored result, or empty when the object does not exist.
     */
    public Optional<ObjectNode> modify(ResourceType type, String namespace, String name, boolean statusOnly,
                                       Consumer<ObjectNode> change) {
        Optional<ObjectNode> current = find(type, namespace, name);
        for (int attempt = 0; ; attempt++) {
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
                if (e.code() != 409 || attempt >= 5) {
                    throw e;
                }
                if (STEPS.get() != null) {
                    // In a group the cache cannot pass the group's own versions before it commits: read the row.
                    current = stored(type, namespace, name);
                } else {
                    awaitLatest(); // The cached copy was stale: read again once the cache has caught up.
                    current = find(type, namespace, name);
                }
            }
        }
    }

    /**
     * Deletes the object as Kubernetes does: an object with finalizers (including the ones the propagation policy
     * adds), or one its kind's strategy gives a grace period (a scheduled pod) or holds (a Namespace with
     * spec.finalizers), is only marked with deletionTimestamp; anything else is removed at
     * once. Returns the object as it was last stored.
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        String ns = ns(type, namespace);
        DeleteOptions opts = options == null ? DeleteOptions.DEFAULT : options;
        return write(type, name, () -> {
            ResourceRows.Row row = repo.lock(type.kind(), ns, name)
                    .orElseThrow(() -> ApiException.notFound(type, name));
            ObjectNode obj = toObject(row);
            if (opts.preconditionUid() != null && !opts.preconditionUid().equals(row.uid())) {
                throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: "
                        + opts.preconditionUid() + ", UID in object meta: " + row.uid());
            }
            if (opts.preconditionResourceVersion() != null
                    && !opts.preconditionResourceVersion().equals(Long.toString(row.resourceVersion()))) {
                throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                        + opts.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                        + row.resourceVersion());
            }
            ObjectNode meta = Json.meta(obj);
            List<String> finalizers = new ArrayList<>(finalizers(obj));
            String policy = opts.propagationPolicy() != null ? opts.propagationPolicy()
                    : strategies.of(type).defaultGarbageCollectionPolicy();
            boolean alreadyTerminating = Json.isTerminating(obj);
            if (!alreadyTerminating) {
                if ("Orphan".equals(policy) && !finalizers.contains(FINALIZER_ORPHAN)) {
                    finalizers.add(FINALIZER_ORPHAN);
                } else if ("Foreground".equals(policy) && !finalizers.contains(FINALIZER_FOREGROUND)) {
                    finalizers.add(FINALIZER_FOREGROUND);
                }
            }
            KindStrategy strategy = strategies.of(type);
            strategy.validateDelete(obj);
            long grace = strategy.gracePeriodSeconds(obj, opts.gracePeriodSeconds());
            boolean graceful = grace > 0 || strategy.heldOnDelete(obj);
            if (!finalizers.isEmpty() || graceful) {
                if (!finalizers.isEmpty()) {
                    meta.set("finalizers", Json.stringArray(finalizers));
                }
                if (!alreadyTerminating) {
                    meta.put("deletionTimestamp", Json.time(now().plusSeconds(grace)));
                }
                long previousGrace = meta.has("deletionGracePeriodSeconds")
                        ? meta.get("deletionGracePeriodSeconds").asLong() : Long.MAX_VALUE;
                meta.put("deletionGracePeriodSeconds", Math.min(grace, previousGrace));
                if (!graceful && finalizers.isEmpty()) {
                    return remove(type, row, obj);
                }
                return replace(type, row, obj);
            }
            return remove(type, row, obj);
        });
    }

    /** Stores the new state of an existing row: a new resourceVersion, the row rewritten, the change recorded. */
    private ObjectNode replace(ResourceType type, ResourceRows.Row row, ObjectNode obj) {
        long rv = nextVersion(row.resourceVersion());
        Json.meta(obj).put("resourceVersion", Long.toString(rv));
        updateAndRecord(type, row, obj, rv);
        return obj;
    }

    private ObjectNode remove(ResourceType type, ResourceRows.Row row, ObjectNode obj) {
        long rv = nextVersion(row.resourceVersion());
        Json.meta(obj).put("resourceVersion", Long.toString(rv));
        if (!Json.isTerminating(obj)) {
            Json.meta(obj).put("deletionTimestamp", Json.time(now()));
            Json.meta(obj).put("deletionGracePeriodSeconds", 0);
        }
        repo.delete(row.id());
        record(new WatchEvent("DELETED", type, obj, rv));
        return obj;
    }

    private ObjectNode statusUpdate(ObjectNode old, ObjectNode input) {
        ObjectNode obj = Json.copy(old);
        JsonNode status = input.get("status");
        if (status == null || status.isNull()) {
            obj.remove("status");
        } else {
            obj.set("status", status.deepCopy());
        }
        return obj;
    }

    private ObjectNode mainUpdate(ResourceType type, ObjectNode old, ObjectNode input) {
        ObjectNode obj = Json.copy(input);
        obj.put("apiVersion", type.apiVersion());
        obj.put("kind", type.kind());
        ObjectNode meta = Json.meta(obj);
        ObjectNode oldMeta = Json.meta(Json.copy(old));
        for (String f : List.of("name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "generateName")) {
            if (oldMeta.has(f)) {
                meta.set(f, oldMeta.get(f));
            } else {
                meta.remove(f);
            }
        }
        meta.remove("managedFields");
        meta.remove("resourceVersion");
        dropEmptyMetadata(meta);
        if (type.hasSubresource("status")) {
            if (old.has("status")) {
                obj.set("status", old.get("status").deepCopy());
            } else {
                obj.remove("status");
            }
        }
        if (!Json.same(specOf(obj), specOf(old)) && meta.has("generation")) {
            meta.put("generation", meta.get("generation").asLong() + 1);
        }
        // Finalizers may only be removed, not added, once deletion started (as Kubernetes forbids).
        if (Json.isTerminating(old)) {
            List<String> kept = finalizers(obj).stream().filter(finalizers(old)::contains).toList();
            if (kept.isEmpty()) {
                meta.remove("finalizers");
            } else {
                meta.set("finalizers", Json.stringArray(kept));
            }
        }
        return obj;
    }

    /** Kubernetes omits empty labels, annotations, finalizers and ownerReferences. */
    private static void dropEmptyMetadata(ObjectNode meta) {
        for (String f : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
            JsonNode v = meta.get(f);
            if (v != null && (v.isNull() || ((v.isObject() || v.isArray()) && v.isEmpty()))) {
                meta.remove(f);
            }
        }
    }

    private static ObjectNode specOf(ObjectNode obj) {
        ObjectNode c = Json.copy(obj);
        c.remove("metadata");
        c.remove("status");
        return c;
    }

    private static boolean sameIgnoringVersion(ObjectNode a, ObjectNode b) {
        return Json.sameIgnoringMetadata(a, b, "resourceVersion");
    }

    public static List<String> finalizers(JsonNode obj) {
        return Json.strings(obj, "metadata", "finalizers");
    }

    /**
     * Appends a change to the database's change feed in the current transaction; every instance's cache, watches and
     * controllers receive it once the transaction commits. A dry run records nothing.
     */
    private void record(WatchEvent event) {
        if (DRY_RUN.get()) {
            return;
        }
        ObjectNode obj = event.object();
        String body = body(obj);
        repo.insertChange(event.resourceVersion(), event.type(), event.resourceType().kind(), Json.namespace(obj),
                Json.name(obj), body);
        LAST_WRITE.set(Math.max(LAST_WRITE.get(), event.resourceVersion()));
        noteOwnWrite(event.type(), event.resourceType(), obj, event.resourceVersion(), body);
    }

    /** A new version from the global sequence; a dry run keeps the object's own, as Kubernetes' dry runs do. */
    private long nextVersion(long current) {
        if (DRY_RUN.get()) {
            return current;
        }
        versionTaken();
        return repo.takeVersion();
    }

    /** Stores an updated row and records its MODIFIED change, in one statement unless this is a dry run. */
    private void updateAndRecord(ResourceType type, ResourceRows.Row row, ObjectNode obj, long rv) {
        if (DRY_RUN.get()) {
            repo.update(row.id(), rv, Json.write(obj));
            record(new WatchEvent("MODIFIED", type, obj, rv));
            return;
        }
        String body = body(obj);
        repo.updateWithChange(row.id(), rv, body, type.kind(), Json.namespace(obj), Json.name(obj));
        LAST_WRITE.set(Math.max(LAST_WRITE.get(), rv));
        noteOwnWrite("MODIFIED", type, obj, rv, body);
    }

    /**
     * Remembers a write of this transaction so that {@link #find} sees it once the transaction commits (a copy: the
     * caller keeps the object it gets back), and notes its change, with {@code stored}, the body as its row now holds
     * it, for this instance's feed ({@link #TX_CHANGES}). Nothing is remembered of a transaction that rolls back.
     */
    private void noteOwnWrite(String eventType, ResourceType type, ObjectNode obj, long rv, String stored) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        List<ChangeFeed.Committed> changes = TX_CHANGES.get();
        if (changes != null) {
            changes.add(new ChangeFeed.Committed(eventType, type, stored, rv));
        }
        String key = ownKey(type, ns(type, Json.namespace(obj)), Json.name(obj));
        OwnWrite write = new OwnWrite(rv, "DELETED".equals(eventType) ? null : Json.copy(obj));
        List<PendingWrite> steps = STEPS.get();
        if (steps != null) {
            steps.add(new PendingWrite(key, write)); // Dropped again if this step rolls back to its savepoint.
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                publish(key, write);
            }
        });
    }

    private void publish(String key, OwnWrite write) {
        if (write.version() > cache.version()) {
            ownWrites.merge(key, write, (a, b) -> a.version() >= b.version() ? a : b);
            ownByVersion.put(write.version(), key);
        }
    }

    private static String ownKey(ResourceType type, String namespace, String name) {
        return type.kind() + "/" + namespace + "/" + name;
    }

    /**
     * Notes that the current transaction takes (or may take) a version: when it ends, committed or rolled back, the
     * change feeds are woken ({@link ChangeFeed#writeEnded}), since they deliver nothing at or above a version still in
     * flight. Outside a transaction the statement ends on its own, and {@link #write} wakes them after it.
     */
    private void versionTaken() {
        if (VERSION_TAKEN.get()) {
            return;
        }
        VERSION_TAKEN.set(true);
        long seen = repo.highestTaken();
        SEEN_AT_BEGIN.set(seen);
        feed.writeBegan(seen);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TX_CHANGES.set(new ArrayList<>());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    List<ChangeFeed.Committed> changes = TX_CHANGES.get();
                    TX_CHANGES.remove();
                    VERSION_TAKEN.set(false);
                    if (status == STATUS_COMMITTED && changes != null) {
                        feed.writeEnded(seen, changes);
                    } else if (status == STATUS_ROLLED_BACK) {
                        feed.writeEnded(seen, List.of());
                    } else {
                        feed.writeEnded(seen);
                    }
                }
            });
        }
    }

    private <T> T write(ResourceType type, String name, java.util.function.Supplier<T> work) {
        presence.awaitWritable();
        boolean done = false;
        List<PendingWrite> steps = STEPS.get();
        int stepMark = steps == null ? 0 : steps.size();
        List<ChangeFeed.Committed> changes = TX_CHANGES.get();
        int changeMark = changes == null ? 0 : changes.size();
        try {
            // A step of a group rides on the group's transaction (its savepoint sent with its first statement).
            // A dry run is validated and computed in full, then rolled back: nothing stored, nothing announced.
            T stored = steps != null ? repo.step(() -> dryRunResult(work.get()), DRY_RUN.get()) : tx.execute(status -> {
                T result = dryRunResult(work.get());
                if (DRY_RUN.get()) {
                    status.setRollbackOnly();
                }
                return result;
            });
            done = true;
            return stored;
        } catch (DataIntegrityViolationException e) {
            throw refused(type, name, String.valueOf(e.getMostSpecificCause().getMessage()));
        } finally {
            if (!done && steps != null) {
                steps.subList(stepMark, steps.size()).clear();
                List<ChangeFeed.Committed> now = TX_CHANGES.get();
                if (now != null) {
                    // The step rolled back to its savepoint; a list begun in it holds only its changes.
                    now.subList(now == changes ? changeMark : 0, now.size()).clear();
                }
            }
            if (VERSION_TAKEN.get() && !TransactionSynchronizationManager.isSynchronizationActive()) {
                VERSION_TAKEN.set(false);
                feed.writeEnded(SEEN_AT_BEGIN.get());
            }
        }
    }

    /** A dry run's answer keeps no resourceVersion it never had. */
    private static <T> T dryRunResult(T result) {
        if (DRY_RUN.get() && result instanceof ObjectNode o && "0".equals(Json.str(o, "metadata", "resourceVersion"))) {
            Json.meta(o).remove("resourceVersion");
        }
        return result;
    }

    /**
     * Runs {@code steps}, calls of this store's write methods, in one transaction in which every write is a step of
     * its own: a write that fails is undone alone (a savepoint) and throws as it would have on its own, and the writes
     * that succeeded commit together when {@code steps} returns (one commit, one flush to disk, one wake-up of the
     * feeds), or not at all if it throws. Nobody else sees them until then; the group's own thread sees each at once
     * ({@link #find}, {@link #list}, and {@link #get} and conflict retries read the rows), as its transaction does.
     * For a controller pass whose writes are separate requests in Kubernetes, each of which may
     * fail alone (a StatefulSet's revision, claims, pods and status). Nested calls join the outer group.
     */
    public void writeInSteps(Runnable steps) {
        if (STEPS.get() != null || DRY_RUN.get()) {
            steps.run();
            return;
        }
        presence.awaitWritable();
        List<PendingWrite> written = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        STEPS.set(written);
        AFTER_STEPS.set(after);
        try {
            tx.executeWithoutResult(status -> {
                repo.beginGroup();
                try {
                    steps.run();
                } finally {
                    repo.endGroup();
                }
            });
        } finally {
            STEPS.remove();
            AFTER_STEPS.remove();
        }
        written.forEach(w -> publish(w.key(), w.write()));
        after.forEach(Runnable::run);
    }

    @Override
    public void afterSteps(Runnable action) {
        List<Runnable> after = AFTER_STEPS.get();
        if (after == null) {
            action.run();
        } else {
            after.add(action);
        }
    }

    /**
     * Runs {@code writes}, calls of this store's write methods, in one transaction: they commit together (one
     * commit, one flush to disk, one wake-up of the feeds) or not at all, and then the exception is thrown. For
     * writes that need not become visible one by one, as a batch of events; each still gets its own
     * resourceVersion.
     */
    public void writeTogether(Runnable writes) {
        presence.awaitWritable();
        tx.executeWithoutResult(status -> writes.run());
    }

    /**
     * As {@link #writeTogether}, for writes that are best effort, as Kubernetes treats events: the commit does not
     * wait for the disk (PostgreSQL's {@code synchronous_commit = off} for this transaction). It is visible, delivered
     * and ordered as any other, and a crash may lose it only together with what committed after it without waiting
     * either: every durable commit flushes the log up to itself, so a write that waited for the disk never survives
     * a best-effort one made before it.
     */
    public void writeTogetherBestEffort(Runnable writes) {
        writeTogether(() -> {
            if (!DRY_RUN.get()) {
                repo.commitWithoutWaitingForDisk();
            }
            writes.run();
        });
    }

    /**
     * What a write refused by a database invariant answers, from the violation's message or constraint name: 409
     * AlreadyExists for a taken name ({@code resource_identity}), else 409 Conflict naming the invariant.
     */
    private static ApiException refused(ResourceType type, String name, String violation) {
        if (violation.contains("resource_identity")) {
            return ApiException.alreadyExists(type, name);
        }
        return ApiException.conflict(type, name, "a database invariant refused the write: " + constraintOf(violation));
    }

    private static String constraintOf(String msg) {
        for (String c : List.of("pv_bound_to_one_claim", "pvc_bound_to_one_volume", "volume_attached_to_one_node")) {
            if (msg.contains(c)) {
                return c;
            }
        }
        return "unique constraint";
    }

    /**
     * The body to store: the object in Kubernetes' field order, so that the change feed can keep the body it reads as
     * the serialized object instead of writing it again.
     */
    private static String body(ObjectNode obj) {
        return Json.write(Json.canonical(obj));
    }

    /**
     * A body sent with the version placeholder as the database stores it: the version in its place, as the write's
     * statement puts it there.
     */
    private static String withVersion(String sent, long rv) {
        return sent.replace(QUOTED_PLACEHOLDER, "\"" + rv + "\"");
    }

    /** The object as its row holds it, read in the current transaction (a group's own writes included). */
    private Optional<ObjectNode> stored(ResourceType type, String namespace, String name) {
        return repo.find(type.kind(), ns(type, namespace), name).map(ResourceStore::toObject);
    }

    private static String ns(ResourceType type, String namespace) {
        return type.namespaced() ? (namespace == null ? "default" : namespace) : "";
    }

    private Instant now() {
        return clock.instant();
    }

    static ObjectNode toObject(ResourceRows.Row e) {
        return Json.canonical(Json.parse(e.body()));
    }
}
