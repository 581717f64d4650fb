package dev.ordinal.statefulset;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.controller.Watches;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The StatefulSet control loop. A pass reads the set, the pods and claims of its namespace that can be its own, and
 * the ControllerRevisions it controls; {@link StatefulSetPlanner} decides and {@link StatefulSetExecutor} acts. When
 * the set is gone, the pods it controlled are deleted highest ordinal first (claims stay unless the retention policy
 * made the set their owner, in which case the garbage collector removes them).
 *
 * <p>Wake-ups: a change to the set; a change to a pod, claim or revision whose controller reference names a
 * StatefulSet; a change to an orphan pod named {@code {set}-{n}} or a claim named {@code {template}-{set}-{n}} of an
 * existing set. So the next ordinal is created as soon as the previous pod's Ready condition is written.
 */
@Component
public class StatefulSetReconciler implements Reconciler {
    private final ResourceStore store;
    private final StatefulSetExecutor executor;
    private final Clock clock;
    private final Watches watches = Watches.forPrimary(ResourceTypes.STATEFUL_SET)
            .owns(ResourceTypes.POD)
            .owns(ResourceTypes.PERSISTENT_VOLUME_CLAIM)
            .owns(ResourceTypes.CONTROLLER_REVISION)
            .adoptsOrphans(ResourceTypes.POD, this::setNamingOrphan)
            .watches(ResourceTypes.PERSISTENT_VOLUME_CLAIM, this::setsNamingClaim);

    public StatefulSetReconciler(ResourceStore store, StatefulSetExecutor executor, Clock clock) {
        this.store = store;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "statefulset";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.STATEFUL_SET;
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.STATEFUL_SET, key.namespace(), key.name());
        if (found.isEmpty()) {
            executor.executeOrphaned(key.namespace(), StatefulSetPlanner.planOrphaned(orphanedPods(key)));
            return Result.DONE;
        }
        ObjectNode set = found.get();
        StatefulSetView view = new StatefulSetView(set);
        // Read from the informer cache by name prefix and owner: the cost follows the set's own objects.
        ObjectCache cache = store.cache();
        List<ObjectNode> pods = cache.listPrefixed(ResourceTypes.POD, key.namespace(), key.name() + "-").stream()
                .filter(p -> StatefulPods.isMemberOf(view, p)).toList();
        Map<String, ObjectNode> claims = new LinkedHashMap<>();
        for (JsonNode template : view.claimTemplates()) {
            String prefix = Json.name(template) + "-" + key.name() + "-";
            for (ObjectNode claim : cache.listPrefixed(ResourceTypes.PERSISTENT_VOLUME_CLAIM, key.namespace(), prefix)) {
                if (isClaimOf(view, Json.name(claim))) {
                    claims.put(Json.name(claim), claim);
                }
            }
        }
        Map<String, ObjectNode> owned = new java.util.TreeMap<>();
        cache.controlledBy(ResourceTypes.CONTROLLER_REVISION, Json.uid(set)).forEach(r -> owned.put(Json.name(r), r));
        // What was just adopted counts at once: the cache shows the adoption only a moment later.
        adoptOrphanRevisions(set).forEach(r -> owned.put(Json.name(r), r));
        List<ObjectNode> revisions = List.copyOf(owned.values());
        StatefulSetPlan plan = StatefulSetPlanner.plan(
                new StatefulSetSnapshot(set, pods, claims, revisions, clock.instant()));
        return executor.execute(set, plan);
    }

    /**
     * Adopts ControllerRevisions left without a controller (the set was deleted with --cascade=orphan and made
     * again) whose labels the set selects, as Kubernetes' {@code adoptOrphanRevisions} does, so an unchanged template
     * finds its revision again instead of creating a colliding one and restarting every pod.
     */
    private List<ObjectNode> adoptOrphanRevisions(ObjectNode set) {
        List<ObjectNode> adopted = new ArrayList<>();
        if (Json.isTerminating(set)) {
            return adopted;
        }
        JsonNode selector = Json.at(set, "spec", "selector");
        for (ObjectNode r : store.cache().uncontrolled(ResourceTypes.CONTROLLER_REVISION, Json.namespace(set))) {
            if (Json.controllerRef(r) != null || !dev.ordinal.core.LabelSelectorMatcher.matches(selector, Json.labels(r))
                    || !Json.name(r).startsWith(Json.name(set) + "-")) {
                continue;
            }
            store.modify(ResourceTypes.CONTROLLER_REVISION, Json.namespace(set), Json.name(r), false, edit -> {
                if (Json.controllerRef(edit) == null) {
                    OwnerReferences.add(edit, new StatefulSetView(set).controllerRef());
                }
            }).filter(done -> OwnerReferences.isControlledBy(done, Json.uid(set))).ifPresent(adopted::add);
        }
        return adopted;
    }

    /** Pods whose controller reference names this StatefulSet while no object with that uid exists any more. */
    private List<ObjectNode> orphanedPods(Key key) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode pod : store.cache().listPrefixed(ResourceTypes.POD, key.namespace(), key.name() + "-")) {
            JsonNode ctrl = Json.controllerRef(pod);
            if (ctrl != null && "StatefulSet".equals(Json.str(ctrl, "kind"))
                    && key.name().equals(Json.str(ctrl, "name"))
                    && key.name().equals(StatefulPods.parent(Json.name(pod)))
                    && !store.existsUid(Json.str(ctrl, "uid"))) {
                out.add(pod);
            }
        }
        return out;
    }

    @Override
    public int workers() {
        return 5; // Kubernetes' --concurrent-statefulset-syncs default.
    }

    /**
     * Every set, and every set that is gone while pods it controlled remain (deleted while this instance was down,
     * or before a crash), so those pods are deleted after a restart.
     */
    @Override
    public Collection<Key> resyncKeys(ObjectCache cache) {
        java.util.Set<Key> keys = new java.util.LinkedHashSet<>(Reconciler.super.resyncKeys(cache));
        for (ObjectNode pod : cache.list(ResourceTypes.POD, null)) {
            JsonNode ctrl = Json.controllerRef(pod);
            if (ctrl != null && "StatefulSet".equals(Json.str(ctrl, "kind"))
                    && !cache.hasUid(Json.str(ctrl, "uid"))) {
                keys.add(new Key(Json.namespace(pod), Json.str(ctrl, "name")));
            }
        }
        return keys;
    }

    /**
     * Wakes a set for its own changes, its pods', claims' and revisions' ({@code Owns}), an orphan pod named after it
     * (which it may adopt), and any claim named {@code {template}-{set}-{ordinal}} for one of its templates.
     */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        return watches.keysFor(event);
    }

    private Collection<Key> setNamingOrphan(WatchEvent event) {
        String ns = Json.namespace(event.object());
        String parent = StatefulPods.parent(Json.name(event.object()));
        return parent != null && store.cache().get(ResourceTypes.STATEFUL_SET, ns, parent).isPresent()
                ? List.of(new Key(ns, parent)) : List.of();
    }

    /** {template}-{set}-{ordinal}: each dash before the ordinal may start the set's name; look those up. */
    private Collection<Key> setsNamingClaim(WatchEvent event) {
        String ns = Json.namespace(event.object());
        List<Key> keys = new ArrayList<>();
        String claim = Json.name(event.object());
        int end = claim.lastIndexOf('-');
        for (int dash = claim.indexOf('-'); dash >= 0 && dash < end; dash = claim.indexOf('-', dash + 1)) {
            // Read in place: this runs on the change feed's thread for every claim change.
            store.cache().read(ResourceTypes.STATEFUL_SET, ns, claim.substring(dash + 1, end),
                    set -> isClaimOf(new StatefulSetView((ObjectNode) set), claim) ? Key.of(set) : null)
                    .ifPresent(keys::add);
        }
        return keys;
    }

    /** Whether a claim name has the form {@code {template}-{set}-{ordinal}} for one of the set's templates. */
    static boolean isClaimOf(StatefulSetView set, String claimName) {
        int ordinal = StatefulPods.ordinal(claimName);
        if (ordinal < 0) {
            return false;
        }
        for (JsonNode t : set.claimTemplates()) {
            if (Objects.equals(claimName, StatefulPods.claimName(Json.name(t), set.name(), ordinal))) {
                return true;
            }
        }
        return false;
    }

    private static boolean controlledBy(JsonNode obj, String uid) {
        JsonNode ctrl = Json.controllerRef(obj);
        return ctrl != null && Objects.equals(Json.str(ctrl, "uid"), uid);
    }
}
