package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.pod.NodeAgentAction.AttachVolumes;
import dev.ordinal.pod.NodeAgentAction.Forget;
import dev.ordinal.pod.NodeAgentAction.NoteStarted;
import dev.ordinal.pod.NodeAgentAction.NoteVolumesReady;
import dev.ordinal.pod.NodeAgentAction.ParkUntilKubeletRecovers;
import dev.ordinal.pod.NodeAgentAction.RecordKilling;
import dev.ordinal.pod.NodeAgentAction.ReleaseVolumes;
import dev.ordinal.pod.NodeAgentAction.Remove;
import dev.ordinal.pod.NodeAgentAction.Status;
import dev.ordinal.pod.NodeAgentAction.Volume;
import dev.ordinal.pod.NodeAgentAction.WaitForClaim;
import dev.ordinal.pod.NodeAgentAction.WriteStatus;
import dev.ordinal.pod.NodeAgentPlanner.ClaimFacts;
import dev.ordinal.pod.NodeAgentPlanner.Plan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated kubelet's decisions, pure: a pod scheduled to {@code node-1}, with a 1s start and 2s readiness delay,
 * changed one field per case.
 */
class NodeAgentPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    /** A fixture: the pod, its node and claims, what the agent remembers, and the simulation's delays. */
    private static final class Kubelet {
        final ObjectNode pod = pod();
        final ObjectNode node = node();
        final Map<String, ClaimFacts> claims = new LinkedHashMap<>();
        boolean volumesAttached;
        Instant volumesReadyAt;
        Instant startedAt;
        boolean killingRecorded;
        SimulationProperties sim = new SimulationProperties(1, 2, 30);

        Kubelet mounting(String claim) {
            Json.with(pod, "spec").withArray("volumes").addObject().put("name", claim)
                    .putObject("persistentVolumeClaim").put("claimName", claim);
            return this;
        }

        Kubelet pending() {
            ObjectNode st = Json.with(pod, "status");
            st.put("phase", "Pending").put("startTime", "2026-01-01T00:00:05Z");
            st.putArray("containerStatuses").addObject().put("name", "c").put("ready", false);
            return this;
        }

        Kubelet running(String startedAt, boolean ready) {
            ObjectNode st = Json.with(pod, "status");
            st.put("phase", "Running").put("startTime", "2026-01-01T00:00:05Z");
            st.putArray("containerStatuses").addObject().put("name", "c").put("ready", ready)
                    .putObject("state").putObject("running").put("startedAt", startedAt);
            st.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False");
            return this;
        }

        Kubelet annotated(String key, String value) {
            Json.setAnnotation(pod, key, value);
            return this;
        }

        Kubelet deleted(String at, long grace) {
            Json.meta(pod).put("deletionTimestamp", at).put("deletionGracePeriodSeconds", grace);
            return this;
        }

        Plan plan() {
            return NodeAgentPlanner.plan(new NodeAgentPlanner.Snapshot(pod, node, claims, volumesAttached,
                    volumesReadyAt, startedAt, killingRecorded, sim, NOW));
        }
    }

    private static ObjectNode pod() {
        ObjectNode p = Json.object();
        p.putObject("metadata").put("name", "web-0").put("namespace", "default").put("uid", "uid-web-0")
                .put("creationTimestamp", "2026-01-01T00:00:00Z");
        ObjectNode spec = p.putObject("spec");
        spec.put("nodeName", "node-1");
        spec.putArray("containers").addObject().put("name", "c").put("image", "nginx");
        return p;
    }

    private static ObjectNode node() {
        ObjectNode n = Json.object();
        n.putObject("metadata").put("name", "node-1");
        return n;
    }

    private static ClaimFacts bound(String volume, String... accessModes) {
        ObjectNode c = Json.object();
        c.putObject("metadata").put("name", "www").put("namespace", "default");
        c.putObject("spec").put("volumeName", volume);
        c.putObject("status").put("phase", "Bound");
        ObjectNode pv = Json.object();
        pv.putObject("metadata").put("name", volume);
        List.of(accessModes).forEach(Json.with(pv, "spec").putArray("accessModes")::add);
        return new ClaimFacts(c, pv);
    }

    @Test
    void aNewlyScheduledPodShowsContainerCreatingAndGoesOn() {
        Plan plan = new Kubelet().plan();

        assertThat(plan.actions()).containsExactly(new WriteStatus(Status.CONTAINER_CREATING));
        assertThat(plan.replan()).isTrue();
    }

    @Test
    void anUnscheduledPodNeedsNothing() {
        Kubelet k = new Kubelet();
        Json.with(k.pod, "spec").remove("nodeName");

        Plan plan = k.plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeue()).isNull();
        assertThat(plan.replan()).isFalse();
    }

    @Test
    void aStoppedKubeletLeavesThePodAsItIs() {
        Kubelet k = new Kubelet();
        Json.setAnnotation(k.node, "sim.ordinal.dev/kubelet-stopped", "true");

        assertThat(k.plan().actions()).containsExactly(new ParkUntilKubeletRecovers("node-1"));
    }

    @Test
    void aPendingPodWithoutClaimsHasNothingToAttachAndGoesOn() {
        Plan plan = new Kubelet().pending().plan();

        assertThat(plan.actions()).containsExactly(new AttachVolumes(List.of()));
        assertThat(plan.replan()).isTrue();
    }

    @Test
    void aBoundReadWriteOnceClaimHasItsVolumeAttachedExclusively() {
        Kubelet k = new Kubelet().pending().mounting("www");
        k.claims.put("www", bound("pv-1", "ReadWriteOnce"));

        assertThat(k.plan().actions()).containsExactly(new AttachVolumes(List.of(new Volume("pv-1", true))));
    }

    @Test
    void aReadWriteManyVolumeMayBeAttachedAnywhere() {
        Kubelet k = new Kubelet().pending().mounting("www");
        k.claims.put("www", bound("pv-1", "ReadWriteMany"));

        assertThat(k.plan().actions()).containsExactly(new AttachVolumes(List.of(new Volume("pv-1", false))));
    }

    @Test
    void anUnboundClaimIsWaitedForAfterTheClaimsBeforeItAreAttached() {
        Kubelet k = new Kubelet().pending().mounting("www").mounting("data");
        k.claims.put("www", bound("pv-1", "ReadWriteOnce"));
        k.claims.put("data", new ClaimFacts(Json.object(), null));

        Plan plan = k.plan();

        assertThat(plan.actions()).containsExactly(new AttachVolumes(List.of(new Volume("pv-1", true))),
                new WaitForClaim("data"));
        assertThat(plan.requeue()).isEqualTo(NodeAgentPlanner.VOLUME_RETRY);
        assertThat(plan.replan()).isFalse();
    }

    @Test
    void aMissingClaimIsWaitedFor() {
        Kubelet k = new Kubelet().pending().mounting("www");

        assertThat(k.plan().actions()).containsExactly(new AttachVolumes(List.of()), new WaitForClaim("www"));
    }

    @Test
    void aBoundClaimWhoseVolumeIsMissingIsWaitedFor() {
        Kubelet k = new Kubelet().pending().mounting("www");
        k.claims.put("www", new ClaimFacts(bound("pv-1").claim(), null));

        assertThat(k.plan().actions()).containsExactly(new AttachVolumes(List.of()), new WaitForClaim("www"));
    }

    @Test
    void volumesJustReadyStartTheStartDelay() {
        Kubelet k = new Kubelet().pending();
        k.volumesAttached = true;

        Plan plan = k.plan();

        assertThat(plan.actions()).containsExactly(new NoteVolumesReady());
        assertThat(plan.requeue()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theStartAnnotationOverridesTheStartDelay() {
        Kubelet k = new Kubelet().pending().annotated(NodeAgentReconciler.START_SECONDS, "0.5");
        k.volumesAttached = true;

        assertThat(k.plan().requeue()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theContainersStartOnceTheStartDelayIsOver() {
        Kubelet k = new Kubelet().pending();
        k.volumesAttached = true;
        k.volumesReadyAt = NOW.minusSeconds(1);

        Plan plan = k.plan();

        assertThat(plan.actions()).containsExactly(new WriteStatus(Status.RUNNING), new NoteStarted());
        assertThat(plan.replan()).isTrue();
    }

    @Test
    void withoutAReadinessDelayTheContainersStartReady() {
        Kubelet k = new Kubelet().pending();
        k.sim = new SimulationProperties(0, 0, 0);
        k.volumesAttached = true;

        assertThat(k.plan().actions()).containsExactly(new NoteVolumesReady(), new WriteStatus(Status.RUNNING_READY),
                new NoteStarted());
    }

    @Test
    void aNeverReadyPodStartsNotReadyEvenWithoutAReadinessDelay() {
        Kubelet k = new Kubelet().pending().annotated(NodeAgentReconciler.NEVER_READY, "true");
        k.sim = new SimulationProperties(0, 0, 0);
        k.volumesAttached = true;

        assertThat(k.plan().actions()).contains(new WriteStatus(Status.RUNNING));
    }

    @Test
    void aRunningPodWaitsForTheReadinessDelay() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:09Z", false).plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeue()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theReadinessDelayRunsFromTheRememberedStartToTheMillisecond() {
        Kubelet k = new Kubelet().running("2026-01-01T00:00:09Z", false);
        k.startedAt = Instant.parse("2026-01-01T00:00:09.400Z");

        assertThat(k.plan().requeue()).isEqualTo(Duration.ofMillis(1400));
    }

    @Test
    void aRunningPodBecomesReadyOnceTheReadinessDelayIsOver() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:08Z", false).plan();

        assertThat(plan.actions()).containsExactly(new WriteStatus(Status.READY));
        assertThat(plan.requeue()).isNull();
    }

    @Test
    void aReadyPodNeedsNothing() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:00Z", true).plan();

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.requeue()).isNull();
    }

    @Test
    void aNeverReadyPodThatIsReadyIsMarkedNotReady() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:00Z", true)
                .annotated(NodeAgentReconciler.NEVER_READY, "true").plan();

        assertThat(plan.actions()).containsExactly(new WriteStatus(Status.NOT_READY));
    }

    @Test
    void aPodToFailLaterIsLookedAtWhenItFailsOrBecomesReadyWhicheverIsFirst() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:09Z", false)
                .annotated(NodeAgentReconciler.FAIL_AFTER_SECONDS, "1.5").plan();

        assertThat(plan.requeue()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aPodFailsOnceItsFailureTimeIsReachedAndReleasesItsVolumes() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:05Z", true)
                .annotated(NodeAgentReconciler.FAIL_AFTER_SECONDS, "5").plan();

        assertThat(plan.actions()).containsExactly(new WriteStatus(Status.FAILED), new ReleaseVolumes());
        assertThat(plan.requeue()).isNull();
    }

    @Test
    void aFinishedPodReleasesItsVolumesAndIsForgotten() {
        Kubelet k = new Kubelet();
        Json.with(k.pod, "status").put("phase", "Succeeded");

        assertThat(k.plan().actions()).containsExactly(new Forget(), new ReleaseVolumes());
    }

    @Test
    void aDeletedReadyPodRecordsKillingStopsBeingReadyAndWaitsForTheGracePeriod() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:00Z", true).deleted("2026-01-01T00:00:39Z", 30).plan();

        assertThat(plan.actions()).containsExactly(new RecordKilling(), new WriteStatus(Status.STOPPING));
        assertThat(plan.requeue()).isEqualTo(Duration.ofSeconds(29));
    }

    @Test
    void theSimulatedGracePeriodIsNeverLongerThanThePodsOwn() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:00Z", false).deleted("2026-01-01T00:00:14Z", 5).plan();

        assertThat(plan.actions()).containsExactly(new RecordKilling());
        assertThat(plan.requeue()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void killingIsRecordedOncePerPod() {
        Kubelet k = new Kubelet().running("2026-01-01T00:00:00Z", false).deleted("2026-01-01T00:00:39Z", 30);
        k.killingRecorded = true;

        assertThat(k.plan().actions()).isEmpty();
    }

    @Test
    void aDeletedPodIsRemovedOnceTheGracePeriodIsOver() {
        Plan plan = new Kubelet().running("2026-01-01T00:00:00Z", false).deleted("2026-01-01T00:00:10Z", 30).plan();

        assertThat(plan.actions()).containsExactly(new RecordKilling(), new ReleaseVolumes(), new Forget(),
                new Remove());
    }

    @Test
    void aDeletedPodHeldByFinalizersIsStoppedGracefullyAndStillRemovedWhileItHasAGracePeriod() {
        Kubelet k = new Kubelet().running("2026-01-01T00:00:00Z", false).deleted("2026-01-01T00:00:10Z", 30);
        Json.meta(k.pod).putArray("finalizers").add("example.com/hold");

        assertThat(k.plan().actions()).containsExactly(new RecordKilling(), new WriteStatus(Status.STOPPED_GRACEFULLY),
                new ReleaseVolumes(), new Forget(), new Remove());
    }

    @Test
    void aPodHeldByFinalizersKilledWithoutGracePeriodKeepsItsTerminalStatusAndIsNotRemoved() {
        Kubelet k = new Kubelet().running("2026-01-01T00:00:00Z", false).deleted("2026-01-01T00:00:10Z", 0);
        Json.meta(k.pod).putArray("finalizers").add("example.com/hold");

        assertThat(k.plan().actions()).containsExactly(new RecordKilling(), new WriteStatus(Status.KILLED),
                new ReleaseVolumes(), new Forget());
    }
}
