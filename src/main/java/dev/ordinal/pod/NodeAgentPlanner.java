package dev.ordinal.pod;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ordinal.controller.Nodes;
import dev.ordinal.controller.Pods;
import dev.ordinal.controller.VolumeAttachments;
import dev.ordinal.core.Json;
import dev.ordinal.pod.NodeAgentAction.Status;
import dev.ordinal.store.ResourceStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated kubelet's decision for one pod, pure: no store, no clock, no I/O. A scheduled pod shows
 * ContainerCreating until its claims are bound and their volumes attached to its node, then Running after the start
 * delay, then Ready after the readiness delay; annotations override the delays and inject failures. A deleted pod
 * stops being ready, stays Terminating for the simulated grace period (never longer than its own), has its volumes
 * released, and is removed (or, held by finalizers, left with its terminal status).
 */
final class NodeAgentPlanner {
    /** How long a pod waiting for a claim or a volume waits before it is looked at again. */
    static final Duration VOLUME_RETRY = Duration.ofSeconds(2);

    private NodeAgentPlanner() {
    }

    /**
     * One of the pod's claims as the kubelet sees it.
     *
     * @param claim  the claim, or null when it does not exist
     * @param volume the PersistentVolume it is bound to, or null
     */
    record ClaimFacts(ObjectNode claim, ObjectNode volume) {
    }

    /**
     * What the kubelet reads for one pod.
     *
     * @param pod              the pod, bound to a node
     * @param node             its Node, or null when it does not exist
     * @param claims           the pod's claims by name, in the order the pod mounts them
     * @param volumesAttached  whether this reconcile has already attached every volume the pod needs
     * @param volumesReadyAt   when the pod's volumes were found ready, as remembered, or null
     * @param startedAt        when its containers started, as remembered, or null (the status times are used)
     * @param killingRecorded  whether Killing was already recorded for the pod
     * @param sim              the simulation's delays
     * @param now              the time of the decision
     */
    record Snapshot(ObjectNode pod, ObjectNode node, Map<String, ClaimFacts> claims, boolean volumesAttached,
                    Instant volumesReadyAt, Instant startedAt, boolean killingRecorded, SimulationProperties sim,
                    Instant now) {
    }

    /**
     * The decision.
     *
     * @param actions  what to do, in order
     * @param requeue  when to look again, or null
     * @param replan   whether to plan again at once from the pod as the last status write left it (the next step
     *                 of its life may follow in the same pass)
     */
    record Plan(List<NodeAgentAction> actions, Duration requeue, boolean replan) {
        static Plan done(List<NodeAgentAction> actions) {
            return new Plan(actions, null, false);
        }
    }

    static Plan plan(Snapshot s) {
        ObjectNode pod = s.pod();
        String nodeName = Pods.nodeName(pod);
        if (nodeName == null) {
            return Plan.done(List.of());
        }
        if (s.node() != null && Nodes.kubeletStopped(s.node())) {
            return Plan.done(List.of(new NodeAgentAction.ParkUntilKubeletRecovers(nodeName)));
        }
        if (Json.isTerminating(pod)) {
            return terminate(s);
        }
        if (Pods.isTerminated(pod)) {
            return Plan.done(List.of(new NodeAgentAction.Forget(), new NodeAgentAction.ReleaseVolumes()));
        }
        if (Json.list(pod, "status", "containerStatuses").isEmpty()) {
            return new Plan(List.of(new NodeAgentAction.WriteStatus(Status.CONTAINER_CREATING)), null, true);
        }
        if (Pods.phase(pod).equals("Pending")) {
            return s.volumesAttached() ? start(s) : attach(s);
        }
        if (!Pods.phase(pod).equals("Running")) {
            return Plan.done(List.of());
        }
        return run(s);
    }

    /** The pod's volumes, claim by claim: attached as far as their claims are bound, then a wait for the first that is not. */
    private static Plan attach(Snapshot s) {
        List<NodeAgentAction.Volume> volumes = new ArrayList<>();
        String waitingFor = null;
        for (String claimName : Pods.claimNames(s.pod())) {
            ClaimFacts facts = s.claims().get(claimName);
            ObjectNode claim = facts == null ? null : facts.claim();
            String volumeName = claim == null ? null : Json.str(claim, "spec", "volumeName");
            if (claim == null || !"Bound".equals(Json.str(claim, "status", "phase")) || volumeName == null
                    || facts.volume() == null) {
                waitingFor = claimName;
                break;
            }
            volumes.add(new NodeAgentAction.Volume(volumeName, VolumeAttachments.isMultiAttachForbidden(facts.volume())));
        }
        List<NodeAgentAction> actions = new ArrayList<>();
        actions.add(new NodeAgentAction.AttachVolumes(volumes));
        if (waitingFor != null) {
            actions.add(new NodeAgentAction.WaitForClaim(waitingFor));
            return new Plan(actions, VOLUME_RETRY, false);
        }
        return new Plan(actions, null, true);
    }

    /** Volumes ready: the containers start once the start delay since then is over. */
    private static Plan start(Snapshot s) {
        ObjectNode pod = s.pod();
        List<NodeAgentAction> actions = new ArrayList<>();
        Instant readySince = s.volumesReadyAt();
        if (readySince == null) {
            readySince = s.now();
            actions.add(new NodeAgentAction.NoteVolumesReady());
        }
        Instant startAt = readySince.plusMillis(millis(Pods.seconds(pod, NodeAgentReconciler.START_SECONDS,
                s.sim().startSeconds())));
        if (s.now().isBefore(startAt)) {
            return new Plan(actions, Duration.between(s.now(), startAt), false);
        }
        boolean readyNow = !neverReady(pod)
                && Pods.seconds(pod, NodeAgentReconciler.READY_SECONDS, s.sim().readySeconds()) <= 0;
        actions.add(new NodeAgentAction.WriteStatus(readyNow ? Status.RUNNING_READY : Status.RUNNING));
        actions.add(new NodeAgentAction.NoteStarted());
        return new Plan(actions, null, true);
    }

    /** Running: failure injection, then readiness (or the readiness probe failing). */
    private static Plan run(Snapshot s) {
        ObjectNode pod = s.pod();
        Instant now = s.now();
        Instant runningSince = s.startedAt() != null ? s.startedAt() : runningSince(pod);
        double failAfter = Pods.seconds(pod, NodeAgentReconciler.FAIL_AFTER_SECONDS, -1);
        Instant failAt = failAfter >= 0 ? runningSince.plusMillis(millis(failAfter)) : null;
        if (failAt != null && !now.isBefore(failAt)) {
            return Plan.done(List.of(new NodeAgentAction.WriteStatus(Status.FAILED), new NodeAgentAction.ReleaseVolumes()));
        }
        Duration untilFail = failAt == null ? null : Duration.between(now, failAt);
        if (neverReady(pod) && Pods.conditionTrue(pod, "Ready")) {
            return new Plan(List.of(new NodeAgentAction.WriteStatus(Status.NOT_READY)), untilFail, false);
        }
        if (!neverReady(pod) && !Pods.conditionTrue(pod, "Ready")) {
            Instant readyAt = runningSince.plusMillis(millis(Pods.seconds(pod, NodeAgentReconciler.READY_SECONDS,
                    s.sim().readySeconds())));
            if (now.isBefore(readyAt)) {
                Duration untilReady = Duration.between(now, readyAt);
                return new Plan(List.of(), untilFail != null && untilFail.compareTo(untilReady) < 0 ? untilFail
                        : untilReady, false);
            }
            return new Plan(List.of(new NodeAgentAction.WriteStatus(Status.READY)), untilFail, false);
        }
        return new Plan(List.of(), untilFail, false);
    }

    /**
     * A pod marked for deletion: its containers are stopped (not ready at once, stopped after the simulated grace
     * period) whatever its finalizers, then the pod is removed; a pod held by finalizers keeps its terminal status and
     * waits for them, with its grace period set to 0 so that removing the last finalizer removes it.
     */
    private static Plan terminate(Snapshot s) {
        ObjectNode pod = s.pod();
        Instant now = s.now();
        Instant deletionAt = Json.parseTime(Json.str(pod, "metadata", "deletionTimestamp"));
        long grace = Json.at(pod, "metadata", "deletionGracePeriodSeconds").asLong(0);
        Instant requested = deletionAt.minusSeconds(grace);
        Instant removeAt = requested.plusMillis(millis(Math.min(s.sim().terminationGraceSeconds(), grace)));
        boolean stopped = Pods.isTerminated(pod);
        List<NodeAgentAction> actions = new ArrayList<>();
        if (!stopped && !s.killingRecorded()) {
            actions.add(new NodeAgentAction.RecordKilling());
        }
        if (now.isBefore(removeAt)) {
            if (Pods.conditionTrue(pod, "Ready")) {
                actions.add(new NodeAgentAction.WriteStatus(Status.STOPPING));
            }
            return new Plan(actions, Duration.between(now, removeAt), false);
        }
        boolean held = !ResourceStore.finalizers(pod).isEmpty();
        if (held && !stopped) {
            boolean graceful = grace > 0 && "Running".equals(Pods.phase(pod));
            actions.add(new NodeAgentAction.WriteStatus(graceful ? Status.STOPPED_GRACEFULLY : Status.KILLED));
        }
        actions.add(new NodeAgentAction.ReleaseVolumes());
        actions.add(new NodeAgentAction.Forget());
        if (!(held && grace == 0)) {
            actions.add(new NodeAgentAction.Remove());
        }
        return Plan.done(actions);
    }

    static boolean neverReady(JsonNode pod) {
        return "true".equalsIgnoreCase(Json.annotation(pod, NodeAgentReconciler.NEVER_READY));
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

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }
}
