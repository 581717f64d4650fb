package dev.ordinal.controller;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.reconcile.Key;
import dev.ordinal.store.WatchEvent;
import tools.jackson.databind.JsonNode;

/**
 * A reconciler's wake-up rules, declared as controller-runtime's builder declares them rather than written by hand:
 * {@code For(primary)} (a change of a primary object wakes its own key), {@code Owns(kind)} (a change of an object
 * whose controller reference names a primary wakes that owner), orphans a controller may adopt, and other changes
 * mapped to keys by a function ({@code Watches(kind, handler.EnqueueRequestsFromMapFunc)}). Built once per
 * reconciler; {@link #keysFor} is its {@code Reconciler.keysFor}.
 */
public final class Watches {
    private final ResourceType primary;
    private final List<ResourceType> owned = new ArrayList<>();
    private final Map<ResourceType, Function<WatchEvent, Collection<Key>>> orphans = new LinkedHashMap<>();
    private final Map<ResourceType, Function<WatchEvent, Collection<Key>>> others = new LinkedHashMap<>();

    private Watches(ResourceType primary) {
        this.primary = primary;
    }

    /** {@code For(primary)}: the primary kind, whose changes wake their own key. */
    public static Watches forPrimary(ResourceType primary) {
        return new Watches(primary);
    }

    /** {@code Owns(kind)}: objects of this kind controlled by a primary wake their controller. */
    public Watches owns(ResourceType kind) {
        owned.add(kind);
        return this;
    }

    /**
     * Orphans of this kind (no controller reference at all), which a primary may adopt, wake the keys {@code mapper}
     * names (the primaries whose selector would claim them).
     */
    public Watches adoptsOrphans(ResourceType kind, Function<WatchEvent, Collection<Key>> mapper) {
        orphans.put(kind, mapper);
        return this;
    }

    /**
     * Any other change of this kind — one not already routed to a controlling primary — wakes the keys
     * {@code mapper} names.
     */
    public Watches watches(ResourceType kind, Function<WatchEvent, Collection<Key>> mapper) {
        others.put(kind, mapper);
        return this;
    }

    /** The keys a committed change wakes, by the declared rules, each once. */
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        JsonNode obj = event.object();
        if (type.equals(primary)) {
            return List.of(Key.of(obj));
        }
        JsonNode controller = Json.controllerRef(obj);
        if (owned.contains(type) && controller != null && primary.kind().equals(Json.str(controller, "kind"))) {
            return List.of(new Key(Json.namespace(obj), Json.str(controller, "name")));
        }
        Collection<Key> keys = new LinkedHashSet<>();
        if (controller == null && orphans.containsKey(type)) {
            keys.addAll(orphans.get(type).apply(event));
        }
        if (others.containsKey(type)) {
            keys.addAll(others.get(type).apply(event));
        }
        return keys.isEmpty() ? List.of() : List.copyOf(keys);
    }
}
