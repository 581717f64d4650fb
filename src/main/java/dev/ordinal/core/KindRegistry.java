package dev.ordinal.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ordinal.api.ResourceType;
import org.springframework.stereotype.Component;

/**
 * The kinds Ordinal serves, looked up at run time by group/version/kind, by group/version/plural or by short name.
 * The built-in kinds are the {@link KindDefinition} beans of their packages, registered at start-up in their bean
 * order; CustomResourceDefinitions {@link #register} and {@link #withdraw} kinds while the server runs.
 *
 * <p>Thread-safe: every change publishes a new immutable snapshot, so readers never lock and always see a whole
 * registry. Each change bumps {@link #generation()} and tells the {@link Listener}s, so that caches built from the
 * registry (discovery, OpenAPI) can rebuild.
 */
@Component
public class KindRegistry {
    private final Object writeLock = new Object();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), 0);

    /** Registers the built-in kinds, in order. */
    public KindRegistry(List<KindDefinition> builtIns) {
        builtIns.forEach(this::register);
    }

    /** A registry of exactly these kinds (tests and tools). */
    public static KindRegistry of(KindDefinition... kinds) {
        return new KindRegistry(List.of(kinds));
    }

    /** Told after a kind is registered or withdrawn. */
    @FunctionalInterface
    public interface Listener {
        void changed(Change change);
    }

    /**
     * One change to the registry.
     *
     * @param kind       the kind registered or withdrawn
     * @param registered true for a registration, false for a withdrawal
     * @param generation the registry's generation after the change
     */
    public record Change(KindDefinition kind, boolean registered, long generation) {
    }

    /**
     * Adds a kind. Its group/version/kind, its group/version/plural and its short names must be new (a kind whose
     * objects are a view of another's may share that kind's short names), else an IllegalArgumentException.
     */
    public void register(KindDefinition def) {
        Change change;
        synchronized (writeLock) {
            Snapshot s = snapshot;
            ResourceType t = def.type();
            if (s.find(t.group(), t.version(), t.kind()).isPresent()) {
                throw new IllegalArgumentException("kind " + t.kind() + " is already registered in " + t.apiVersion());
            }
            if (s.findByResource(t.group(), t.version(), t.plural()).isPresent()) {
                throw new IllegalArgumentException("resource " + t.plural() + " is already registered in "
                        + t.apiVersion());
            }
            if (def.stored()) {
                for (String shortName : t.shortNames()) {
                    s.findByShortName(shortName).filter(KindDefinition::stored).ifPresent(other -> {
                        throw new IllegalArgumentException("short name " + shortName + " is already taken by "
                                + other.type().qualifiedResource());
                    });
                }
            }
            List<KindDefinition> kinds = new ArrayList<>(s.kinds);
            kinds.add(def);
            snapshot = new Snapshot(kinds, s.generation + 1);
            change = new Change(def, true, s.generation + 1);
        }
        notifyListeners(change);
    }

    /** Removes the kind of a group, version and kind; false if it was not registered. */
    public boolean withdraw(String group, String version, String kind) {
        Change change;
        synchronized (writeLock) {
            Snapshot s = snapshot;
            Optional<KindDefinition> def = s.find(group, version, kind);
            if (def.isEmpty()) {
                return false;
            }
            List<KindDefinition> kinds = new ArrayList<>(s.kinds);
            kinds.remove(def.get());
            snapshot = new Snapshot(kinds, s.generation + 1);
            change = new Change(def.get(), false, s.generation + 1);
        }
        notifyListeners(change);
        return true;
    }

    /** Removes a kind; false if it was not registered. */
    public boolean withdraw(ResourceType type) {
        return withdraw(type.group(), type.version(), type.kind());
    }

    private void notifyListeners(Change change) {
        for (Listener l : listeners) {
            l.changed(change);
        }
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Counts the changes since start-up: a cache built at generation g is current while this is still g. */
    public long generation() {
        return snapshot.generation;
    }

    /** Every kind served, in registration order. */
    public List<KindDefinition> all() {
        return snapshot.kinds;
    }

    /** The kinds with objects of their own (not views of another kind's objects), in registration order. */
    public List<KindDefinition> stored() {
        return snapshot.kinds.stream().filter(KindDefinition::stored).toList();
    }

    /** The definition of a served type; an IllegalArgumentException if it is not (or no longer) registered. */
    public KindDefinition get(ResourceType type) {
        return find(type.group(), type.version(), type.kind())
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + type.kind() + " in "
                        + type.apiVersion()));
    }

    public Optional<KindDefinition> find(String group, String version, String kind) {
        return snapshot.find(group, version, kind);
    }

    /** The kind served at a group, version and plural resource name. */
    public Optional<KindDefinition> findByResource(String group, String version, String plural) {
        return snapshot.findByResource(group, version, plural);
    }

    /** The stored kind called {@code kind} in any group (kinds are unique across groups among stored kinds). */
    public Optional<KindDefinition> findByKind(String kind) {
        return snapshot.kinds.stream().filter(d -> d.stored() && d.type().kind().equals(kind)).findFirst();
    }

    /** The stored kind of an {@code apiVersion} and {@code kind}, as objects and owner references name them. */
    public Optional<KindDefinition> findByApiVersion(String apiVersion, String kind) {
        if (apiVersion == null) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? find("", apiVersion, kind)
                : find(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }

    /** The kind a short name ({@code sts}) stands for; stored kinds come first. */
    public Optional<KindDefinition> findByShortName(String shortName) {
        return snapshot.findByShortName(shortName);
    }

    /** The groups served ("" for core), in the order their first kind was registered. */
    public List<String> groups() {
        return snapshot.kinds.stream().map(d -> d.type().group()).distinct().toList();
    }

    /** The versions served in a group, in registration order. */
    public List<String> versions(String group) {
        return snapshot.kinds.stream().filter(d -> d.type().group().equals(group)).map(d -> d.type().version())
                .distinct().toList();
    }

    /** The kinds of one group version, in registration order. */
    public List<KindDefinition> kinds(String group, String version) {
        return snapshot.kinds.stream()
                .filter(d -> d.type().group().equals(group) && d.type().version().equals(version)).toList();
    }

    /** One immutable state of the registry, indexed for the lookups. */
    private static final class Snapshot {
        private final List<KindDefinition> kinds;
        private final long generation;
        private final Map<String, KindDefinition> byKind = new LinkedHashMap<>();
        private final Map<String, KindDefinition> byResource = new LinkedHashMap<>();
        private final Map<String, KindDefinition> byShortName = new LinkedHashMap<>();

        Snapshot(List<KindDefinition> kinds, long generation) {
            this.kinds = List.copyOf(kinds);
            this.generation = generation;
            for (KindDefinition d : this.kinds) {
                ResourceType t = d.type();
                byKind.put(key(t.group(), t.version(), t.kind()), d);
                byResource.put(key(t.group(), t.version(), t.plural()), d);
            }
            for (KindDefinition d : this.kinds) {
                if (d.stored()) {
                    d.type().shortNames().forEach(n -> byShortName.putIfAbsent(n, d));
                }
            }
            for (KindDefinition d : this.kinds) {
                d.type().shortNames().forEach(n -> byShortName.putIfAbsent(n, d));
            }
        }

        private static String key(String group, String version, String name) {
            return group + "/" + version + "/" + name;
        }

        Optional<KindDefinition> find(String group, String version, String kind) {
            return Optional.ofNullable(byKind.get(key(group, version, kind)));
        }

        Optional<KindDefinition> findByResource(String group, String version, String plural) {
            return Optional.ofNullable(byResource.get(key(group, version, plural)));
        }

        Optional<KindDefinition> findByShortName(String shortName) {
            return Optional.ofNullable(byShortName.get(shortName));
        }
    }
}
