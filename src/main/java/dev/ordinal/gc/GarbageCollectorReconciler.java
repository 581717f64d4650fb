package dev.ordinal.gc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.gc.GarbageCollectorPlanner.Decision;
import dev.ordinal.gc.GarbageCollectorPlanner.OwnerState;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' garbage collector for every kind, without its in-memory graph: ownership is read from the store
 * (ownerReferences are indexed by owner uid), so every pass decides from the committed state.
 *
 * <p>Keys. The runtime's {@link Key} holds a namespace and a name; this reconciler encodes the kind into the name:
 * <ul>
 * <li>{@code Kind/name} (for example {@code PersistentVolumeClaim/www-nginx-0}) is one object of any kind, checked
 * both as a dependent (are its owners gone?) and as an owner (is it being deleted in the foreground or with
 * orphaning?);</li>
 * <li>{@code deleted/<uid>} (namespace "") is an owner that is gone: every object that references the uid is
 * checked as a dependent. Looking the dependents up in the pass rather than in {@link #keysFor} keeps the change
 * feed, which runs on the writer's thread, free of queries.</li>
 * </ul>
 *
 * <p>Wake-ups ({@link #keysFor}): a deleted object wakes {@code deleted/<uid>} and its own owners (a foreground owner
 * waits for exactly that); an object marked for deletion with the {@code orphan} or {@code foregroundDeletion}
 * finalizer wakes itself; an added or changed object with ownerReferences wakes itself (it may have been created or
 * adopted by a controller that raced its owner's deletion). Kinds whose definition says
 * {@code ignoredByGarbageCollector} (events) wake nothing. {@link #resyncKeys} — every owned object and every owner
 * with one of those finalizers — is what the runtime's resync and {@link GarbageCollectorSweep} re-enqueue, as the
 * safety net.
 *
 * <p>The collector names no kind: what is particular to one (events ignored, a StatefulSet's pods left to its
 * controller) is declared on the kinds' definitions.
 *
 * <p>Policies, as the API sets them up through {@link ResourceStore#delete}:
 * <ul>
 * <li>Background (default): the owner is removed at once; each dependent whose owners are all gone is deleted, and a
 * dependent that keeps another owner only loses the dangling reference.</li>
 * <li>Foreground: the owner stays with {@code foregroundDeletion}; its dependents are deleted (in the foreground
 * themselves when they have dependents), and once none that has {@code blockOwnerDeletion} is left the finalizer
 * is removed, which removes the owner.</li>
 * <li>Orphan: the owner stays with {@code orphan}; its reference is removed from every dependent, then the finalizer.</li>
 * </ul>
 * Deletions go through {@link ResourceStore#delete} with the dependent's uid as precondition, so a pod on a node
 * terminates gracefully and an object re-created under the same name is never hit.
 */
@Component
public class GarbageCollectorReconciler implements Reconciler {
    public static final String NAME = "garbagecollector";
    static final String DELETED_PREFIX = "deleted/";

    private final ResourceStore store;
    private final KindRegistry kinds;

    public GarbageCollectorReconciler(ResourceStore store, KindRegistry kinds) {
        this.store = store;
        this.kinds = kinds;
    }

    /** The stored kind an object or owner reference names, if registered. */
    private Optional<ResourceType> typeOf(String kind) {
        return kinds.findByKind(kind).map(KindDefinition::type);
    }

    private ResourceType typeOfObject(JsonNode obj) {
        return typeOf(Json.kind(obj)).orElseThrow(() -> new IllegalArgumentException("unknown kind " + Json.kind(obj)));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** None: the collector's keys are objects of every kind; it overrides {@link #resyncKeys} and {@link #keysFor}. */
    @Override
    public ResourceType primaryType() {
        return null;
    }

    /** The key of one object: its namespace and {@code Kind/name}. */
    public static Key keyOf(ResourceType type, String namespace, String name) {
        String ns = type.namespaced() ? namespace : "";
        return new Key(ns, type.kind() + "/" + name);
    }

    /**
     * Every object with ownerReferences and every object being deleted with the {@code orphan} or
     * {@code foregroundDeletion} finalizer, from the informer cache, except those of kinds the collector ignores.
     */
    @Override
    public Collection<Key> resyncKeys(ObjectCache cache) {
        Set<Key> keys = new LinkedHashSet<>();
        for (ObjectNode obj : cache.withOwners()) {
            keyOfObject(obj).ifPresent(keys::add);
        }
        for (ObjectNode obj : cache.terminating()) {
            if (GarbageCollectorPlanner.ownerWork(obj) != GarbageCollectorPlanner.OwnerWork.NONE) {
                kinds.findByKind(Json.kind(obj)).filter(d -> !d.ignoredByGarbageCollector())
                        .ifPresent(d -> keys.add(keyOf(d.type(), Json.namespace(obj), Json.name(obj))));
            }
        }
        return keys;
    }

    private Optional<Key> keyOfObject(JsonNode obj) {
        return typeOf(Json.kind(obj)).map(t -> keyOf(t, Json.namespace(obj), Json.name(obj)));
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        if (kinds.find(type.group(), type.version(), type.kind())
                .map(KindDefinition::ignoredByGarbageCollector).orElse(false)) {
            return List.of();
        }
        JsonNode obj = event.object();
        List<JsonNode> refs = Json.list(obj, "metadata", "ownerReferences");
        List<Key> keys = new ArrayList<>();
        if ("DELETED".equals(event.type())) {
            keys.add(new Key("", DELETED_PREFIX + Json.uid(obj)));
            for (JsonNode ref : refs) {
                typeOf(Json.str(ref, "kind"))
                        .ifPresent(t -> keys.add(keyOf(t, Json.namespace(obj), Json.str(ref, "name"))));
            }
            return keys;
        }
        boolean ownerWork = GarbageCollectorPlanner.ownerWork(obj) != GarbageCollectorPlanner.OwnerWork.NONE;
        if (ownerWork || (!refs.isEmpty() && !Json.isTerminating(obj))) {
            keys.add(keyOf(type, Json.namespace(obj), Json.name(obj)));
        }
        return keys;
    }

    @Override
    public Result reconcile(Key key) {
        if (key.name().startsWith(DELETED_PREFIX)) {
            for (ObjectNode dependent : store.dependentsOf(key.name().substring(DELETED_PREFIX.length()))) {
                attemptToDelete(dependent);
            }
            return Result.DONE;
        }
        int slash = key.name().indexOf('/');
        Optional<ResourceType> type = slash < 0 ? Optional.empty() : typeOf(key.name().substring(0, slash));
        if (type.isEmpty()) {
            return Result.DONE;
        }
        Optional<ObjectNode> obj = store.find(type.get(), key.namespace(), key.name().substring(slash + 1));
        if (obj.isEmpty()) {
            return Result.DONE;
        }
        switch (GarbageCollectorPlanner.ownerWork(obj.get())) {
            case ORPHAN -> orphanDependents(obj.get());
            case FOREGROUND -> deleteDependents(obj.get());
            case NONE -> attemptToDelete(obj.get());
        }
        return Result.DONE;
    }

    /** Checks one object's owners and deletes it, or strips its dangling references, as the planner decides. */
    private void attemptToDelete(ObjectNode dependent) {
        List<JsonNode> refs = Json.list(dependent, "metadata", "ownerReferences");
        if (refs.isEmpty() || Json.isTerminating(dependent)) {
            return;
        }
        Map<String, OwnerState> owners = new LinkedHashMap<>();
        for (JsonNode ref : refs) {
            String uid = Json.str(ref, "uid");
            Optional<ObjectNode> owner = store.findByUid(uid);
            if (owner.isEmpty()) {
                // Absent from the cache: confirm with a read as fresh as the database before acting on it, as
                // Kubernetes' collector confirms a missing owner with a live lookup.
                store.awaitLatest();
                owner = store.findByUid(uid);
            }
            owners.put(uid, GarbageCollectorPlanner.stateOf(owner.orElse(null)));
        }
        boolean hasDependents = owners.containsValue(OwnerState.DELETING_DEPENDENTS)
                && !store.dependentsOf(Json.uid(dependent)).isEmpty();
        Decision decision = GarbageCollectorPlanner.forDependent(dependent, owners, hasDependents,
                orderedByController(dependent));
        ResourceType type = typeOfObject(dependent);
        String ns = Json.namespace(dependent);
        String name = Json.name(dependent);
        String uid = Json.uid(dependent);
        if (decision instanceof Decision.RemoveOwnerRefs r) {
            store.modify(type, ns, name, false, o -> {
                if (Objects.equals(Json.uid(o), uid)) {
                    GarbageCollectorPlanner.removeOwnerRefs(o, r.uids());
                }
            });
        } else if (decision instanceof Decision.Delete d) {
            try {
                store.delete(type, ns, name, new DeleteOptions(d.propagationPolicy(), null, uid, null));
            } catch (ApiException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
                // Gone already, or a new object of the same name: nothing of the old one is left to collect.
            }
        }
    }

    /** The kinds of dependents the dependent's controller's kind deletes itself, in its own order; usually none. */
    private Set<String> orderedByController(JsonNode dependent) {
        JsonNode ctrl = Json.controllerRef(dependent);
        return ctrl == null ? Set.of() : kinds.findByKind(Json.str(ctrl, "kind"))
                .map(KindDefinition::orderedDependents).orElse(Set.of());
    }

    /** Orphan: every dependent loses its reference to the owner, then the owner loses its {@code orphan} finalizer. */
    private void orphanDependents(ObjectNode owner) {
        String ownerUid = Json.uid(owner);
        for (ObjectNode dependent : store.dependentsOf(ownerUid)) {
            String uid = Json.uid(dependent);
            store.modify(typeOfObject(dependent), Json.namespace(dependent), Json.name(dependent),
                    false, o -> {
                        if (Objects.equals(Json.uid(o), uid)) {
                            GarbageCollectorPlanner.removeOwnerRefs(o, java.util.Set.of(ownerUid));
                        }
                    });
        }
        removeFinalizer(owner, ResourceStore.FINALIZER_ORPHAN);
    }

    /**
     * Foreground: deletes the owner's dependents that are not being deleted yet, and removes the
     * {@code foregroundDeletion} finalizer once no dependent that blocks the owner's deletion exists.
     */
    private void deleteDependents(ObjectNode owner) {
        String ownerUid = Json.uid(owner);
        for (ObjectNode dependent : store.dependentsOf(ownerUid)) {
            attemptToDelete(dependent);
        }
        if (GarbageCollectorPlanner.foregroundDone(ownerUid, store.dependentsOf(ownerUid))) {
            removeFinalizer(owner, ResourceStore.FINALIZER_FOREGROUND);
        }
    }

    private void removeFinalizer(ObjectNode owner, String finalizer) {
        String uid = Json.uid(owner);
        store.modify(typeOfObject(owner), Json.namespace(owner), Json.name(owner), false, o -> {
            if (Objects.equals(Json.uid(o), uid)) {
                GarbageCollectorPlanner.removeFinalizer(o, finalizer);
            }
        });
    }
}
