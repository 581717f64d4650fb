package dev.ordinal.crd;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The apiextensions controllers in one loop: the naming controller (accepts a CRD's names unless another kind
 * already has its kind or plural: {@code NamesAccepted}), the establishing controller ({@code Established}, after
 * which its kind is served), and the finalizer controller: a deleted CRD shows {@code Terminating}
 * ({@code InstanceDeletionInProgress}) while every object of its kind is deleted, then loses its
 * {@code customresourcecleanup.apiextensions.k8s.io} finalizer and goes away, withdrawing the kind.
 */
@Component
public class CrdReconciler implements Reconciler {
    private static final ResourceType CRD = ResourceTypes.CUSTOM_RESOURCE_DEFINITION;
    private final ResourceStore store;
    private final CustomKindRegistrar registrar;
    private final KindRegistry kinds;
    private final Clock clock;

    public CrdReconciler(ResourceStore store, CustomKindRegistrar registrar, KindRegistry kinds, Clock clock) {
        this.store = store;
        this.kinds = kinds;
        this.registrar = registrar;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "customresourcedefinition";
    }

    @Override
    public ResourceType primaryType() {
        return CRD;
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(CRD, null, key.name());
        if (found.isEmpty()) {
            return Result.DONE;
        }
        ObjectNode crd = found.get();
        if (Json.isTerminating(crd)) {
            return cleanUp(crd);
        }
        Optional<Conflict> conflict = conflict(crd);
        if (conflict.isPresent()) {
            store.modify(CRD, null, key.name(), true, c -> {
                CrdConditions.set(c, "NamesAccepted", "False", conflict.get().reason(), conflict.get().message(),
                        clock.instant());
                CrdConditions.set(c, "Established", "False", "NotAccepted", "not all names are accepted",
                        clock.instant());
            });
            return Result.DONE;
        }
        if (!CrdConditions.isTrue(crd, "Established")) {
            // Served before any client can see Established, so a client that waits for it can use the kind at once.
            ObjectNode established = Json.copy(crd);
            CrdConditions.set(established, "Established", "True", "InitialNamesAccepted",
                    "the initial names have been accepted", clock.instant());
            registrar.serve(established);
        }
        store.modify(CRD, null, key.name(), true, c -> {
            Json.with(c, "status").set("acceptedNames", c.path("spec").path("names").deepCopy());
            CrdConditions.set(c, "NamesAccepted", "True", "NoConflicts", "no conflicts found", clock.instant());
            CrdConditions.set(c, "Established", "True", "InitialNamesAccepted",
                    "the initial names have been accepted", clock.instant());
            String storage = CustomKind.storageVersion(c).path("name").asString("");
            ArrayNode stored = Json.with(c, "status").get("storedVersions") instanceof ArrayNode a ? a
                    : Json.with(c, "status").putArray("storedVersions");
            if (!storage.isEmpty() && !Json.strings(c, "status", "storedVersions").contains(storage)) {
                stored.add(storage);
            }
        });
        return Result.DONE;
    }

    /** A name another kind already has, as the naming controller reports it. */
    private record Conflict(String reason, String message) {
    }

    /** The first of this CRD's names that another served kind already has; empty when none does. */
    private Optional<Conflict> conflict(JsonNode crd) {
        JsonNode names = crd.path("spec").path("names");
        String group = crd.path("spec").path("group").asString("");
        String kind = names.path("kind").asString("");
        String plural = names.path("plural").asString("");
        for (KindDefinition d : kinds.all()) {
            ResourceType t = d.type();
            boolean mine = CustomKinds.of(d).map(k -> k.crdName().equals(Json.name(crd))).orElse(false);
            if (mine) {
                continue;
            }
            if (t.group().equals(group) && t.plural().equals(plural)) {
                return Optional.of(new Conflict("PluralConflict", "\"" + plural + "\" is already in use"));
            }
            // The resource table's identity is the kind name, so stored kinds are unique across groups here.
            if (d.stored() && t.kind().equals(kind)) {
                return Optional.of(new Conflict("KindConflict", "\"" + kind + "\" is already in use"));
            }
            for (String shortName : Json.strings(names, "shortNames")) {
                if (d.stored() && t.shortNames().contains(shortName)) {
                    return Optional.of(new Conflict("ShortNamesConflict", "\"" + shortName + "\" is already in use"));
                }
            }
        }
        return Optional.empty();
    }

    private Result cleanUp(ObjectNode crd) {
        String name = Json.name(crd);
        store.modify(CRD, null, name, true, c -> CrdConditions.set(c, "Terminating", "True",
                "InstanceDeletionInProgress", "CustomResource deletion is in progress", clock.instant()));
        Optional<CustomKind> kind = CustomKinds.byKind(kinds, CustomKind.of(crd).type().kind())
                .filter(k -> k.crdName().equals(name));
        if (kind.isPresent()) {
            List<ObjectNode> left = store.list(kind.get().type(), null);
            for (ObjectNode o : left) {
                if (!Json.isTerminating(o)) {
                    try {
                        store.delete(kind.get().type(), Json.namespace(o), Json.name(o),
                                DeleteOptions.propagation("Background"));
                    } catch (ApiException e) {
                        if (e.code() != 404) {
                            throw e;
                        }
                    }
                }
            }
            if (!left.isEmpty()) {
                return Result.after(Duration.ofMillis(200));
            }
        }
        store.modify(CRD, null, name, true, c -> CrdConditions.set(c, "Terminating", "False",
                "InstanceDeletionCompleted", "removed all instances", clock.instant()));
        store.modify(CRD, null, name, false, c -> {
            ArrayNode finalizers = Json.meta(c).get("finalizers") instanceof ArrayNode a ? a : null;
            if (finalizers != null) {
                for (int i = finalizers.size() - 1; i >= 0; i--) {
                    if (CrdStrategy.CLEANUP_FINALIZER.equals(finalizers.get(i).asString())) {
                        finalizers.remove(i);
                    }
                }
            }
        });
        return Result.DONE;
    }
}
