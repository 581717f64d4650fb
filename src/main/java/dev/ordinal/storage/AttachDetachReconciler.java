package dev.ordinal.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.controller.Pods;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.PassThrottle;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The detach side of Kubernetes' attach/detach controller, per node, and the node's {@code status.volumesAttached}.
 * A volume attached to a node that no pod there uses any more is detached: at once when the node's kubelet is
 * alive (it has unmounted), when the Node is gone, or when it carries {@code node.kubernetes.io/out-of-service}
 * (non-graceful shutdown, KEP-2268); after {@code ordinal.attach-detach.force-detach-seconds} (6 minutes) when the
 * node is unreachable and cannot say whether it unmounted. Pods waiting for the volume are woken.
 */
@Component
public class AttachDetachReconciler implements Reconciler {
    private final ResourceStore store;
    private final VolumeAttachments attachments;
    private final Clock clock;
    private final AttachDetachProperties settings;
    private final ObjectProvider<ControllerRuntime> runtime;
    /** A pass follows every change of a pod with claims on the node: at most one a second per node. */
    private final PassThrottle throttle = new PassThrottle(Duration.ofSeconds(1));
    /** When each (volume, node) attachment was first seen unused on an unreachable node. */
    private final Map<String, Instant> unusedSince = new ConcurrentHashMap<>();

    public AttachDetachReconciler(ResourceStore store, VolumeAttachments attachments, Clock clock,
                                  AttachDetachProperties settings, ObjectProvider<ControllerRuntime> runtime) {
        this.store = store;
        this.attachments = attachments;
        this.clock = clock;
        this.settings = settings;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "attachdetach";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.NODE;
    }

    @Override
    public Collection<Key> resyncKeys(ObjectCache cache) {
        Set<Key> keys = new LinkedHashSet<>();
        cache.list(ResourceTypes.NODE, null).forEach(n -> keys.add(Key.of(n)));
        attachments.all().forEach(a -> keys.add(new Key("", a.node())));
        return keys;
    }

    /**
     * A node's change, or a change of a pod with volumes on it. An attachment's own change wakes nothing: an
     * attachment left on a node is found when that node or its pods next change, as before attachments were objects.
     */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.NODE)) {
            return List.of(Key.of(event.object()));
        }
        if (event.resourceType().equals(ResourceTypes.POD) && Pods.nodeName(event.object()) != null
                && !Pods.claimNames(event.object()).isEmpty()) {
            return List.of(new Key("", Pods.nodeName(event.object())));
        }
        return List.of();
    }

    @Override
    public Result reconcile(Key key) {
        String node = key.name();
        Instant now = clock.instant();
        Optional<Duration> throttled = throttle.wait(node, now);
        if (throttled.isPresent()) {
            return Result.after(throttled.get());
        }
        ObjectNode found = store.find(ResourceTypes.NODE, null, node).orElse(null);
        List<String> attached = attachments.volumesOn(node);
        Map<String, Instant> remembered = new HashMap<>();
        for (String volume : attached) {
            Instant since = unusedSince.get(volume + "|" + node);
            if (since != null) {
                remembered.put(volume, since);
            }
        }
        Duration wait = Duration.ofMillis(Math.round(settings.forceDetachSeconds() * 1000));
        AttachDetachPlanner.Plan plan = AttachDetachPlanner.plan(
                new AttachDetachPlanner.Snapshot(found, attached, volumesInUse(node), remembered, wait, now));
        for (String volume : attached) {
            Instant since = plan.unusedSince().get(volume);
            if (since == null) {
                unusedSince.remove(volume + "|" + node);
            } else {
                unusedSince.put(volume + "|" + node, since);
            }
        }
        execute(node, plan.actions());
        return plan.recheckAt() == null ? Result.DONE : Result.after(Duration.between(now, plan.recheckAt()));
    }

    /** The volumes the node's active pods mount, through their claims as the informer cache shows them. */
    private Set<String> volumesInUse(String node) {
        Set<String> inUse = new LinkedHashSet<>();
        for (String[] claim : Pods.claimsOnNode(store.cache(), Pods.ACTIVE_ON_NODE, node)) {
            String volume = Pods.volumeOfClaim(store.cache(), claim[0], claim[1]);
            if (volume != null) {
                inUse.add(volume);
            }
        }
        return inUse;
    }

    /**
     * Carries out the planner's actions in order. Detaching tolerates an attachment already gone or changed (404 and
     * 409 are the {@link dev.ordinal.controller.WriteOutcome} contract's GONE and STALE, absorbed by
     * {@link VolumeAttachments#detach}); the pods waiting for a detached volume are woken afterwards.
     */
    private void execute(String node, List<AttachDetachAction> actions) {
        List<String> detached = new ArrayList<>();
        for (AttachDetachAction action : actions) {
            if (action instanceof AttachDetachAction.Detach d) {
                attachments.detach(d.volume(), node);
                detached.add(d.volume());
            } else if (action instanceof AttachDetachAction.WriteVolumesAttached w) {
                writeVolumesAttached(node, w.volumes());
            }
        }
        detached.forEach(this::wakeWaiters);
    }

    /** The node's {@code status.volumesAttached}, from the attachments, as {@code kubernetes.io/csi/<driver>^<handle>}. */
    private void writeVolumesAttached(String node, List<String> attached) {
        store.modify(ResourceTypes.NODE, null, node, true, n -> {
            ObjectNode status = Json.with(n, "status");
            if (attached.isEmpty()) {
                status.remove("volumesAttached");
                return;
            }
            ArrayNode a = status.putArray("volumesAttached");
            for (String v : attached) {
                ObjectNode o = a.addObject();
                o.put("name", attachments.uniqueName(v));
                o.put("devicePath", "");
            }
        });
    }

    /** Wakes the kubelet for the pods that wait to attach the volume elsewhere. */
    private void wakeWaiters(String volume) {
        store.cache().get(ResourceTypes.PERSISTENT_VOLUME, "", volume).ifPresent(pv -> {
            String ns = Json.str(pv, "spec", "claimRef", "namespace");
            String claim = Json.str(pv, "spec", "claimRef", "name");
            if (ns == null || claim == null) {
                return;
            }
            for (ObjectNode p : Pods.usingClaim(store.cache(), ns, claim)) {
                if (Pods.nodeName(p) != null && "Pending".equals(Pods.phase(p))) {
                    runtime.ifAvailable(r -> r.enqueue("kubelet", Key.of(p)));
                }
            }
        });
    }
}
