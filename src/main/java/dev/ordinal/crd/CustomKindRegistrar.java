package dev.ordinal.crd;

import java.util.HashSet;
import java.util.List;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ChangeFeed;
import dev.ordinal.store.WatchEvent;
import jakarta.annotation.PostConstruct;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Serves the kinds of established CRDs on this instance: {@link StoredCrds} registers those stored at start-up,
 * then each CRD that becomes established or changes is registered (again, at each served version) as the change feed delivers it, and a
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

    /** Serves (or serves anew, after a change) the kind of an established CRD at each of its served versions. */
    public synchronized void serve(JsonNode crd) {
        List<CustomKind> wanted = CustomKind.served(crd);
        List<CustomKind> current = CustomKinds.ofCrd(kinds, Json.name(crd));
        if (new HashSet<>(current).equals(new HashSet<>(wanted)) && current.size() == wanted.size()) {
            return;
        }
        current.forEach(old -> kinds.withdraw(old.type()));
        // The stored kind of the same name may belong to another CRD whose kind this one took since: replace it.
        CustomKinds.byKind(kinds, wanted.get(0).type().kind()).ifPresent(old -> kinds.withdraw(old.type()));
        CustomKinds.definitions(crd).forEach(kinds::register);
    }

    /** Stops serving a CRD's kind, at every version. */
    public synchronized void withdraw(JsonNode crd) {
        CustomKinds.ofCrd(kinds, Json.name(crd)).forEach(k -> kinds.withdraw(k.type()));
    }
}
