package dev.ordinal.rbac;

import java.util.List;
import java.util.Optional;

import dev.ordinal.core.ResourceTypes;
import dev.ordinal.store.ObjectCache;
import tools.jackson.databind.JsonNode;

/**
 * Roles and bindings as the informer cache holds them, as the API server's RBAC authorizer reads its listers: a
 * change takes effect once the change feed has brought it, normally within milliseconds of the write.
 */
public final class CachedPolicySource implements PolicySource {
    private final ObjectCache cache;

    public CachedPolicySource(ObjectCache cache) {
        this.cache = cache;
    }

    @Override
    public List<? extends JsonNode> clusterRoleBindings() {
        return cache.list(ResourceTypes.CLUSTER_ROLE_BINDING, null);
    }

    @Override
    public List<? extends JsonNode> roleBindings(String namespace) {
        return cache.list(ResourceTypes.ROLE_BINDING, namespace);
    }

    @Override
    public Optional<? extends JsonNode> clusterRole(String name) {
        return cache.get(ResourceTypes.CLUSTER_ROLE, null, name);
    }

    @Override
    public Optional<? extends JsonNode> role(String namespace, String name) {
        return cache.get(ResourceTypes.ROLE, namespace, name);
    }
}
