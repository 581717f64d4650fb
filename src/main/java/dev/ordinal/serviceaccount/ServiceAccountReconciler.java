package dev.ordinal.serviceaccount;

import java.util.Collection;
import java.util.List;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service account controller: every namespace that is not being deleted has a ServiceAccount named
 * {@code default}, created with the namespace and created again when it is deleted, as Kubernetes'
 * ServiceAccountsController keeps it. Ordinal issues no tokens.
 */
@Component
public class ServiceAccountReconciler implements Reconciler {
    public static final String DEFAULT = "default";
    private final ResourceStore store;

    public ServiceAccountReconciler(ResourceStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "serviceaccount";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.NAMESPACE;
    }

    @Override
    public int workers() {
        return 1;
    }

    /** A namespace's changes, and the deletion of a {@code default} account, wake its namespace. */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.NAMESPACE)) {
            return List.of(new Key("", Json.name(event.object())));
        }
        if (event.resourceType().equals(ResourceTypes.SERVICE_ACCOUNT) && "DELETED".equals(event.type())
                && DEFAULT.equals(Json.name(event.object()))) {
            return List.of(new Key("", Json.namespace(event.object())));
        }
        return List.of();
    }

    @Override
    public Result reconcile(Key key) {
        var namespace = store.find(ResourceTypes.NAMESPACE, null, key.name());
        if (namespace.isEmpty() || Json.isTerminating(namespace.get())
                || store.find(ResourceTypes.SERVICE_ACCOUNT, key.name(), DEFAULT).isPresent()) {
            return Result.DONE;
        }
        ObjectNode account = Json.object();
        account.put("apiVersion", "v1");
        account.put("kind", "ServiceAccount");
        account.putObject("metadata").put("name", DEFAULT);
        try {
            store.create(ResourceTypes.SERVICE_ACCOUNT, key.name(), account);
        } catch (ApiException e) {
            // Created meanwhile (409), or the namespace went away or began terminating (404, 403): nothing to do.
            if (e.code() != 409 && e.code() != 404 && e.code() != 403) {
                throw e;
            }
        }
        return Result.DONE;
    }
}
