package dev.ordinal.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything Ordinal knows about one kind, in one immutable value: its names and scope ({@link ResourceType}), its
 * OpenAPI schema, its write-path strategy, its Table columns, the fields it can be selected by, its subresources,
 * whether it tracks {@code metadata.generation} and the verbs it serves. Built-in kinds declare theirs in their own
 * package ({@code @Bean KindDefinition}); CustomResourceDefinitions register theirs at run time in the
 * {@link KindRegistry}. Build one with {@link #builder(ResourceType)}.
 */
public final class KindDefinition {
    /** The verbs of a stored kind. */
    public static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private final ResourceType type;
    private final ResourceType storedAs;
    private final KindStrategy strategy;
    private final String schemaName;
    private final ObjectNode schema;
    private final Map<String, ObjectNode> schemas;
    private final List<Column> columns;
    private final Set<String> fieldSelectors;
    private final List<Subresource> subresources;
    private final boolean tracksGeneration;
    private final List<String> verbs;
    private final boolean prunesBySchema;
    private final boolean strategicMergePatch;
    private final ScalePaths scalePaths;
    private final UnknownFieldFinder unknownFields;
    private final List<ObjectIndex> indexes;
    private final Function<JsonNode, String> scaleSelector;
    private final Map<String, Function<JsonNode, String>> fieldValues;
    private final ProtobufFields protobufFields;
    private final boolean ignoredByGarbageCollector;
    private final Set<String> orderedDependents;

    private KindDefinition(Builder b) {
        this.type = b.type;
        this.storedAs = b.storedAs;
        this.strategy = b.strategy != null ? b.strategy : () -> b.type;
        this.schemaName = b.schemaName;
        this.schema = b.schema;
        this.schemas = Map.copyOf(b.schemas);
        this.columns = List.copyOf(b.columns);
        this.fieldSelectors = Set.copyOf(b.fieldSelectors);
        List<Subresource> subs = new ArrayList<>(b.subresources);
        this.subresources = List.copyOf(subs);
        this.tracksGeneration = b.tracksGeneration;
        this.verbs = List.copyOf(b.verbs);
        this.prunesBySchema = b.prunesBySchema;
        this.strategicMergePatch = b.strategicMergePatch;
        this.scalePaths = b.scalePaths;
        this.unknownFields = b.unknownFields;
        this.indexes = List.copyOf(b.indexes.values());
        this.scaleSelector = b.scaleSelector;
        this.fieldValues = Map.copyOf(b.fieldValues);
        this.protobufFields = b.protobufFields;
        this.ignoredByGarbageCollector = b.ignoredByGarbageCollector;
        this.orderedDependents = Set.copyOf(b.orderedDependents);
    }

    /** A builder for {@code type}'s definition; {@code status} and {@code scale} follow the type's subresources. */
    public static Builder builder(ResourceType type) {
        return new Builder(type);
    }

    /** The kind's names, scope and group version. */
    public ResourceType type() {
        return type;
    }

    /** The kind whose objects this one is a view of (events.k8s.io Event of core/v1 Event), or empty if stored. */
    public Optional<ResourceType> storedAs() {
        return Optional.ofNullable(storedAs);
    }

    /** Whether the kind has objects of its own, with a cache, a write path and a place in namespace deletion. */
    public boolean stored() {
        return storedAs == null;
    }

    /** Its defaults, validation and delete behaviour; plain behaviour for a kind that declared none. */
    public KindStrategy strategy() {
        return strategy;
    }

    /** The OpenAPI definition name of the kind, e.g. {@code io.k8s.api.apps.v1.StatefulSet}, or empty. */
    public Optional<String> schemaName() {
        return Optional.ofNullable(schemaName);
    }

    /**
     * The kind's OpenAPI v3 schema (its {@code $ref}s point into {@link #schemas()} or into other kinds' schemas),
     * or empty when none is declared.
     */
    public Optional<ObjectNode> schema() {
        return Optional.ofNullable(schema);
    }

    /** The named OpenAPI schemas this kind contributes to the documents (the kind, its list, their parts). */
    public Map<String, ObjectNode> schemas() {
        return schemas;
    }

    /** Its Table columns, in order; empty for the default Name and Age. */
    public List<Column> columns() {
        return columns;
    }

    /** The fields it can be selected by besides {@code metadata.name} and {@code metadata.namespace}. */
    public Set<String> fieldSelectors() {
        return fieldSelectors;
    }

    /** The subresources it serves, in discovery order. */
    public List<Subresource> subresources() {
        return subresources;
    }

    /** The subresource called {@code name}, if served. */
    public Optional<Subresource> subresource(String name) {
        return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Whether a spec change bumps {@code metadata.generation} (workloads and budgets). */
    public boolean tracksGeneration() {
        return tracksGeneration;
    }

    /** The verbs it serves. */
    public List<String> verbs() {
        return verbs;
    }

    /**
     * Whether the kind is defined by its schema alone, as a custom resource is: the schema is structural and prunes
     * the kind's objects on every write. Every kind's unknown fields, field types and patch strategies are read from
     * its schema ({@link StructuralSchema}, {@link SchemaNode}); this says only that no Go type stands behind it (so,
     * for example, its group's versions are ordered by Kubernetes' version priority).
     */
    public boolean prunesBySchema() {
        return prunesBySchema;
    }

    /**
     * Whether {@code application/strategic-merge-patch+json} applies to the kind. Built-in kinds carry patch strategies
     * in their schemas; custom kinds have none, and the API server refuses the patch type for them with 415.
     */
    public boolean strategicMergePatch() {
        return strategicMergePatch;
    }

    /** Where the kind's {@code scale} subresource reads and writes, when it names its own paths (custom kinds). */
    public Optional<ScalePaths> scalePaths() {
        return Optional.ofNullable(scalePaths);
    }

    /** The kind's own finder of undeclared fields, when its write path prunes by a schema of its own. */
    public Optional<UnknownFieldFinder> unknownFieldFinder() {
        return Optional.ofNullable(unknownFields);
    }

    /**
     * The secondary indexes the informer cache keeps for the kind's objects (client-go's {@code Indexers}), in
     * declaration order; the cache names no kind, it files each object under the indexes its definition declares.
     */
    public List<ObjectIndex> indexes() {
        return indexes;
    }

    /** The index called {@code name}, if the kind declares it. */
    public Optional<ObjectIndex> index(String name) {
        return indexes.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * The selector a built-in kind's {@code scale} subresource shows in {@code status.selector}, in label-selector
     * string form: by default its {@code spec.selector} read as a {@code metav1.LabelSelector}
     * ({@link LabelSelectorStrings#ofLabelSelector}); a kind whose selector is a plain label map
     * (ReplicationController) declares its own reader. Custom kinds read theirs at {@link #scalePaths()} instead.
     */
    public String scaleSelector(JsonNode obj) {
        return scaleSelector != null ? scaleSelector.apply(obj)
                : LabelSelectorStrings.ofLabelSelector(Json.at(obj, "spec", "selector"));
    }

    /**
     * The value a field selector compares for {@code field} (one of {@code metadata.name}, {@code metadata.namespace}
     * or {@link #fieldSelectors()}): the string at the field's dotted path, unless the kind declared its own reader for
     * the field (Event's {@code source} is {@code source.component}, as its {@code ToSelectableFields} says); null when
     * absent.
     */
    public String fieldValue(JsonNode obj, String field) {
        Function<JsonNode, String> reader = fieldValues.get(field);
        return reader != null ? reader.apply(obj) : Json.str(obj, field.split("\\."));
    }

    /**
     * The fields after its metadata that the kind's objects read from Kubernetes' protobuf encoding (ConfigMap and
     * Secret data, a Namespace's dropped spec); {@link ProtobufFields#NONE}, metadata only, unless declared.
     */
    public ProtobufFields protobufFields() {
        return protobufFields;
    }

    /**
     * Whether the garbage collector neither wakes on changes of the kind's objects nor sweeps them for owner work, as
     * Kubernetes' collector ignores events ({@code DefaultIgnoredResources}); an object of the kind that names a
     * deleted owner is still collected when that owner's dependents are.
     */
    public boolean ignoredByGarbageCollector() {
        return ignoredByGarbageCollector;
    }

    /**
     * The kinds of dependents the kind's own controller deletes, in its own order, when it is gone (a StatefulSet's
     * pods, highest ordinal first): the garbage collector leaves an object of one of these kinds alone while its
     * controller reference names this kind. Empty for most kinds.
     */
    public Set<String> orderedDependents() {
        return orderedDependents;
    }

    /** The kind's schema as a {@link StructuralSchema}, its references resolved among {@link #schemas()}. */
    public Optional<StructuralSchema> structuralSchema() {
        return schema().map(s -> StructuralSchema.of(s, schemas));
    }

    /** The propagation policy of a delete that names none: the strategy's. */
    public String defaultGarbageCollectionPolicy() {
        return strategy.defaultGarbageCollectionPolicy();
    }

    /** A builder with this definition's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(type);
        b.storedAs = storedAs;
        b.strategy = strategy;
        b.schemaName = schemaName;
        b.schema = schema;
        b.schemas.putAll(schemas);
        b.columns.addAll(columns);
        b.fieldSelectors.addAll(fieldSelectors);
        b.subresources.clear();
        b.subresources.addAll(subresources);
        b.tracksGeneration = tracksGeneration;
        b.verbs = verbs;
        b.prunesBySchema = prunesBySchema;
        b.strategicMergePatch = strategicMergePatch;
        b.scalePaths = scalePaths;
        b.unknownFields = unknownFields;
        indexes.forEach(b::index);
        b.scaleSelector = scaleSelector;
        b.fieldValues.putAll(fieldValues);
        b.protobufFields = protobufFields;
        b.ignoredByGarbageCollector = ignoredByGarbageCollector;
        b.orderedDependents.addAll(orderedDependents);
        return b;
    }

    @Override
    public String toString() {
        return "KindDefinition[" + type.apiVersion() + " " + type.kind() + "]";
    }

    /** Collects a {@link KindDefinition}; every part but the type is optional. */
    public static final class Builder {
        private final ResourceType type;
        private ResourceType storedAs;
        private KindStrategy strategy;
        private String schemaName;
        private ObjectNode schema;
        private final Map<String, ObjectNode> schemas = new LinkedHashMap<>();
        private final List<Column> columns = new ArrayList<>();
        private final Set<String> fieldSelectors = new LinkedHashSet<>();
        private final List<Subresource> subresources = new ArrayList<>();
        private boolean tracksGeneration;
        private List<String> verbs = ALL_VERBS;
        private boolean prunesBySchema;
        private boolean strategicMergePatch = true;
        private ScalePaths scalePaths;
        private UnknownFieldFinder unknownFields;
        private final Map<String, ObjectIndex> indexes = new LinkedHashMap<>();
        private Function<JsonNode, String> scaleSelector;
        private final Map<String, Function<JsonNode, String>> fieldValues = new LinkedHashMap<>();
        private ProtobufFields protobufFields = ProtobufFields.NONE;
        private boolean ignoredByGarbageCollector;
        private final Set<String> orderedDependents = new LinkedHashSet<>();

        private Builder(ResourceType type) {
            this.type = type;
            for (String sub : type.subresources()) {
                subresources.add(switch (sub) {
                    case "scale" -> Subresource.scale();
                    case "status" -> Subresource.status();
                    default -> throw new IllegalArgumentException(type.kind() + " lists subresource " + sub
                            + " without a handler: add it with subresource(...)");
                });
            }
        }

        /** Serves the kind as a view of another kind's objects. */
        public Builder storedAs(ResourceType stored) {
            this.storedAs = stored;
            return this;
        }

        public Builder strategy(KindStrategy strategy) {
            if (strategy != null && !strategy.type().kind().equals(type.kind())) {
                throw new IllegalArgumentException("strategy of " + strategy.type().kind() + " given to " + type.kind());
            }
            this.strategy = strategy;
            return this;
        }

        /** The kind's OpenAPI definition name and schema. */
        public Builder schema(String name, ObjectNode schema) {
            this.schemaName = name;
            this.schema = schema;
            return this;
        }

        /** Named OpenAPI schemas the kind contributes (its list, its parts). */
        public Builder schemas(Map<String, ObjectNode> named) {
            this.schemas.putAll(named);
            return this;
        }

        public Builder columns(List<Column> columns) {
            this.columns.clear();
            this.columns.addAll(columns);
            return this;
        }

        public Builder fieldSelectors(String... fields) {
            this.fieldSelectors.addAll(List.of(fields));
            return this;
        }

        /** A field the kind can be selected by whose value is not the string at its dotted path. */
        public Builder fieldSelector(String field, Function<JsonNode, String> value) {
            this.fieldSelectors.add(field);
            this.fieldValues.put(field, value);
            return this;
        }

        /** Declares a secondary index of the kind's objects in the informer cache; one of the same name is replaced. */
        public Builder index(ObjectIndex index) {
            this.indexes.put(index.name(), index);
            return this;
        }

        /** Leaves the kind out of the garbage collector's wake-ups and sweeps (events). */
        public Builder ignoredByGarbageCollector(boolean ignored) {
            this.ignoredByGarbageCollector = ignored;
            return this;
        }

        /** Dependents of these kinds are deleted by the kind's own controller, in order, not by the collector. */
        public Builder orderedDependents(ResourceType... kinds) {
            for (ResourceType k : kinds) {
                this.orderedDependents.add(k.kind());
            }
            return this;
        }

        /** The fields after metadata its objects read from protobuf. */
        public Builder protobufFields(ProtobufFields fields) {
            this.protobufFields = fields;
            return this;
        }

        /** How the kind's {@code scale} subresource reads its selector, as a label-selector string. */
        public Builder scaleSelector(Function<JsonNode, String> selector) {
            this.scaleSelector = selector;
            return this;
        }

        /** Adds a subresource; one of the same name is replaced. */
        public Builder subresource(Subresource sub) {
            subresources.removeIf(s -> s.name().equals(sub.name()));
            subresources.add(sub);
            return this;
        }

        public Builder tracksGeneration(boolean tracks) {
            this.tracksGeneration = tracks;
            return this;
        }

        public Builder verbs(List<String> verbs) {
            this.verbs = List.copyOf(verbs);
            return this;
        }

        /** Marks the kind as defined by its (structural) schema alone: see {@link KindDefinition#prunesBySchema()}. */
        public Builder pruneBySchema(boolean prune) {
            this.prunesBySchema = prune;
            return this;
        }

        /** Whether strategic merge patches apply (true unless set otherwise). */
        public Builder strategicMergePatch(boolean supported) {
            this.strategicMergePatch = supported;
            return this;
        }

        /** The paths the kind's {@code scale} subresource reads and writes. */
        public Builder scalePaths(ScalePaths paths) {
            this.scalePaths = paths;
            return this;
        }

        /** The kind's own finder of undeclared fields. */
        public Builder unknownFieldFinder(UnknownFieldFinder finder) {
            this.unknownFields = finder;
            return this;
        }

        public KindDefinition build() {
            return new KindDefinition(this);
        }
    }
}
