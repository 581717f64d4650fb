package dev.ordinal.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.ordinal.controller.Nodes;
import dev.ordinal.controller.Pods;
import dev.ordinal.controller.WriteOutcome;
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
    private static final int MAX_PASSES = 5;

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

    /**
     * Five: every node's kubelet works on its pods in parallel (Kubernetes runs one pod worker per pod), and a pod's
     * pass waits on its status and attachment writes.
     */
    @Override
    public int workers() {
        return 5;
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
            return Pods.onNode(store.cache(), Json.name(event.object())).stream().map(Key::of).toList();
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
        ObjectNode node = store.cache().read(ResourceTypes.NODE, "", Pods.nodeName(pod), Nodes::withoutVolumeLists)
                .orElse(null);
        Instant now = clock.instant();
        boolean attached = false;
        // A pass may take the pod through several steps (ContainerCreating, volumes, Running, Ready), each planned
        // from the pod as the previous write left it; the steps only go forward, so a few passes always suffice.
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            NodeAgentPlanner.Plan plan = NodeAgentPlanner.plan(snapshot(pod, node, attached, now));
            Step step = execute(key, pod, node, plan.actions(), now);
            if (step.stop() != null) {
                return step.stop();
            }
            if (!plan.replan()) {
                return plan.requeue() == null ? Result.DONE : Result.after(plan.requeue());
            }
            pod = step.pod();
            attached = attached || step.attached();
        }
        return Result.DONE;
    }

    /** What the planner needs for the pod, from the informer cache and this agent's memory. */
    private NodeAgentPlanner.Snapshot snapshot(ObjectNode pod, ObjectNode node, boolean attached, Instant now) {
        Map<String, NodeAgentPlanner.ClaimFacts> claims = new LinkedHashMap<>();
        if (!attached && "Pending".equals(Pods.phase(pod)) && !Json.isTerminating(pod)) {
            for (String claimName : Pods.claimNames(pod)) {
                ObjectNode claim = store.find(ResourceTypes.PERSISTENT_VOLUME_CLAIM, Json.namespace(pod), claimName)
                        .orElse(null);
                String volume = claim == null ? null : Json.str(claim, "spec", "volumeName");
                ObjectNode pv = volume == null ? null
                        : store.find(ResourceTypes.PERSISTENT_VOLUME, null, volume).orElse(null);
                claims.put(claimName, new NodeAgentPlanner.ClaimFacts(claim, pv));
            }
        }
        String uid = Json.uid(pod);
        return new NodeAgentPlanner.Snapshot(pod, node, claims, attached, volumesReadyAt.get(uid), startedAt.get(uid),
                killing.contains(uid), sim, now);
    }

    /**
     * How a plan's execution ended: {@code stop} when the reconcile ends here (with that result), otherwise the pod as
     * the last status write left it and whether the pod's volumes were attached.
     */
    private record Step(Result stop, ObjectNode pod, boolean attached) {
    }

    /**
     * Carries out the planner's actions in order under the {@link WriteOutcome} contract: a status write to a pod
     * that is gone ends the pass where a later step depended on it (ContainerCreating, Running); a refused attach ends
     * it with a retry; removing a pod already gone is done.
     */
    private Step execute(Key key, ObjectNode planned, ObjectNode node, List<NodeAgentAction> actions, Instant now) {
        ObjectNode pod = planned;
        boolean attached = false;
        String uid = Json.uid(planned);
        for (NodeAgentAction action : actions) {
            if (action instanceof NodeAgentAction.WriteStatus w) {
                Optional<ObjectNode> written = writeStatus(pod, statusChange(w.status(), node, now));
                if (written.isEmpty() && stopsIfGone(w.status())) {
                    return new Step(Result.DONE, pod, attached);
                }
                pod = written.orElse(pod);
            } else if (action instanceof NodeAgentAction.ParkUntilKubeletRecovers p) {
                stoppedNodes.add(p.node());
            } else if (action instanceof NodeAgentAction.AttachVolumes a) {
                for (NodeAgentAction.Volume v : a.volumes()) {
                    if (!volumes.attach(pod, v.name(), Pods.nodeName(pod), v.exclusive())) {
                        return new Step(Result.after(NodeAgentPlanner.VOLUME_RETRY), pod, false);
                    }
                }
                attached = true;
            } else if (action instanceof NodeAgentAction.WaitForClaim c) {
                claimWaiters.waitFor(key.namespace(), c.claim(), key);
            } else if (action instanceof NodeAgentAction.NoteVolumesReady) {
                volumesReadyAt.putIfAbsent(uid, now);
            } else if (action instanceof NodeAgentAction.NoteStarted) {
                startedAt.put(Json.uid(pod), now);
                volumesReadyAt.remove(Json.uid(pod));
                recordStarted(planned);
            } else if (action instanceof NodeAgentAction.RecordKilling) {
                if (killing.add(uid)) {
                    for (JsonNode c : Json.list(planned, "spec", "containers")) {
                        events.record(planned, EventRecorder.NORMAL, "Killing",
                                "Stopping container " + Json.str(c, "name"), COMPONENT);
                    }
                }
            } else if (action instanceof NodeAgentAction.ReleaseVolumes) {
                release(pod);
            } else if (action instanceof NodeAgentAction.Forget) {
                forget(pod);
                killing.remove(Json.uid(pod));
            } else if (action instanceof NodeAgentAction.Remove) {
                ObjectNode removed = pod;
                if (WriteOutcome.of(() -> store.delete(ResourceTypes.POD, Json.namespace(removed), Json.name(removed),
                        DeleteOptions.NOW)) == WriteOutcome.STALE) {
                    return new Step(Result.after(Duration.ZERO), pod, attached);
                }
            }
        }
        return new Step(null, pod, attached);
    }

    private static boolean stopsIfGone(NodeAgentAction.Status status) {
        return status == NodeAgentAction.Status.CONTAINER_CREATING || status == NodeAgentAction.Status.RUNNING
                || status == NodeAgentAction.Status.RUNNING_READY;
    }

    private static Consumer<ObjectNode> statusChange(NodeAgentAction.Status status, ObjectNode node, Instant now) {
        JsonNode n = node == null ? Json.object() : node;
        return switch (status) {
            case CONTAINER_CREATING -> p -> PodLifecycle.containerCreating(p, n, now);
            case RUNNING -> p -> PodLifecycle.running(p, n, now, false);
            case RUNNING_READY -> p -> PodLifecycle.running(p, n, now, true);
            case READY -> p -> PodLifecycle.ready(p, now);
            case NOT_READY -> p -> PodLifecycle.notReady(p, now);
            case STOPPING -> p -> PodLifecycle.stopping(p, now);
            case STOPPED_GRACEFULLY -> p -> PodLifecycle.stopped(p, now, true);
            case KILLED -> p -> PodLifecycle.stopped(p, now, false);
            case FAILED -> p -> PodLifecycle.failed(p, now);
        };
    }

    /** Makes a pod fail now, as a crashed container would: phase Failed, its volumes detached. */
    public ObjectNode fail(ObjectNode pod, Instant now) {
        ObjectNode failed = writeStatus(pod, p -> PodLifecycle.failed(p, now)).orElse(pod);
        release(failed);
        return failed;
    }

    /** Detaches the pod's volumes and wakes the pods that may be waiting for them. */
    private void release(ObjectNode pod) {
        List<String> detached = volumes.release(pod);
        if (detached.isEmpty()) {
            return;
        }
        List<ObjectNode> sharing = new ArrayList<>();
        for (String claim : Pods.claimNames(pod)) {
            sharing.addAll(Pods.usingClaim(store.cache(), Json.namespace(pod), claim));
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

    private Optional<ObjectNode> writeStatus(ObjectNode pod, Consumer<ObjectNode> change) {
        return store.modify(ResourceTypes.POD, Json.namespace(pod), Json.name(pod), true, p -> {
            if (Json.uid(p).equals(Json.uid(pod))) {
                change.accept(p);
            }
        });
    }
}
