package dev.ordinal.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.controller.Pods;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.PassThrottle;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.ResourceStore;
import dev.ordinal.store.WatchEvent;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The heartbeats of every simulated kubelet, as the kubelet sends them: it renews its node's Lease in
 * {@code kube-node-lease} (holder the node, duration the grace period, renewed every quarter of it) and posts the
 * node's status when something changed: the conditions back to healthy after an outage (with the kubelet's
 * {@code NodeHasSufficientMemory}, ..., {@code NodeReady} events) and {@code volumesInUse} (the attached volumes its
 * running pods mount; {@code volumesAttached} is the attach/detach controller's). A node whose kubelet is
 * stopped ({@link #STOPPED}, set by {@code POST /apis/ordinal.dev/v1/nodes/{name}/fail}) sends nothing.
 */
@Component
public class NodeHeartbeatReconciler implements Reconciler {
    /** Set on a Node while its simulated kubelet is stopped; the value is when it stopped. */
    public static final String STOPPED = dev.ordinal.controller.Nodes.KUBELET_STOPPED;
    static final String COMPONENT = "kubelet";
    private static final Duration REPORT_EVERY = Duration.ofMinutes(5);
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(java.time.ZoneOffset.UTC);

    private final ResourceStore store;
    private final VolumeAttachments attachments;
    private final EventRecorder events;
    private final Clock clock;
    private final NodeLifecycleProperties settings;
    /**
     * Each node's {@code volumesInUse} as last computed (walking the node's pods is the cost of an idle heartbeat),
     * dropped by {@link #keysFor} whenever a change may alter it.
     */
    private final Map<String, List<String>> volumesInUse = new ConcurrentHashMap<>();
    /** A pass follows every change of a pod with volumes on the node: at most one a second per node. */
    private final PassThrottle throttle = new PassThrottle(Duration.ofSeconds(1));

    public NodeHeartbeatReconciler(ResourceStore store, VolumeAttachments attachments, EventRecorder events,
                                   Clock clock, NodeLifecycleProperties settings) {
        this.store = store;
        this.attachments = attachments;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "nodeheartbeat";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.NODE;
    }

    /**
     * A node's change, or a change of a pod on it (its volumes in use may change). Every change that can alter a
     * node's {@code volumesInUse} (a pod with volumes on it, an attachment to it, any claim or volume) also drops what
     * was computed for it: the informer cache already shows the change when this runs, so the next heartbeat
     * computes from it.
     */
    @Override
    public Collection<Key> keysFor(WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.NODE) && !event.type().equals("DELETED")) {
            return List.of(Key.of(event.object()));
        }
        if (event.resourceType().equals(ResourceTypes.NODE)) {
            volumesInUse.remove(Json.name(event.object()));
        } else if (event.resourceType().equals(ResourceTypes.VOLUME_ATTACHMENT)) {
            String node = Json.str(event.object(), "spec", "nodeName");
            if (node != null) {
                volumesInUse.remove(node);
            }
        } else if (event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME_CLAIM)
                || event.resourceType().equals(ResourceTypes.PERSISTENT_VOLUME)) {
            volumesInUse.clear();
        }
        if (event.resourceType().equals(ResourceTypes.POD) && Pods.nodeName(event.object()) != null
                && Pods.usesVolumes(event.object())) {
            volumesInUse.remove(Pods.nodeName(event.object()));
            return List.of(new Key("", Pods.nodeName(event.object())));
        }
        return List.of();
    }

    public static boolean stopped(JsonNode node) {
        return dev.ordinal.controller.Nodes.kubeletStopped(node);
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.NODE, null, key.name());
        if (found.isEmpty() || stopped(found.get()) || Json.isTerminating(found.get())) {
            return Result.DONE;
        }
        ObjectNode node = found.get();
        Instant now = clock.instant();
        Optional<Duration> wait = throttle.wait(key.name(), now);
        if (wait.isPresent()) {
            return Result.after(wait.get());
        }
        Duration grace = settings.graceOf(node);
        Duration renewEvery = grace.dividedBy(4);
        renewLease(node, grace, renewEvery, now);
        postStatus(node, now);
        return Result.after(renewEvery);
    }

    /** Creates the node's Lease, or renews it once a quarter of its duration has passed. */
    private void renewLease(ObjectNode node, Duration grace, Duration renewEvery, Instant now) {
        String name = Json.name(node);
        int seconds = (int) Math.max(1, Math.ceil(grace.toMillis() / 1000.0));
        Optional<ObjectNode> lease = store.find(ResourceTypes.LEASE, NodeLifecycleReconciler.LEASE_NAMESPACE, name);
        if (lease.isEmpty()) {
            ObjectNode l = Json.object();
            l.put("apiVersion", "coordination.k8s.io/v1");
            l.put("kind", "Lease");
            Json.meta(l).put("name", name);
            Json.meta(l).put("namespace", NodeLifecycleReconciler.LEASE_NAMESPACE);
            ObjectNode owner = Json.meta(l).putArray("ownerReferences").addObject();
            owner.put("apiVersion", "v1");
            owner.put("kind", "Node");
            owner.put("name", name);
            owner.put("uid", Json.uid(node));
            ObjectNode spec = l.putObject("spec");
            spec.put("holderIdentity", name);
            spec.put("leaseDurationSeconds", seconds);
            spec.put("renewTime", MICRO.format(now.truncatedTo(ChronoUnit.MICROS)));
            try {
                store.create(ResourceTypes.LEASE, NodeLifecycleReconciler.LEASE_NAMESPACE, l);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
            return;
        }
        Instant renewed = Json.parseTime(Json.str(lease.get(), "spec", "renewTime"));
        if (renewed != null && now.isBefore(renewed.plus(renewEvery))
                && Json.integer(lease.get(), 0, "spec", "leaseDurationSeconds") == seconds) {
            return;
        }
        store.modify(ResourceTypes.LEASE, NodeLifecycleReconciler.LEASE_NAMESPACE, name, false, l -> {
            ObjectNode spec = Json.with(l, "spec");
            spec.put("holderIdentity", name);
            spec.put("leaseDurationSeconds", seconds);
            spec.put("renewTime", MICRO.format(now.truncatedTo(ChronoUnit.MICROS)));
        });
    }

    /** Posts the node status when a condition is not healthy or the volumes changed. */
    private void postStatus(ObjectNode node, Instant now) {
        String time = Json.time(now);
        List<String> recovered = new ArrayList<>();
        Optional<ObjectNode> written = store.modify(ResourceTypes.NODE, null, Json.name(node), true, n -> {
            recovered.clear();
            if (stopped(n)) {
                return;
            }
            ObjectNode status = Json.with(n, "status");
            for (JsonNode c : Json.list(n, "status", "conditions")) {
                ObjectNode oc = (ObjectNode) c;
                Healthy h = Healthy.of(Json.strOr(oc, "", "type"));
                if (h == null || (h.status.equals(Json.str(oc, "status")) && h.reason.equals(Json.str(oc, "reason")))) {
                    continue;
                }
                oc.put("status", h.status);
                oc.put("reason", h.reason);
                oc.put("message", h.message);
                oc.put("lastHeartbeatTime", time);
                oc.put("lastTransitionTime", time);
                recovered.add(h.event);
            }
            if (!recovered.isEmpty() || reportDue(n, now)) {
                for (JsonNode c : Json.list(n, "status", "conditions")) {
                    ((ObjectNode) c).put("lastHeartbeatTime", time);
                }
            }
            setVolumes(status, Json.name(n));
        });
        if (written.isPresent()) {
            for (String reason : recovered) {
                events.record(written.get(), EventRecorder.NORMAL, reason,
                        "Node " + Json.name(node) + " status is now: " + reason, COMPONENT);
            }
        }
    }

    /**
     * Whether the kubelet's periodic report is due although nothing changed ({@code nodeStatusReportFrequency}, 5
     * minutes): the Ready condition's heartbeat is older than that.
     */
    private static boolean reportDue(JsonNode node, Instant now) {
        for (JsonNode c : Json.list(node, "status", "conditions")) {
            if ("Ready".equals(Json.str(c, "type"))) {
                String beat = Json.str(c, "lastHeartbeatTime");
                return beat == null || beat.isEmpty() || Json.parseTime(beat).plus(REPORT_EVERY).isBefore(now);
            }
        }
        return false;
    }

    /** {@code volumesInUse}: the attached volumes the node's running pods mount. */
    private void setVolumes(ObjectNode status, String node) {
        List<String> inUse = volumesInUse.computeIfAbsent(node, this::computeVolumesInUse);
        if (inUse.isEmpty()) {
            status.remove("volumesInUse");
        } else {
            ArrayNode a = status.putArray("volumesInUse");
            inUse.forEach(a::add);
        }
    }

    /** The unique names of the attached volumes the node's running pods mount, sorted by volume name. */
    private List<String> computeVolumesInUse(String node) {
        List<String> attached = attachments.volumesOn(node);
        Set<String> inUse = new LinkedHashSet<>();
        for (String[] claim : Pods.claimsOnNode(store.cache(), Pods.RUNNING_ON_NODE, node)) {
            String volume = Pods.volumeOfClaim(store.cache(), claim[0], claim[1]);
            if (volume != null && attached.contains(volume)) {
                inUse.add(volume);
            }
        }
        return inUse.stream().sorted().map(attachments::uniqueName).toList();
    }

    /** The healthy value of each node condition the kubelet posts, and the event it records on reaching it. */
    private enum Healthy {
        MEMORY("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
                "NodeHasSufficientMemory"),
        DISK("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
                "NodeHasNoDiskPressure"),
        PID("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                "NodeHasSufficientPID"),
        READY("Ready", "True", "KubeletReady", "kubelet is posting ready status", "NodeReady");

        final String type;
        final String status;
        final String reason;
        final String message;
        final String event;

        Healthy(String type, String status, String reason, String message, String event) {
            this.type = type;
            this.status = status;
            this.reason = reason;
            this.message = message;
            this.event = event;
        }

        static Healthy of(String type) {
            for (Healthy h : values()) {
                if (h.type.equals(type)) {
                    return h;
                }
            }
            return null;
        }
    }
}
