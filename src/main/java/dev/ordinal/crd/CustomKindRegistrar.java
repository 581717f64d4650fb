package dev.ordinal.crd;

import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.WatchEvent;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Serves the kinds of established CRDs on this instance: {@link StoredCrds} registers those stored at start-up,
 * then each CRD that becomes established or changes is registered (again) as the change feed delivers it, and a
 * deleted CRD's kind is withdrawn. Every instance runs this, not only the leader.
 */
@Component
public class CustomKindRegistrar {
    private final KindRegistry kinds;
    private final ChangeFeed feed;

    public CustomKindRegistrar(KindRegistry kinds, ChangeFeed feed) {
        this.kinds = kinds;
        this.feed = feed;
    }

    @PostConstruct
    void start() {
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
        var current = CustomKinds.byKind(kinds, kind.type().kind());
        if (current.isPresent() && current.get().equals(kind)) {
            return;
        }
        current.ifPresent(old -> kinds.withdraw(old.type()));
        kinds.register(CustomKinds.definition(kind));
    }

    /** Stops serving a CRD's kind. */
    public synchronized void withdraw(JsonNode crd) {
        CustomKind kind = CustomKind.of(crd);
        CustomKinds.byKind(kinds, kind.type().kind()).filter(k -> k.crdName().equals(kind.crdName()))
                .ifPresent(k -> kinds.withdraw(k.type()));
    }
}
