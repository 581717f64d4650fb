package dev.ordinal.crd;

import java.util.ArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ScalePaths;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.JsonNode;

/**
 * Finds the custom kinds among the registered ones: a kind registered for an established CRD carries a
 * {@link CustomResourceStrategy}, which holds what its CRD says. The {@link KindRegistry} stays the one place that
 * knows which kinds are served.
 */
public final class CustomKinds {
    private CustomKinds() {
    }

    /** The custom kind of a definition, if it is one. */
    public static Optional<CustomKind> of(KindDefinition def) {
        return def.strategy() instanceof CustomResourceStrategy s ? Optional.of(s.kind()) : Optional.empty();
    }

    /** The custom kind registered for a type, if the type is one. */
    public static Optional<CustomKind> of(KindRegistry kinds, ResourceType type) {
        return kinds.find(type.group(), type.version(), type.kind()).flatMap(CustomKinds::of);
    }

    /** The custom kind called {@code kind}, in whatever group. */
    public static Optional<CustomKind> byKind(KindRegistry kinds, String kind) {
        return kinds.findByKind(kind).flatMap(CustomKinds::of);
    }

    /** Every custom kind served. */
    public static List<CustomKind> all(KindRegistry kinds) {
        return kinds.stored().stream().map(CustomKinds::of).flatMap(Optional::stream).toList();
    }

    /**
     * The definitions a CRD is served with: its storage version's, which owns the objects, then one per other served
     * version, a view of the storage version's objects ({@link KindDefinition#storedAs}) with its own schema, columns
     * and strategy. With conversion {@code None} only the apiVersion differs between versions.
     */
    public static List<KindDefinition> definitions(JsonNode crd) {
        List<CustomKind> served = CustomKind.served(crd);
        ResourceType storage = served.get(0).type();
        List<KindDefinition> defs = new ArrayList<>(List.of(definition(served.get(0))));
        for (CustomKind view : served.subList(1, served.size())) {
            defs.add(definition(view).toBuilder().storedAs(storage).build());
        }
        return List.copyOf(defs);
    }

    /** The custom kinds registered for the CRD called {@code crdName}, storage version first. */
    public static List<CustomKind> ofCrd(KindRegistry kinds, String crdName) {
        return kinds.all().stream().map(CustomKinds::of).flatMap(Optional::stream)
                .filter(k -> k.crdName().equals(crdName)).toList();
    }

    /** The definition a custom kind is registered with: its strategy, schema, columns and field selectors. */
    public static KindDefinition definition(CustomKind kind) {
        return KindDefinition.builder(kind.type())
                .strategy(new CustomResourceStrategy(kind))
                .schema(CrdOpenApi.nameOf(kind.type()), CrdOpenApi.kindSchema(kind))
                .schemas(java.util.Map.of(CrdOpenApi.nameOf(kind.type()) + "List", CrdOpenApi.list(kind.type())))
                .columns(PrinterColumns.of(kind))
                .fieldSelectors(kind.selectableFields().toArray(String[]::new))
                .tracksGeneration(true)
                .strategicMergePatch(false)
                .scalePaths(kind.scale().map(s -> new ScalePaths(s.path("specReplicasPath").asString(""),
                        s.path("statusReplicasPath").asString(""), s.path("labelSelectorPath").asString(""))).orElse(null))
                .unknownFieldFinder(copy -> SchemaPruner.prune(kind.schema(), copy))
                .build();
    }
}
