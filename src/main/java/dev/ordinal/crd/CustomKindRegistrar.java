package dev.ordinal.crd;

import dev.ordinal.api.ResourceType;
import dev.ordinal.api.ResourceTypes;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.WatchEvent;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Serves the kinds of established CRDs on this instance: at start-up (before the API serves) the kinds found by
 * {@link StoredCrds}, then each CRD that becomes established or changes, as the change feed delivers it; a deleted
 * CRD's kind is withdrawn. Every instance runs this, not only the leader.
 */
@Component
public class CustomKindRegistrar {
    private final KindRegistry registry;
    private final ChangeFeed feed;

    public CustomKindRegistrar(KindRegistry registry, ChangeFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    @PostConstruct
    void start() {
        for (ResourceType t : CustomKinds.types()) {
            CustomKinds.of(t).ifPresent(k -> registerDefinition(k));
        }
        feed.subscribe(this::onChange);
    }

    private void onChange(WatchEvent e) {
        if (!e.resourceType().equals(ResourceTypes.CUSTOM_RESOURCE_DEFINITION)) {
            return;
        }
        if (e.type().equals("DELETED")) {
            withdraw(e.object());
        } else if (CrdConditions.isTrue(e.object(), "Established")) {
            serve(e.object());
        }
    }

    /** Serves (or serves anew, after a change) the kind of an established CRD. */
    public synchronized void serve(JsonNode crd) {
        CustomKind kind = CustomKind.of(crd);
        CustomKinds.byKind(kind.type().kind()).ifPresent(old -> registry.withdraw(old.type()));
        CustomKinds.put(kind);
        registerDefinition(kind);
    }

    /** Stops serving a CRD's kind. */
    public synchronized void withdraw(JsonNode crd) {
        CustomKind kind = CustomKind.of(crd);
        CustomKinds.byKind(kind.type().kind()).filter(k -> k.crdName().equals(kind.crdName())).ifPresent(k -> {
            registry.withdraw(k.type());
            CustomKinds.remove(k.type().kind());
        });
    }

    private void registerDefinition(CustomKind kind) {
        registry.withdraw(kind.type());
        registry.register(KindDefinition.builder(kind.type())
                .strategy(new CustomResourceStrategy(kind.type()))
                .schema(CrdOpenApi.nameOf(kind.type()), kind.schemaCopy())
                .columns(PrinterColumns.of(kind))
                .fieldSelectors(kind.selectableFields().toArray(String[]::new))
                .tracksGeneration(true)
                .build());
    }
}
