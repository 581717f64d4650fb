package dev.ordinal.pod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.ordinal.controller.Claims;
import dev.ordinal.controller.Pods;
import dev.ordinal.controller.Taints;
import dev.ordinal.core.Json;
import dev.ordinal.core.LabelSelectorMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler's decision for one pod, pure: no store, no clock, no I/O. It follows the default scheduler's
 * pipeline as far as Ordinal needs it: the pod's claims first (missing, being deleted, a ReadWriteOncePod claim held by
 * another pod, an Immediate claim nothing binds), then the node filters (unschedulable, untolerated taints, node
 * selector, volume node affinity, in that order, each with Kubernetes' message), then scoring: fewest pods of the same
 * owner, then fewest pods, then name. A pod with unbound WaitForFirstConsumer claims gets its node chosen first and
 * the claims marked, so their volumes are provisioned for that node before it is bound.
 */
final class SchedulerPlanner {
    /** How long an Immediate claim may stay unbound before the pod is reported unschedulable for it. */
    static final long UNBOUND_GRACE_SECONDS = 2;

    private SchedulerPlanner() {
    }

    /**
     * One of the pod's claims as the scheduler sees it.
     *
     * @param claim                the claim, or null when it does not exist
     * @param waitsForFirstConsumer whether its StorageClass binds WaitForFirstConsumer
     * @param otherUsers           the other pods that mount it
     * @param volume               the PersistentVolume it is bound to, or null
     */
    record ClaimFacts(ObjectNode claim, boolean waitsForFirstConsumer, List<ObjectNode> otherUsers, ObjectNode volume) {
    }

    /**
     * What the scheduler reads for one pod.
     *
     * @param pod        the pod
     * @param nodes      the nodes not being deleted
     * @param claims     the pod's claims by name, in the order the pod mounts them
     * @param sameOwner  per node, the running pods of the pod's controller (assumed placements included)
     * @param podsOnNode per node, its active pods (assumed placements included)
     * @param now        the time of the decision
     */
    record Snapshot(ObjectNode pod, List<ObjectNode> nodes, Map<String, ClaimFacts> claims,
                    Map<String, Integer> sameOwner, Map<String, Integer> podsOnNode, Instant now) {
    }

    /**
     * The decision: at most one action, and the claims whose next change should wake the pod.
     *
     * @param action       what to do, or null when there is nothing to do
     * @param waitForClaims claims the pod waits for
     */
    record Plan(SchedulerAction action, List<String> waitForClaims) {
    }

    /** Whether the pod needs no scheduling: already bound, being deleted, or finished. */
    static boolean settled(JsonNode pod) {
        return Pods.nodeName(pod) != null || Json.isTerminating(pod) || Pods.isTerminated(pod);
    }

    static Plan plan(Snapshot s) {
        ObjectNode pod = s.pod();
        List<String> waitFor = new ArrayList<>();
        if (settled(pod)) {
            return new Plan(null, waitFor);
        }
        int n = s.nodes().size();
        if (n == 0) {
            return unschedulable("0/0 nodes are available: no nodes available to schedule pods.", waitFor);
        }
        String selectedForClaims = null;
        boolean waitForClaims = false;
        List<String> toSelect = new ArrayList<>();
        for (String claimName : Pods.claimNames(pod)) {
            ClaimFacts facts = s.claims().get(claimName);
            ObjectNode claim = facts == null ? null : facts.claim();
            if (claim == null) {
                waitFor.add(claimName);
                return unschedulable(noPreemption(n, "persistentvolumeclaim \"" + claimName + "\" not found"), waitFor);
            }
            if (Json.isTerminating(claim)) {
                return unschedulable(noPreemption(n, "persistentvolumeclaim \"" + claimName + "\" is being deleted"),
                        waitFor);
            }
            if (Json.strings(claim, "spec", "accessModes").contains("ReadWriteOncePod")
                    && heldByAnother(pod, claimName, facts.otherUsers())) {
                return unschedulable("0/" + n + " nodes are available: " + n
                        + " node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode."
                        + " preemption: 0/" + n + " nodes are available: " + n
                        + " No preemption victims found for incoming pod.", waitFor);
            }
            if (!Claims.isBound(claim)) {
                waitFor.add(claimName);
                if (facts.waitsForFirstConsumer()) {
                    String selected = Claims.selectedNode(claim);
                    if (selected != null) {
                        selectedForClaims = selected;
                    } else {
                        toSelect.add(claimName);
                    }
                } else if (unboundForLong(claim, s.now())) {
                    // A claim that binding or provisioning does not satisfy keeps the pod out, as in Kubernetes.
                    return unschedulable(noPreemption(n, "pod has unbound immediate PersistentVolumeClaims"), waitFor);
                }
                waitForClaims = true;
            }
        }
        List<ObjectNode> feasible = s.nodes().stream().filter(node -> unfitReason(s, node) == null).toList();
        if (feasible.isEmpty()) {
            return unschedulable(infeasibleMessage(s), waitFor);
        }
        String node = selectedForClaims != null ? selectedForClaims : pickNode(s, feasible);
        if (waitForClaims) {
            // Immediate claims bind on their own; WaitForFirstConsumer claims need this pod's node first.
            return new Plan(new SchedulerAction.SelectNodeForClaims(node, toSelect), waitFor);
        }
        return new Plan(new SchedulerAction.Bind(node), waitFor);
    }

    private static Plan unschedulable(String message, List<String> waitFor) {
        return new Plan(new SchedulerAction.MarkUnschedulable(message), waitFor);
    }

    private static String noPreemption(int n, String reason) {
        return "0/" + n + " nodes are available: " + reason + ". preemption: 0/" + n + " nodes are available: " + n
                + " Preemption is not helpful for scheduling.";
    }

    /** Why the node does not fit the pod, in the scheduler's words (the first filter that fails), or null. */
    static String unfitReason(Snapshot s, JsonNode node) {
        JsonNode pod = s.pod();
        List<Taints.Toleration> tolerations = Taints.tolerationsOf(pod);
        if (Json.bool(node, "spec", "unschedulable") && !Taints.tolerated(tolerations,
                new Taints.Taint(Taints.UNSCHEDULABLE, null, Taints.NO_SCHEDULE, null))) {
            return "node(s) were unschedulable";
        }
        for (Taints.Taint t : Taints.of(node)) {
            if (!t.effect().equals(Taints.PREFER_NO_SCHEDULE) && !Taints.tolerated(tolerations, t)) {
                return "node(s) had untolerated taint {" + t.key() + ": " + (t.value() == null ? "" : t.value()) + "}";
            }
        }
        if (!LabelSelectorMatcher.matchesMap(Json.stringMap(pod, "spec", "nodeSelector"), Json.labels(node))) {
            return "node(s) didn't match Pod's node affinity/selector";
        }
        for (ClaimFacts facts : s.claims().values()) {
            if (facts.volume() != null && !volumeReachableFrom(facts.volume(), node)) {
                return "node(s) had volume node affinity conflict";
            }
        }
        return null;
    }

    /** The scheduler's message when no node fits: each reason with its node count, sorted, as Kubernetes writes it. */
    private static String infeasibleMessage(Snapshot s) {
        Map<String, Integer> reasons = new HashMap<>();
        for (ObjectNode node : s.nodes()) {
            String reason = unfitReason(s, node);
            reasons.merge(reason == null ? "node(s) had volume node affinity conflict" : reason, 1, Integer::sum);
        }
        int n = s.nodes().size();
        String summary = reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted()
                .collect(Collectors.joining(", "));
        return noPreemption(n, summary);
    }

    /** A volume's required node affinity: any term whose label expressions all hold for the node. */
    static boolean volumeReachableFrom(JsonNode pv, JsonNode node) {
        List<JsonNode> terms = Json.list(pv, "spec", "nodeAffinity", "required", "nodeSelectorTerms");
        if (terms.isEmpty()) {
            return true;
        }
        Map<String, String> labels = Json.labels(node);
        return terms.stream().anyMatch(term -> Json.list(term, "matchExpressions").stream()
                .allMatch(expr -> LabelSelectorMatcher.expressionHolds(expr, labels)));
    }

    /**
     * Whether another pod holds the ReadWriteOncePod claim: one already placed, or an older one still waiting its
     * turn (the scheduling queue takes pods oldest first), unless that one is itself unschedulable.
     */
    private static boolean heldByAnother(ObjectNode pod, String claimName, List<ObjectNode> others) {
        return others.stream()
                .filter(p -> !Json.uid(p).equals(Json.uid(pod)) && Pods.usesVolumes(p))
                .filter(p -> Pods.claimNames(p).contains(claimName))
                .anyMatch(p -> Pods.nodeName(p) != null || (!Json.isTerminating(p) && olderThan(p, pod)
                        && !"False".equals(Pods.conditionStatus(p, "PodScheduled"))));
    }

    private static boolean olderThan(ObjectNode a, ObjectNode b) {
        int byTime = Json.strOr(a, "", "metadata", "creationTimestamp")
                .compareTo(Json.strOr(b, "", "metadata", "creationTimestamp"));
        return byTime != 0 ? byTime < 0 : Json.name(a).compareTo(Json.name(b)) < 0;
    }

    /**
     * Whether an Immediate claim has stayed unbound for more than two seconds: the binder normally binds within
     * milliseconds, so only a claim nothing can satisfy gets the pod a FailedScheduling event.
     */
    private static boolean unboundForLong(JsonNode claim, Instant now) {
        Instant created = Json.parseTime(Json.str(claim, "metadata", "creationTimestamp"));
        return created != null && created.plusSeconds(UNBOUND_GRACE_SECONDS).isBefore(now);
    }

    /** Among feasible nodes: fewest pods of the same owner, then fewest pods overall, then name. */
    private static String pickNode(Snapshot s, List<ObjectNode> nodes) {
        return nodes.stream()
                .map(Json::name)
                .min(Comparator.<String>comparingInt(n -> s.sameOwner().getOrDefault(n, 0))
                        .thenComparingInt(n -> s.podsOnNode().getOrDefault(n, 0))
                        .thenComparing(Comparator.naturalOrder()))
                .orElse(Json.name(nodes.get(0)));
    }
}
