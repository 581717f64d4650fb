package dev.ordinal.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ordinal.core.Json;
import dev.ordinal.pod.SchedulerAction.Bind;
import dev.ordinal.pod.SchedulerAction.MarkUnschedulable;
import dev.ordinal.pod.SchedulerAction.SelectNodeForClaims;
import dev.ordinal.pod.SchedulerPlanner.ClaimFacts;
import dev.ordinal.pod.SchedulerPlanner.Plan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler's decisions, pure: a pod mounting claim {@code www} on three Ready nodes, changed one field per case,
 * with the default scheduler's messages.
 */
class SchedulerPlannerTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    /** A fixture: the pod, its nodes and claims, and the pod counts, each changed by one case at most. */
    private static final class Cluster {
        final ObjectNode pod = pod("web-0");
        final List<ObjectNode> nodes = new ArrayList<>(List.of(node("node-1"), node("node-2"), node("node-3")));
        final Map<String, ClaimFacts> claims = new LinkedHashMap<>();
        final Map<String, Integer> sameOwner = new LinkedHashMap<>();
        final Map<String, Integer> podsOnNode = new LinkedHashMap<>();

        Cluster mounting(String claim) {
            Json.with(pod, "spec").withArray("volumes").addObject().put("name", claim)
                    .putObject("persistentVolumeClaim").put("claimName", claim);
            return this;
        }

        Cluster claim(String name, ClaimFacts facts) {
            claims.put(name, facts);
            return this;
        }

        Plan plan() {
            return SchedulerPlanner.plan(new SchedulerPlanner.Snapshot(pod, nodes, claims, sameOwner, podsOnNode, NOW));
        }
    }

    private static ObjectNode pod(String name) {
        ObjectNode p = Json.object();
        p.put("apiVersion", "v1");
        p.put("kind", "Pod");
        p.putObject("metadata").put("name", name).put("namespace", "default").put("uid", "uid-" + name)
                .put("creationTimestamp", "2026-01-01T00:00:00Z");
        p.putObject("spec").putArray("containers").addObject().put("name", "c").put("image", "nginx");
        return p;
    }

    private static ObjectNode node(String name) {
        ObjectNode n = Json.object();
        n.putObject("metadata").put("name", name).putObject("labels").put("kubernetes.io/hostname", name);
        n.putObject("spec");
        return n;
    }

    private static ObjectNode claim(String phase, String... accessModes) {
        ObjectNode c = Json.object();
        c.putObject("metadata").put("name", "www").put("namespace", "default")
                .put("creationTimestamp", "2026-01-01T00:00:00Z");
        ObjectNode spec = c.putObject("spec");
        List.of(accessModes).forEach(spec.putArray("accessModes")::add);
        if (phase != null) {
            c.putObject("status").put("phase", phase);
        }
        return c;
    }

    private static ClaimFacts bound() {
        return new ClaimFacts(claim("Bound", "ReadWriteOnce"), false, List.of(), null);
    }

    @Test
    void aPodWithoutClaimsGoesToTheNodeWithFewestPodsOfItsOwnerThenFewestPodsThenName() {
        Cluster c = new Cluster();
        c.sameOwner.put("node-1", 1);
        c.podsOnNode.put("node-2", 3);

        assertThat(c.plan().action()).isEqualTo(new Bind("node-3"));
    }

    @Test
    void anAlreadyBoundPodNeedsNothing() {
        Cluster c = new Cluster();
        Json.with(c.pod, "spec").put("nodeName", "node-1");

        assertThat(c.plan().action()).isNull();
    }

    @Test
    void noNodesIsUnschedulableWithKubernetesMessage() {
        Cluster c = new Cluster();
        c.nodes.clear();

        assertThat(c.plan().action()).isEqualTo(
                new MarkUnschedulable("0/0 nodes are available: no nodes available to schedule pods."));
    }

    @Test
    void aMissingClaimIsUnschedulableAndTheClaimIsWaitedFor() {
        Cluster c = new Cluster().mounting("www").claim("www", new ClaimFacts(null, false, List.of(), null));

        Plan plan = c.plan();

        assertThat(plan.action()).isEqualTo(new MarkUnschedulable("0/3 nodes are available: persistentvolumeclaim "
                + "\"www\" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."));
        assertThat(plan.waitForClaims()).containsExactly("www");
    }

    @Test
    void aBoundClaimLetsThePodBind() {
        Cluster c = new Cluster().mounting("www").claim("www", bound());

        assertThat(c.plan().action()).isEqualTo(new Bind("node-1"));
    }

    @Test
    void aClaimBeingDeletedIsUnschedulable() {
        ObjectNode deleting = claim("Bound", "ReadWriteOnce");
        Json.meta(deleting).put("deletionTimestamp", "2026-01-01T00:00:05Z");
        Cluster c = new Cluster().mounting("www").claim("www", new ClaimFacts(deleting, false, List.of(), null));

        assertThat(c.plan().action()).isEqualTo(new MarkUnschedulable("0/3 nodes are available: persistentvolumeclaim "
                + "\"www\" is being deleted. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."));
    }

    @Test
    void aReadWriteOncePodClaimHeldByAPlacedPodIsUnschedulable() {
        ObjectNode holder = new Cluster().mounting("www").pod;
        Json.meta(holder).put("name", "other").put("uid", "uid-other");
        Json.with(holder, "spec").put("nodeName", "node-2");
        Cluster c = new Cluster().mounting("www")
                .claim("www", new ClaimFacts(claim("Bound", "ReadWriteOncePod"), false, List.of(holder), null));

        assertThat(c.plan().action()).isEqualTo(new MarkUnschedulable("0/3 nodes are available: 3 node has pod using "
                + "PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are "
                + "available: 3 No preemption victims found for incoming pod."));
    }

    @Test
    void anImmediateClaimUnboundForMoreThanTwoSecondsIsUnschedulable() {
        Cluster c = new Cluster().mounting("www")
                .claim("www", new ClaimFacts(claim("Pending", "ReadWriteOnce"), false, List.of(), null));

        assertThat(c.plan().action()).isEqualTo(new MarkUnschedulable("0/3 nodes are available: pod has unbound "
                + "immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful "
                + "for scheduling."));
    }

    @Test
    void anUnboundWaitForFirstConsumerClaimGetsThePodsNodeSelectedBeforeBinding() {
        Cluster c = new Cluster().mounting("www")
                .claim("www", new ClaimFacts(claim("Pending", "ReadWriteOnce"), true, List.of(), null));

        Plan plan = c.plan();

        assertThat(plan.action()).isEqualTo(new SelectNodeForClaims("node-1", List.of("www")));
        assertThat(plan.waitForClaims()).containsExactly("www");
    }

    @Test
    void aClaimAlreadyMarkedKeepsItsSelectedNode() {
        ObjectNode marked = claim("Pending", "ReadWriteOnce");
        Json.setAnnotation(marked, "volume.kubernetes.io/selected-node", "node-3");
        Cluster c = new Cluster().mounting("www").claim("www", new ClaimFacts(marked, true, List.of(), null));

        assertThat(c.plan().action()).isEqualTo(new SelectNodeForClaims("node-3", List.of()));
    }

    @Test
    void taintsSelectorsAndVolumeAffinityFilterNodesWithOneReasonEach() {
        ObjectNode pv = Json.parse("""
                {"spec":{"nodeAffinity":{"required":{"nodeSelectorTerms":[{"matchExpressions":[
                  {"key":"kubernetes.io/hostname","operator":"In","values":["node-9"]}]}]}}}}""");
        Cluster c = new Cluster().mounting("www").claim("www", new ClaimFacts(claim("Bound", "ReadWriteOnce"), false,
                List.of(), pv));
        Json.with(c.nodes.get(0), "spec").put("unschedulable", true);
        Json.with(c.nodes.get(1), "spec").putArray("taints").addObject().put("key", "dedicated").put("value", "db")
                .put("effect", "NoSchedule");

        assertThat(c.plan().action()).isEqualTo(new MarkUnschedulable("0/3 nodes are available: 1 node(s) had "
                + "untolerated taint {dedicated: db}, 1 node(s) had volume node affinity conflict, 1 node(s) were "
                + "unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."));
    }

    @Test
    void aNodeSelectorLeavesOnlyTheMatchingNode() {
        Cluster c = new Cluster();
        Json.with(c.pod, "spec").putObject("nodeSelector").put("kubernetes.io/hostname", "node-2");

        assertThat(c.plan().action()).isEqualTo(new Bind("node-2"));
    }
}
