package dev.ordinal.rbac;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ResourceStore;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the {@link BootstrapPolicy} roles and bindings that are missing when the server starts, as the API server
 * does. Ones that exist are left as they are, so an administrator's change to a bootstrap role survives a restart.
 */
@Component
public class RbacBootstrap {
    private final ResourceStore store;

    public RbacBootstrap(ResourceStore store) {
        this.store = store;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Order(1)
    public void bootstrap() {
        BootstrapPolicy.clusterRoles().forEach(r -> createIfAbsent(ResourceTypes.CLUSTER_ROLE, r));
        BootstrapPolicy.clusterRoleBindings().forEach(b -> createIfAbsent(ResourceTypes.CLUSTER_ROLE_BINDING, b));
    }

    private void createIfAbsent(ResourceType type, ObjectNode obj) {
        if (store.find(type, null, Json.name(obj)).isPresent()) {
            return;
        }
        try {
            store.create(type, null, obj);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
