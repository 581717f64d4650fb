package dev.ordinal.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.ControllerRuntime;
import dev.ordinal.reconcile.Key;
import dev.ordinal.reconcile.Reconciler;
import dev.ordinal.reconcile.Result;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ResourceStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated kubelet of every node, as KWOK does it: a scheduled pod shows ContainerCreating until its volumes
 * are bound and attached to its node, then Running after the start delay, then Ready after the readiness delay.
 * Annotations override the delays per pod and inject failures; a deleted pod stays Terminating for the simulated
 * grace period (never longer than its own), its volumes are detached, and it is removed.
 */
@Component
public class NodeAgentReconciler implements Reconciler {
    public static final String START_SECONDS = "sim.ordinal.dev/start-seconds";
    public static final String READY_SECONDS = "sim.ordinal.dev/ready-seconds";
    public static final String FAIL_AFTER_SECONDS = "sim.ordinal.dev/fail-after-seconds";
    public static final String NEVER_READY = "sim.ordinal.dev/never-ready";
    static final String COMPONENT = "kubelet";

    private final ResourceStore store;
    private final VolumeManager volumes;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulationProperties sim;
    private final ObjectProvider<ControllerRuntime> runtime;
    private final Set<String> killing = ConcurrentHashMap.newKeySet();
    /** Nodes whose kubelet is stopped and that left a pod as it was: their pods are woken when it recovers. */
    private final Set<String> stoppedNodes = ConcurrentHashMap.newKeySet();
    private final ClaimWaiters claimWaiters = new ClaimWaiters();
    /**
     * When each pod's volumes became ready and when it started running, to the millisecond: the status times have
     * second precision, so delays measured from them would be up to a second short (a 1s start delay could be 0s).
     * After a restart the status times are used.
     */
    private final Map<String, Instant> volumesReadyAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

    public NodeAgentReconciler(ResourceStore store, VolumeManager volumes, EventRecorder events, Clock clock,
                               SimulationProperties sim, ObjectProvider<ControllerRuntime> runtime) {
        this.store = store;
        this.volumes = volumes;
        this.events = events;
        this.clock = clock;
        this.sim = sim;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "kubelet";
    }

    @Override
    public ResourceType primaryType() {
        return ResourceTypes.POD;
    }

    /** A pod change wakes the pod; a claim change wakes the pods waiting for that claim to bind. */
    @Override
    public java.util.Collection<Key> keysFor(dev.ordinal.store.WatchEvent event) {
        if (event.resourceType().equals(ResourceTypes.NODE)
                && !dev.ordinal.controller.Nodes.kubeletStopped(event.object())
                && stoppedNodes.remove(Json.name(event.object()))) {
            // The kubelet is back: it goes over the pods it left as they were.
            return store.cache().podsOnNode(Json.name(event.object())).stream().map(Key::of).toList();
        }
        if (event.resourceType().equals(ResourceTypes.POD) && event.type().equals("DELETED")) {
            // Whatever this agent remembered about the pod goes with it, however it was removed.
            forget(event.object());
            killing.remove(Json.uid(event.object()));
            volumes.forget(Json.uid(event.object()));
        }
        return claimWaiters.wake(event);
    }

    @Override
    public Result reconcile(Key key) {
        Optional<ObjectNode> found = store.find(ResourceTypes.POD, key.namespace(), key.name());
        if (found.isEmpty() || Pods.nodeName(found.get()) == null) {
            return Result.DONE;
        }
        ObjectNode pod = found.get();
        if (store.cache().get(ResourceTypes.NODE, "", Pods.nodeName(pod))
                .map(dev.ordinal.controller.Nodes::kubeletStopped).orElse(false)) {
            // This node's kubelet is stopped: the pod stays as it was recorded until the kubelet recovers.
            stoppedNodes.add(Pods.nodeName(pod));
            return Result.DONE;
        }
        Instant now = clock.instant();
        if (Json.isTerminating(pod)) {
            return terminate(pod, now);
        }
        if (Pods.isTerminated(pod)) {
            forget(pod);
            release(pod);
            return Result.DONE;
        }
        if (Json.list(pod, "status", "containerStatuses").isEmpty()) {
            pod = writeStatus(pod, p -> PodLifecycle.containerCreating(p, nodeOf(p), now)).orElse(null);
            if (pod == null) {
                return Result.DONE;
            }
        }
        if (Pods.phase(pod).equals("Pending")) {
            Optional<VolumeManager.Waiting> waiting = volumes.prepare(pod);
            if (waiting.isPresent()) {
                if (waiting.get().claim() != null) {
                    claimWaiters.waitFor(key.namespace(), waiting.get().claim(), key);
                }
                return Result.after(waiting.get().retry());
            }
            Instant startAt = volumesReadyAt.computeIfAbsent(Json.uid(pod), uid -> now)
                    .plusMillis(millis(Pods.seconds(pod, START_SECONDS, sim.startSeconds())));
            if (now.isBefore(startAt)) {
                return Result.after(Duration.between(now, startAt));
            }
            boolean readyNow = !neverReady(pod) && Pods.seconds(pod, READY_SECONDS, sim.readySeconds()) <= 0;
            ObjectNode started = pod;
            pod = writeStatus(pod, p -> PodLifecycle.running(p, nodeOf(p), now, readyNow)).orElse(null);
            if (pod == null) {
                return Result.DONE;
            }
            startedAt.put(Json.uid(pod), now);
            volumesReadyAt.remove(Json.uid(pod));
            recordStarted(started);
        }
        if (!Pods.phase(pod).equals("Running")) {
            return Result.DONE;
        }
        Instant runningSince = startedAt.getOrDefault(Json.uid(pod), runningSince(pod));
        double failAfter = Pods.seconds(pod, FAIL_AFTER_SECONDS, -1);
        Instant failAt = failAfter >= 0 ? runningSince.plusMillis(millis(failAfter)) : null;
        if (failAt != null && !now.isBefore(failAt)) {
            fail(pod, now);
            return Result.DONE;
        }
        if (neverReady(pod) && Pods.conditionTrue(pod, "Ready")) {
            // The readiness probe starts failing: the kubelet marks the containers and the pod not ready.
            writeStatus(pod, p -> PodLifecycle.notReady(p, now));
        } else if (!neverReady(pod) && !Pods.conditionTrue(pod, "Ready")) {
            Instant readyAt = runningSince.plusMillis(millis(Pods.seconds(pod, READY_SECONDS, sim.readySeconds())));
            if (now.isBefore(readyAt)) {
                return Result.after(earliest(Duration.between(now, readyAt), failAt, now));
            }
            writeStatus(pod, p -> PodLifecycle.ready(p, now));
        }
        return failAt != null ? Result.after(Duration.between(now, failAt)) : Result.DONE;
    }

    /** Makes a pod fail now, as a crashed container would: phase Failed, its volumes detached. */
    public ObjectNode fail(ObjectNode pod, Instant now) {
        ObjectNode failed = writeStatus(pod, p -> PodLifecycle.failed(p, now)).orElse(pod);
        release(failed);
        return failed;
    }

    /**
     * A pod marked for deletion: its containers are stopped (not ready at once, stopped after the simulated grace
     * period) whatever its finalizers, then the pod is removed; a pod held by finalizers keeps its terminal status and
     * waits for them, with its grace period set to 0 so that removing the last finalizer removes it.
     */
    private Result terminate(ObjectNode pod, Instant now) {
        Instant deletionAt = Json.parseTime(Json.str(pod, "metadata", "deletionTimestamp"));
        long grace = Json.at(pod, "metadata", "deletionGracePeriodSeconds").asLong(0);
        Instant requested = deletionAt.minusSeconds(grace);
        Instant removeAt = requested.plusMillis(millis(Math.min(sim.terminationGraceSeconds(), grace)));
        boolean stopped = Pods.isTerminated(pod);
        if (!stopped && killing.add(Json.uid(pod))) {
            for (JsonNode c : Json.list(pod, "spec", "containers")) {
                events.record(pod, EventRecorder.NORMAL, "Killing", "Stopping container " + Json.str(c, "name"),
                        COMPONENT);
            }
        }
        if (now.isBefore(removeAt) && Pods.conditionTrue(pod, "Ready")) {
            // A stopping container is no longer ready, as the kubelet reports while the grace period runs.
            writeStatus(pod, p -> PodLifecycle.stopping(p, now));
        }
        if (now.isBefore(removeAt)) {
            return Result.after(Duration.between(now, removeAt));
        }
        boolean held = !ResourceStore.finalizers(pod).isEmpty();
        if (held && !stopped) {
            boolean graceful = grace > 0 && "Running".equals(Pods.phase(pod));
            pod = writeStatus(pod, p -> PodLifecycle.stopped(p, now, graceful)).orElse(pod);
        }
        release(pod);
        forget(pod);
        killing.remove(Json.uid(pod));
        if (held && grace == 0) {
            return Result.DONE; // Already as the kubelet leaves it: removed when its last finalizer goes.
        }
        try {
            store.delete(ResourceTypes.POD, Json.namespace(pod), Json.name(pod), DeleteOptions.NOW);
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
        return Result.DONE;
    }

    /** Detaches the pod's volumes and wakes the pods that may be waiting for them. */
    private void release(ObjectNode pod) {
        List<String> detached = volumes.release(pod);
        if (detached.isEmpty()) {
            return;
        }
        List<ObjectNode> sharing = new ArrayList<>();
        for (String claim : Pods.claimNames(pod)) {
            sharing.addAll(store.cache().podsUsingClaim(Json.namespace(pod), claim));
        }
        for (ObjectNode p : sharing) {
            if (Pods.phase(p).equals("Pending") && Pods.nodeName(p) != null && !Json.uid(p).equals(Json.uid(pod))) {
                runtime.ifAvailable(r -> r.enqueue(name(), Key.of(p)));
            }
        }
    }

    private void forget(JsonNode pod) {
        volumesReadyAt.remove(Json.uid(pod));
        startedAt.remove(Json.uid(pod));
    }

    private void recordStarted(ObjectNode pod) {
        for (JsonNode c : Json.list(pod, "spec", "containers")) {
            String name = Json.str(c, "name");
            events.record(pod, EventRecorder.NORMAL, "Pulled", "Container image \"" + Json.str(c, "image")
                    + "\" already present on machine", COMPONENT);
            events.record(pod, EventRecorder.NORMAL, "Created", "Created container: " + name, COMPONENT);
            events.record(pod, EventRecorder.NORMAL, "Started", "Started container: " + name, COMPONENT);
        }
    }

    private Optional<ObjectNode> writeStatus(ObjectNode pod, java.util.function.Consumer<ObjectNode> change) {
        return store.modify(ResourceTypes.POD, Json.namespace(pod), Json.name(pod), true, p -> {
            if (Json.uid(p).equals(Json.uid(pod))) {
                change.accept(p);
            }
        });
    }

    private ObjectNode nodeOf(ObjectNode pod) {
        return store.find(ResourceTypes.NODE, null, Pods.nodeName(pod)).orElse(Json.object());
    }

    private static boolean neverReady(JsonNode pod) {
        return "true".equalsIgnoreCase(Json.annotation(pod, NEVER_READY));
    }

    private static Instant runningSince(JsonNode pod) {
        for (JsonNode cs : Json.list(pod, "status", "containerStatuses")) {
            String started = Json.str(cs, "state", "running", "startedAt");
            if (started != null) {
                return Instant.parse(started);
            }
        }
        return Instant.parse(Json.str(pod, "status", "startTime"));
    }

    private static Duration earliest(Duration d, Instant failAt, Instant now) {
        if (failAt == null) {
            return d;
        }
        Duration f = Duration.between(now, failAt);
        return f.compareTo(d) < 0 ? f : d;
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
