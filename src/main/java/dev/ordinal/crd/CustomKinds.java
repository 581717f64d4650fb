package dev.ordinal.crd;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.api.ResourceType;

/**
 * The custom kinds currently served, by kind name. The generic API machinery that looks kinds up statically
 * ({@link dev.ordinal.api.ResourceTypes}, paths, unknown fields, scale, columns, field selectors) reads this; the
 * {@link dev.ordinal.core.KindRegistry} gets the same kinds registered beside it. Kind names are unique across
 * groups among stored kinds (the resource table's identity is kind, namespace, name), so a CRD whose kind another
 * group already serves is not accepted.
 */
public final class CustomKinds {
    private static final Map<String, CustomKind> BY_KIND = new ConcurrentHashMap<>();

    private CustomKinds() {
    }

    public static void put(CustomKind kind) {
        BY_KIND.put(kind.type().kind(), kind);
    }

    public static void remove(String kind) {
        BY_KIND.remove(kind);
    }

    /** Forgets every custom kind (a new application context starts from its own database). */
    public static void clear() {
        BY_KIND.clear();
    }

    public static Optional<CustomKind> byKind(String kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /** The custom kind of a type, if the type is one (same group and kind). */
    public static Optional<CustomKind> of(ResourceType type) {
        CustomKind k = BY_KIND.get(type.kind());
        return k != null && k.type().group().equals(type.group()) ? Optional.of(k) : Optional.empty();
    }

    public static List<ResourceType> types() {
        return BY_KIND.values().stream().map(CustomKind::type)
                .sorted(java.util.Comparator.comparing(ResourceType::group).thenComparing(ResourceType::plural))
                .toList();
    }
}
