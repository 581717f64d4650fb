package dev.ordinal.endpoints;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints controller: keeps each Service's Endpoints and EndpointSlices listing the pods it selects
 * ({@link EndpointsPlanner} decides). A Service change, a change to a pod in its namespace that it selects (before
 * or after the change), a change to its slices or the deletion of its Endpoints wakes the Service's key; the resync
 * visits every Service. Reads come from the informer
 * cache; a write that finds the world moved (409, or a name already taken) requeues the key.
 */
@Component
public class EndpointsReconciler implements Reconciler {
    private final ResourceStore store;

    public EndpointsReconciler(ResourceStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.SERVICE;
    }

    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        ResourceType type = event.resourceType();
        ObjectNode obj = event.object();
        if (type.equals(ResourceTypes.SERVICE)) {
            return List.of(Key.of(obj));
        }
        if (type.equals(ResourceTypes.ENDPOINTS)) {
            // As Kubernetes' controller: a deleted Endpoints is made again; one a user writes for a selectorless
            // or absent Service is left alone.
            return "DELETED".equals(event.type()) ? List.of(Key.of(obj)) : List.of();
        }
        if (type.equals(ResourceTypes.ENDPOINT_SLICE)) {
            String service = Json.labels(obj).get(EndpointsPlanner.SERVICE_NAME_LABEL);
            return service == null ? List.of() : List.of(new Key(Json.namespace(obj), service));
        }
        if (type.equals(ResourceTypes.POD)) {
            // A pod whose labels changed may have left a Service: every Service of the namespace that selects it
            // now, or that lists it, is woken.
            String ns = Json.namespace(obj);
            Map<String, String> labels = Json.labels(obj);
            // Read in place (this runs on the change feed's thread for every pod change): nothing is copied.
            return store.cache().readAll(ResourceTypes.SERVICE, ns, svc -> {
                Map<String, String> selector = Json.stringMap(svc, "spec", "selector");
                boolean wakes = !selector.isEmpty() && (dev.ordinal.core.LabelSelectorMatcher.matchesMap(selector,
                        labels) || lists(ns, Json.name(svc), Json.uid(obj)));
                return wakes ? Key.of(svc) : null;
            });
        }
        return List.of();
    }

    @Override
    public Result reconcile(Key key) {
        String ns = key.namespace();
        var service = store.find(ResourceTypes.SERVICE, ns, key.name());
        var namespace = store.find(ResourceTypes.NAMESPACE, null, ns);
        if (namespace.isEmpty() || Json.isTerminating(namespace.get())) {
            return Result.DONE; // The namespace controller deletes what is in it.
        }
        List<ObjectNode> slices = store.cache().list(ResourceTypes.ENDPOINT_SLICE, ns).stream()
                .filter(s -> key.name().equals(Json.labels(s).get(EndpointsPlanner.SERVICE_NAME_LABEL))
                        && EndpointsPlanner.MANAGED_BY.equals(Json.labels(s).get(EndpointsPlanner.MANAGED_BY_LABEL)))
                .toList();
        List<ObjectNode> pods = service.isPresent() ? store.list(ResourceTypes.POD, ns) : List.of();
        var snapshot = new EndpointsPlanner.Snapshot(key.name(), service, pods,
                store.find(ResourceTypes.ENDPOINTS, ns, key.name()), slices);
        boolean stale = false;
        for (EndpointsAction action : EndpointsPlanner.plan(snapshot)) {
            try {
                apply(ns, action);
            } catch (ApiException e) {
                if (e.code() == 404 && action instanceof EndpointsAction.Delete) {
                    continue;
                }
                if (e.code() == 409 || e.code() == 404 || e.code() == 403) {
                    stale = true;
                    continue;
                }
                throw e;
            }
        }
        return stale ? Result.REQUEUE : Result.DONE;
    }

    private void apply(String ns, EndpointsAction action) {
        if (action instanceof EndpointsAction.Create c) {
            store.create(c.type(), ns, c.object());
        } else if (action instanceof EndpointsAction.Update u) {
            store.update(u.type(), ns, Json.name(u.object()), u.object(), false);
        } else if (action instanceof EndpointsAction.Delete d) {
            store.delete(d.type(), ns, d.name(), DeleteOptions.propagation("Background"));
        }
    }

    /** Whether the Service's Endpoints list the pod with this uid (so that a pod that no longer matches leaves). */
    private boolean lists(String ns, String service, String podUid) {
        return store.find(ResourceTypes.ENDPOINTS, ns, service)
                .map(e -> Json.write(e).contains(podUid)).orElse(false);
    }
}
