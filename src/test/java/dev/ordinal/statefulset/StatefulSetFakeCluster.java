package dev.ordinal.statefulset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.statefulset.StatefulSetAction.CreateClaim;
import dev.ordinal.statefulset.StatefulSetAction.CreatePod;
import dev.ordinal.statefulset.StatefulSetAction.CreateRevision;
import dev.ordinal.statefulset.StatefulSetAction.DeletePod;
import dev.ordinal.statefulset.StatefulSetAction.DeleteRevision;
import dev.ordinal.statefulset.StatefulSetAction.RecordEvent;
import dev.ordinal.statefulset.StatefulSetAction.ReleasePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateClaimOwnerRefs;
import dev.ordinal.statefulset.StatefulSetAction.UpdatePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateRevision;
import dev.ordinal.statefulset.StatefulSetAction.UpdateStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An in-memory cluster that applies planner actions the way the store and the other controllers would: created pods
 * start Pending, a kubelet step makes them Running and Ready, deletions either remove at once or leave the pod
 * terminating until {@link #finishTerminations()}, and a garbage collector step deletes claims whose owners are gone.
 * Creates can be made to fail. Invariants are asserted after every step.
 */
final class StatefulSetFakeCluster {
    ObjectNode set;
    final Map<String, ObjectNode> pods = new TreeMap<>();
    final Map<String, ObjectNode> claims = new TreeMap<>();
    final Map<String, ObjectNode> revisions = new TreeMap<>();
    final List<String> log = new ArrayList<>();
    final List<RecordEvent> events = new ArrayList<>();
    /** Names of pods that never become Ready when the kubelet runs. */
    final Set<String> neverReady = new LinkedHashSet<>();
    /** Images whose pods never become Ready (a bad template). */
    final Set<String> badImages = new LinkedHashSet<>();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    boolean gracefulDeletion;
    private Predicate<String> failCreate = n -> false;
    private int failuresLeft;
    private int uid;
    private final Map<String, Integer> claimsEverSeen = new HashMap<>();
    StatefulSetPlan lastPlan;

    StatefulSetFakeCluster(ObjectNode set) {
        this.set = set;
    }

    StatefulSetView view() {
        return new StatefulSetView(set);
    }

    /** Makes the next {@code count} creates of objects whose name matches fail. */
    void failCreates(int count, Predicate<String> names) {
        this.failuresLeft = count;
        this.failCreate = names;
    }

    /** Runs one planner pass, applies its actions (stopping at the first failed create) and checks invariants. */
    StatefulSetPlan step() {
        Map<String, ObjectNode> before = snapshotPods();
        StatefulSetPlan plan = StatefulSetPlanner.plan(new StatefulSetSnapshot(set.deepCopy(),
                pods.values().stream().map(ObjectNode::deepCopy).toList(), new HashMap<>(claims),
                new ArrayList<>(revisions.values()), now));
        lastPlan = plan;
        checkPlanInvariants(plan, before);
        apply(plan);
        checkStateInvariants();
        return plan;
    }

    private Map<String, ObjectNode> snapshotPods() {
        Map<String, ObjectNode> m = new TreeMap<>();
        pods.forEach((k, v) -> m.put(k, v.deepCopy()));
        return m;
    }

    void apply(StatefulSetPlan plan) {
        boolean failed = false;
        for (StatefulSetAction a : plan.actions()) {
            if (a instanceof UpdateStatus u) {
                set.set("status", u.status().deepCopy());
                continue;
            }
            if (failed) {
                continue;
            }
            if (a instanceof CreateRevision c) {
                ObjectNode r = c.revision().deepCopy();
                Json.meta(r).put("uid", "rev-" + (++uid));
                Json.meta(r).put("creationTimestamp", Json.time(now));
                revisions.put(Json.name(r), r);
                log.add("create revision " + Json.name(r));
            } else if (a instanceof UpdateRevision u) {
                revisions.get(u.name()).put("revision", u.revision());
                log.add("renumber revision " + u.name() + " " + u.revision());
            } else if (a instanceof DeleteRevision d) {
                revisions.remove(d.name());
                log.add("delete revision " + d.name());
            } else if (a instanceof CreateClaim c) {
                String name = Json.name(c.claim());
                if (shouldFail(name)) {
                    failed = true;
                    continue;
                }
                if (!claims.containsKey(name)) {
                    ObjectNode claim = c.claim().deepCopy();
                    Json.meta(claim).put("uid", "claim-" + (++uid));
                    claims.put(name, claim);
                    claimsEverSeen.merge(name, 1, Integer::sum);
                    log.add("create claim " + name);
                }
            } else if (a instanceof UpdateClaimOwnerRefs u) {
                ArrayNode refs = Json.array();
                u.ownerReferences().forEach(refs::add);
                Json.meta(claims.get(u.claimName())).set("ownerReferences", refs);
            } else if (a instanceof CreatePod c) {
                String name = Json.name(c.pod());
                if (shouldFail(name)) {
                    failed = true;
                    continue;
                }
                if (pods.containsKey(name)) {
                    log.add("already exists " + name);
                    failed = true;
                    continue;
                }
                ObjectNode pod = c.pod().deepCopy();
                Json.meta(pod).put("uid", "pod-" + (++uid));
                Json.meta(pod).put("creationTimestamp", Json.time(now));
                pod.putObject("status").put("phase", "Pending");
                pods.put(name, pod);
                log.add("create " + name);
            } else if (a instanceof UpdatePod u) {
                ObjectNode pod = pods.get(u.name());
                if (pod != null && u.uid().equals(Json.uid(pod))) {
                    u.applyTo(pod);
                }
            } else if (a instanceof ReleasePod r) {
                ObjectNode pod = pods.get(r.name());
                if (pod != null && r.uid().equals(Json.uid(pod))) {
                    r.applyTo(pod);
                    log.add("release " + r.name());
                }
            } else if (a instanceof DeletePod d) {
                ObjectNode pod = pods.get(d.name());
                if (pod == null || !d.uid().equals(Json.uid(pod))) {
                    continue;
                }
                log.add("delete " + d.name());
                if (gracefulDeletion && "Running".equals(Pods.phase(pod))) {
                    Json.meta(pod).put("deletionTimestamp", Json.time(now));
                } else {
                    remove(d.name());
                }
            } else if (a instanceof RecordEvent e) {
                events.add(e);
            }
        }
    }

    private boolean shouldFail(String name) {
        if (failuresLeft > 0 && failCreate.test(name)) {
            failuresLeft--;
            log.add("failed create " + name);
            return true;
        }
        return false;
    }

    private void remove(String name) {
        ObjectNode pod = pods.remove(name);
        // The garbage collector: a claim whose owning pod is gone goes too.
        claims.values().removeIf(c -> Json.list(c, "metadata", "ownerReferences").stream()
                .anyMatch(r -> Json.uid(pod).equals(Json.str(r, "uid"))));
    }

    /** The kubelet: every Pending pod becomes Running and Ready now, unless marked never-ready or on a bad image. */
    void kubelet() {
        for (ObjectNode pod : pods.values()) {
            if (Pods.isPending(pod) && !Json.isTerminating(pod)) {
                String image = Json.str(pod.get("spec").get("containers").get(0), "image");
                pod.putObject("status").put("phase", "Running");
                if (neverReady.contains(Json.name(pod)) || badImages.contains(image)) {
                    setReady(pod, "False");
                } else {
                    setReady(pod, "True");
                }
            }
        }
    }

    void ready(String name) {
        ObjectNode pod = pods.get(name);
        pod.putObject("status").put("phase", "Running");
        setReady(pod, "True");
    }

    void unready(String name) {
        setReady(pods.get(name), "False");
    }

    void phase(String name, String phase) {
        ObjectNode pod = pods.get(name);
        Json.with(pod, "status").put("phase", phase);
        setReady(pod, "False");
    }

    private void setReady(ObjectNode pod, String status) {
        ArrayNode conds = Json.with(pod, "status").putArray("conditions");
        ObjectNode c = conds.addObject();
        c.put("type", "Ready");
        c.put("status", status);
        c.put("lastTransitionTime", Json.time(now));
    }

    /** A user deletes a pod (OnDelete); it is removed at once. */
    void userDeletes(String name) {
        remove(name);
    }

    void finishTerminations() {
        List<String> done = pods.values().stream().filter(Json::isTerminating).map(Json::name).toList();
        done.forEach(this::remove);
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    /**
     * Steps, lets the kubelet run and terminations finish, until a pass writes nothing while no pod is starting or
     * terminating. Fails after {@code maxSteps}.
     */
    void converge(int maxSteps) {
        for (int i = 0; i < maxSteps; i++) {
            StatefulSetPlan plan = step();
            boolean settled = !anyPending();
            kubelet();
            finishTerminations();
            if (plan.actions().isEmpty() && settled) {
                return;
            }
        }
        throw new AssertionError("did not converge in " + maxSteps + " steps; log: " + log);
    }

    private boolean anyPending() {
        return pods.values().stream().anyMatch(p -> Pods.isPending(p) || Json.isTerminating(p));
    }

    int ordinalOf(String podName) {
        return StatefulPods.ordinal(podName);
    }

    String revisionOf(String pod) {
        return StatefulPods.revision(pods.get(pod));
    }

    String claimOf(String pod) {
        return Json.str(Json.list(pods.get(pod), "spec", "volumes").get(0), "persistentVolumeClaim", "claimName");
    }

    List<String> creations() {
        return log.stream().filter(l -> l.startsWith("create nginx")).map(l -> l.substring(7)).toList();
    }

    List<String> deletions() {
        return log.stream().filter(l -> l.startsWith("delete nginx")).map(l -> l.substring(7)).toList();
    }

    /**
     * Per pass: under OrderedReady at most one pod is created and at most one deleted, a pod is created only when
     * every lower in-range ordinal exists, is Running, Ready and not terminating, and scale-in deletes the highest
     * ordinal there is. Claims are created before their pod.
     */
    private void checkPlanInvariants(StatefulSetPlan plan, Map<String, ObjectNode> before) {
        StatefulSetView v = view();
        List<CreatePod> creates = plan.of(CreatePod.class);
        List<String> claimOrder = new ArrayList<>();
        for (StatefulSetAction a : plan.actions()) {
            if (a instanceof CreateClaim c) {
                claimOrder.add(c.podName());
            } else if (a instanceof CreatePod c) {
                for (JsonNode t : v.claimTemplates()) {
                    String claim = StatefulPods.claimName(Json.name(t), v.name(), StatefulPods.ordinal(c.pod()));
                    assertThat(claims.containsKey(claim) || claimOrder.contains(Json.name(c.pod())))
                            .as("claim %s exists or is created before pod %s", claim, Json.name(c.pod())).isTrue();
                }
            }
        }
        if (!v.monotonic() || v.terminating()) {
            return;
        }
        assertThat(creates.size()).as("OrderedReady creates at most one pod per pass").isLessThanOrEqualTo(1);
        for (CreatePod c : creates) {
            int ord = StatefulPods.ordinal(c.pod());
            for (int o = v.start(); o < ord; o++) {
                ObjectNode pred = before.get(StatefulPods.podName(v.name(), o));
                assertThat(pred != null && Pods.isHealthy(pred))
                        .as("predecessor %d of %d is Running and Ready", o, ord).isTrue();
            }
        }
        List<DeletePod> condemned = plan.of(DeletePod.class).stream()
                .filter(d -> StatefulPods.ordinal(d.name()) >= v.start() + v.replicas()).toList();
        assertThat(condemned.size()).as("OrderedReady scales in one pod per pass").isLessThanOrEqualTo(1);
        for (DeletePod d : condemned) {
            int highest = before.keySet().stream().mapToInt(StatefulPods::ordinal).max().orElse(-1);
            assertThat(StatefulPods.ordinal(d.name())).as("scale-in deletes the highest ordinal first")
                    .isEqualTo(highest);
        }
        assertThat(plan.of(DeletePod.class).size()).as("deletions per pass")
                .isLessThanOrEqualTo(Math.max(1, v.maxUnavailable()));
    }

    /** After each pass: no two pods share an ordinal, and under Retain no claim ever disappears. */
    private void checkStateInvariants() {
        Set<Integer> ordinals = new LinkedHashSet<>();
        for (String name : pods.keySet()) {
            assertThat(ordinals.add(StatefulPods.ordinal(name))).as("one pod per ordinal").isTrue();
        }
        StatefulSetView v = view();
        if (StatefulSetView.RETAIN.equals(v.whenScaled()) && StatefulSetView.RETAIN.equals(v.whenDeleted())) {
            assertThat(claims.keySet()).as("claims are never deleted under Retain")
                    .containsAll(claimsEverSeen.keySet());
        }
    }
}
