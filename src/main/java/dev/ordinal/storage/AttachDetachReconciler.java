package dev.ordinal.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.controller.Pods;
import dev.ordinal.controller.Taints;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ObjectCache;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
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
        Optional<ObjectNode> found = store.find(ResourceTypes.NODE, null, node);
        Set<String> inUse = new LinkedHashSet<>();
        for (ObjectNode p : store.cache().podsOnNode(node)) {
            if (node.equals(Pods.nodeName(p)) && !Pods.isTerminated(p)) {
                for (String claim : Pods.claimNames(p)) {
                    store.cache().get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(p), claim)
                            .map(c -> Json.str(c, "spec", "volumeName")).ifPresent(inUse::add);
                }
            }
        }
        boolean alive = found.isPresent() && kubeletAlive(found.get());
        boolean outOfService = found.isPresent() && Taints.of(found.get()).stream()
                .anyMatch(t -> t.key().equals(Taints.OUT_OF_SERVICE) && t.effect().equals(Taints.NO_EXECUTE));
        Duration wait = Duration.ofMillis(Math.round(settings.forceDetachSeconds() * 1000));
        Instant recheck = null;
        List<String> detached = new ArrayList<>();
        List<String> attached = attachments.volumesOn(node);
        for (String volume : attached) {
            String k = volume + "|" + node;
            if (inUse.contains(volume)) {
                unusedSince.remove(k);
                continue;
            }
            Instant since = unusedSince.computeIfAbsent(k, x -> now);
            if (found.isEmpty() || alive || outOfService || !now.isBefore(since.plus(wait))) {
                attachments.detach(volume, node);
                unusedSince.remove(k);
                detached.add(volume);
            } else {
                Instant at = since.plus(wait);
                recheck = recheck == null || at.isBefore(recheck) ? at : recheck;
            }
        }
        found.ifPresent(n -> writeVolumesAttached(node));
        detached.forEach(this::wakeWaiters);
        return recheck == null ? Result.DONE : Result.after(Duration.between(now, recheck).plusMillis(5));
    }

    /** A node whose kubelet posts Ready and that carries no unreachable or not-ready taint. */
    private static boolean kubeletAlive(JsonNode node) {
        boolean ready = Json.list(node, "status", "conditions").stream()
                .anyMatch(c -> "Ready".equals(Json.str(c, "type")) && "True".equals(Json.str(c, "status")));
        boolean tainted = Taints.of(node).stream()
                .anyMatch(t -> t.key().equals(Taints.UNREACHABLE) || t.key().equals(Taints.NOT_READY));
        return ready && !tainted;
    }

    /** The node's {@code status.volumesAttached}, from the attachments, as {@code kubernetes.io/csi/<driver>^<handle>}. */
    private void writeVolumesAttached(String node) {
        List<String> attached = attachments.volumesOn(node);
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
            for (ObjectNode p : store.cache().podsUsingClaim(ns, claim)) {
                if (Pods.nodeName(p) != null && "Pending".equals(Pods.phase(p))) {
                    runtime.ifAvailable(r -> r.enqueue("kubelet", Key.of(p)));
                }
            }
        });
    }
}
