package dev.ordinal.statefulset;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.ordinal.api.ScaleSubresource;
import dev.ordinal.controller.EventTypes;
import dev.ordinal.controller.Pods;
import dev.ordinal.core.Json;
import dev.ordinal.core.LabelSelectorMatcher;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.statefulset.StatefulSetAction.CreateClaim;
import dev.ordinal.statefulset.StatefulSetAction.CreatePod;
import dev.ordinal.statefulset.StatefulSetAction.DeletePod;
import dev.ordinal.statefulset.StatefulSetAction.RecordEvent;
import dev.ordinal.statefulset.StatefulSetAction.ReleasePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateClaimOwnerRefs;
import dev.ordinal.statefulset.StatefulSetAction.UpdatePod;
import dev.ordinal.statefulset.StatefulSetAction.UpdateStatus;
import dev.ordinal.statefulset.StatefulSetRevisions.Resolution;
import dev.ordinal.statefulset.StatefulSetRevisions.Revision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides one sync pass of a StatefulSet, exactly as Kubernetes' {@code updateStatefulSet} does (reference §1.3,
 * §1.6–1.10), without any I/O: revisions first; then every in-range ordinal in ascending order (recreate failed pods,
 * create missing claims and pods, wait for Running, Ready and available under OrderedReady); then scale-in from the
 * highest ordinal; then the rolling update; then status and history. Under OrderedReady the pass stops at the first
 * ordinal that has to wait, so at most one pod is created or deleted per pass; under Parallel nothing waits.
 * <p>
 * One deliberate difference from Kubernetes (issue kubernetes/kubernetes#67250): a pod that is not Ready and was
 * made from a revision other than the one its ordinal should now have is replaced instead of waited for, unless the
 * set carries {@code ordinal.dev/kubernetes-compatible-rollback: "true"}.
 */
public final class StatefulSetPlanner {
    /** The reason of the Normal event announcing the stuck-rollout recovery. */
    public static final String REPLACING_OUTDATED_POD = "ReplacingOutdatedPod";
    /**
     * At most this many missing ordinals are created in one pass (Kubernetes' {@code MaxBatchSize}); a larger gap
     * takes more passes, so the work and memory of a pass depend on the pods that exist, never on spec.replicas.
     */
    public static final int MAX_BATCH = 500;

    private enum Step { CONTINUE, BLOCK, HALT }

    private final StatefulSetSnapshot snapshot;
    private final StatefulSetView set;
    private final Instant now;
    private final List<StatefulSetAction> actions = new ArrayList<>();
    private final Set<String> deleted = new HashSet<>();
    private Duration requeueAfter;
    private Resolution revisions;
    /** In-range pods by index (ordinal minus start); an index without a pod is a slot still to fill. */
    private final TreeMap<Integer, ObjectNode> replicas = new TreeMap<>();
    private int slots;
    private List<ObjectNode> condemned;
    private JsonNode firstUnhealthy;
    private Set<String> podNames;

    private StatefulSetPlanner(StatefulSetSnapshot snapshot) {
        this.snapshot = snapshot;
        this.set = new StatefulSetView(snapshot.set());
        this.now = snapshot.now();
    }

    /** Plans one pass for a StatefulSet that exists (possibly marked for deletion). */
    public static StatefulSetPlan plan(StatefulSetSnapshot snapshot) {
        return new StatefulSetPlanner(snapshot).run();
    }

    /**
     * Plans the removal of the pods of a StatefulSet that is gone: the highest ordinal is deleted, and the next only
     * once no pod of the set is terminating. (The garbage collector leaves these pods to this controller.)
     */
    public static StatefulSetPlan planOrphaned(List<ObjectNode> pods) {
        List<StatefulSetAction> out = new ArrayList<>();
        if (pods.stream().noneMatch(Json::isTerminating)) {
            pods.stream().sorted(DESCENDING).findFirst()
                    .ifPresent(p -> out.add(new DeletePod(Json.name(p), Json.uid(p))));
        }
        return new StatefulSetPlan(out, null);
    }

    private StatefulSetPlan run() {
        revisions = StatefulSetRevisions.resolve(set, snapshot.revisions());
        actions.addAll(revisions.actions());
        List<ObjectNode> pods = claimPods();
        partition(pods);
        if (set.terminating()) {
            if (!set.orphaning()) {
                deleteForSetDeletion(pods);
            }
        } else {
            sync();
        }
        ObjectNode status = StatefulSetStatusCalculator.compute(set, pods, revisions.current().name(),
                revisions.update().name(), revisions.collisionCount(), now);
        if (StatefulSetStatusCalculator.changed(set, status)) {
            actions.add(new UpdateStatus(status));
        }
        Set<String> live = new HashSet<>();
        live.add(revisions.current().name());
        live.add(revisions.update().name());
        pods.forEach(p -> live.add(StatefulPods.revision(p)));
        actions.addAll(StatefulSetRevisions.prune(set, revisions.all(), live));
        for (JsonNode p : pods) {
            if (Pods.isRunningAndReady(p) && !Json.isTerminating(p)) {
                waitFor(Pods.availableIn(p, set.minReadySeconds(), now));
            }
        }
        return new StatefulSetPlan(actions, requeueAfter);
    }

    /**
     * The pods this set controls, as {@code ClaimPods} with the {@code isMemberOf} filter decides: a pod with its
     * controller reference whose name is one of its ordinals and whose labels match its selector is kept; one that no
     * longer matches is released (unless the set is being deleted) and its ordinal's slot is empty again; an orphan
     * that matches is adopted.
     */
    private List<ObjectNode> claimPods() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode pod : snapshot.pods()) {
            boolean matches = StatefulPods.isMemberOf(set, pod)
                    && LabelSelectorMatcher.matches(set.selector(), Json.labels(pod));
            JsonNode ctrl = Json.controllerRef(pod);
            if (ctrl != null && Objects.equals(Json.str(ctrl, "uid"), set.uid()) && !matches) {
                if (!set.terminating()) {
                    actions.add(new ReleasePod(Json.name(pod), Json.uid(pod), set.uid()));
                }
                continue;
            }
            if (!matches) {
                continue;
            }
            if (ctrl == null) {
                if (set.terminating() || Json.isTerminating(pod)) {
                    continue;
                }
                UpdatePod adopt = new UpdatePod(Json.name(pod), Json.uid(pod), null, null, set.controllerRef());
                actions.add(adopt);
                ObjectNode adopted = pod.deepCopy();
                adopt.applyTo(adopted);
                out.add(adopted);
            } else if (Objects.equals(Json.str(ctrl, "uid"), set.uid())) {
                out.add(pod);
            }
        }
        return out;
    }

    /** Splits pods into in-range slots and condemned pods (highest ordinal first), and finds the first unhealthy. */
    private void partition(List<ObjectNode> pods) {
        slots = Math.max(0, set.terminating() ? 0 : set.replicas());
        condemned = new ArrayList<>();
        for (ObjectNode pod : pods) {
            long i = (long) StatefulPods.ordinal(pod) - set.start();
            if (i >= 0 && i < slots) {
                replicas.put((int) i, pod);
            } else {
                condemned.add(pod);
            }
        }
        condemned.sort(DESCENDING);
        int expected = 0;
        for (Map.Entry<Integer, ObjectNode> e : replicas.entrySet()) {
            if (e.getKey() != expected) {
                firstUnhealthy = MISSING;
                return;
            }
            if (!Pods.isHealthy(e.getValue())) {
                firstUnhealthy = e.getValue();
                return;
            }
            expected++;
        }
        if (expected < slots) {
            firstUnhealthy = MISSING;
            return;
        }
        for (int i = condemned.size() - 1; i >= 0; i--) {
            if (!Pods.isHealthy(condemned.get(i))) {
                firstUnhealthy = condemned.get(i);
                return;
            }
        }
    }

    private static final JsonNode MISSING = Json.object();
    private static final Comparator<ObjectNode> DESCENDING =
            Comparator.comparingInt((ObjectNode p) -> StatefulPods.ordinal(p)).reversed();

    private void sync() {
        boolean monotonic = set.monotonic();
        int filled = 0;
        for (int i = 0; i < slots; i++) {
            boolean missing = !replicas.containsKey(i);
            if (missing && filled >= MAX_BATCH) {
                requeueAfter = Duration.ZERO; // More ordinals to create: the next pass goes on at once.
                return;
            }
            Step step = processReplica(i);
            if (missing) {
                filled++;
            }
            if (step == Step.HALT || (step == Step.BLOCK && monotonic)) {
                return;
            }
        }
        for (ObjectNode pod : condemned) {
            fixClaims(pod, false);
        }
        for (ObjectNode pod : condemned) {
            if (processCondemned(pod) == Step.BLOCK && monotonic) {
                return;
            }
        }
        if (set.rollingUpdate()) {
            rollingUpdate();
        }
    }

    /** Kubernetes' {@code processReplica} for the slot of ordinal {@code start + i}. */
    private Step processReplica(int i) {
        int ordinal = set.start() + i;
        ObjectNode pod = replicas.get(i);
        boolean monotonic = set.monotonic();
        if (pod != null && Pods.isTerminated(pod)) {
            if (!Json.isTerminating(pod)) {
                delete(pod);
            }
            return Step.BLOCK;
        }
        if (pod == null) {
            if (nameTaken(StatefulPods.podName(set.name(), ordinal))) {
                // A pod of that name that the set does not control (one it released): Kubernetes' create fails
                // with AlreadyExists and is retried; the set waits for the name instead of hammering the store.
                return Step.BLOCK;
            }
            return create(ordinal);
        }
        if (Pods.isPending(pod) && !Json.isTerminating(pod)) {
            createMissingClaims(ordinal, Json.name(pod));
        }
        if (Json.isTerminating(pod) && monotonic) {
            return Step.BLOCK;
        }
        if (isStuckOnOutdatedRevision(pod, ordinal)) {
            Revision target = targetRevision(ordinal);
            actions.add(new RecordEvent(EventTypes.NORMAL, REPLACING_OUTDATED_POD, "Pod " + Json.name(pod)
                    + " in StatefulSet " + set.name() + " is not Ready and runs outdated revision "
                    + StatefulPods.revision(pod) + "; replacing it with revision " + target.name()
                    + " instead of waiting (Kubernetes would wait, see kubernetes/kubernetes#67250)"));
            delete(pod);
            return Step.BLOCK;
        }
        if (!Pods.isRunningAndReady(pod) && monotonic) {
            return Step.BLOCK;
        }
        if (!Pods.isRunningAndAvailable(pod, set.minReadySeconds(), now) && monotonic) {
            waitFor(Pods.availableIn(pod, set.minReadySeconds(), now));
            return Step.BLOCK;
        }
        if (!StatefulPods.identityMatches(set, pod) || !StatefulPods.storageMatches(set, pod)) {
            ObjectNode fixed = pod.deepCopy();
            StatefulPods.updateIdentity(set, fixed);
            StatefulPods.updateStorage(set, fixed);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(StatefulPods.POD_NAME_LABEL, Json.name(fixed));
            labels.put(StatefulPods.POD_INDEX_LABEL, Integer.toString(ordinal));
            ArrayNode volumes = StatefulPods.storageMatches(set, pod) ? null
                    : (ArrayNode) Json.at(fixed, "spec", "volumes");
            actions.add(new UpdatePod(Json.name(pod), Json.uid(pod), labels, volumes, null));
            createMissingClaims(ordinal, Json.name(pod));
        }
        fixClaims(pod, true);
        return Step.CONTINUE;
    }

    /**
     * Whether Ordinal's stuck-rollout recovery applies: under RollingUpdate, a pod that is not terminating and not
     * Ready, whose revision is not the one its ordinal should now be created from.
     */
    private boolean isStuckOnOutdatedRevision(ObjectNode pod, int ordinal) {
        return set.rollingUpdate() && !set.kubernetesCompatibleRollback()
                && !Json.isTerminating(pod) && !Pods.isRunningAndReady(pod)
                && !targetRevision(ordinal).name().equals(StatefulPods.revision(pod));
    }

    /**
     * The revision a new pod of this ordinal is made from ({@code newVersionedStatefulSetPod}): under RollingUpdate the
     * current revision below the partition, the update revision otherwise.
     */
    private Revision targetRevision(int ordinal) {
        if (set.rollingUpdate() && ordinal < (long) set.start() + set.partition()) {
            return revisions.current();
        }
        return revisions.update();
    }

    private boolean nameTaken(String podName) {
        if (podNames == null) {
            podNames = new HashSet<>();
            snapshot.pods().forEach(p -> podNames.add(Json.name(p)));
        }
        return podNames.contains(podName);
    }

    /** Creates the claims and the pod of a missing ordinal ({@code CreateStatefulPod}). */
    private Step create(int ordinal) {
        String podName = StatefulPods.podName(set.name(), ordinal);
        for (ObjectNode claim : StatefulPods.newClaims(set, ordinal).values()) {
            ObjectNode existing = snapshot.claims().get(Json.name(claim));
            if (ClaimRetention.isStale(set, existing)) {
                return Step.BLOCK;
            }
            if (existing != null && Json.isTerminating(existing)) {
                actions.add(new RecordEvent(EventTypes.WARNING, "FailedCreate", "create Pod " + podName
                        + " in StatefulSet " + set.name() + " failed error: pvc " + Json.name(claim)
                        + " is being deleted"));
                return Step.HALT;
            }
        }
        createMissingClaims(ordinal, podName);
        Revision target = targetRevision(ordinal);
        actions.add(new CreatePod(StatefulPods.newPod(set, target.template(), target.name(), ordinal)));
        return Step.BLOCK;
    }

    private void createMissingClaims(int ordinal, String podName) {
        for (ObjectNode claim : StatefulPods.newClaims(set, ordinal).values()) {
            if (!snapshot.claims().containsKey(Json.name(claim))) {
                List<JsonNode> refs = ClaimRetention.desiredOwnerRefs(set, claim, null, true);
                if (refs != null) {
                    ArrayNode arr = Json.array();
                    refs.forEach(arr::add);
                    Json.meta(claim).set("ownerReferences", arr);
                }
                actions.add(new CreateClaim(claim, podName));
            }
        }
    }

    /** Brings the pod's claims' ownerReferences in line with the retention policy. */
    private void fixClaims(ObjectNode pod, boolean inRange) {
        int ordinal = StatefulPods.ordinal(pod);
        for (JsonNode t : set.claimTemplates()) {
            String name = StatefulPods.claimName(Json.name(t), set.name(), ordinal);
            ObjectNode claim = snapshot.claims().get(name);
            if (claim == null || Json.isTerminating(claim)) {
                continue;
            }
            if (ClaimRetention.hasConflictingController(set, claim, pod)) {
                actions.add(new RecordEvent(EventTypes.WARNING, "ConflictingController",
                        ClaimRetention.conflictingControllerMessage(name)));
                List<JsonNode> scrubbed = ClaimRetention.withoutOwnRefs(set, claim, pod);
                if (scrubbed != null) {
                    actions.add(new UpdateClaimOwnerRefs(name, scrubbed));
                }
                continue;
            }
            List<JsonNode> refs = ClaimRetention.desiredOwnerRefs(set, claim, pod, inRange);
            if (refs != null) {
                actions.add(new UpdateClaimOwnerRefs(name, refs));
            }
        }
    }

    /** Kubernetes' {@code processCondemned}: scale-in of a pod beyond the range. */
    private Step processCondemned(ObjectNode pod) {
        boolean monotonic = set.monotonic();
        if (Json.isTerminating(pod)) {
            return monotonic ? Step.BLOCK : Step.CONTINUE;
        }
        boolean first = pod == firstUnhealthy;
        if (!Pods.isRunningAndReady(pod) && monotonic && !first) {
            return Step.BLOCK;
        }
        if (!Pods.isRunningAndAvailable(pod, set.minReadySeconds(), now) && monotonic && !first) {
            waitFor(Pods.availableIn(pod, set.minReadySeconds(), now));
            return Step.BLOCK;
        }
        delete(pod);
        return Step.BLOCK;
    }

    /**
     * The RollingUpdate step with maxUnavailable ({@code updateStatefulSetAfterInvariantEstablished}, on by default
     * from Kubernetes 1.37): when fewer than maxUnavailable in-range pods are unavailable, deletes outdated pods from
     * the highest ordinal down to the partition until maxUnavailable would be reached. Recreation with the update
     * revision happens in a later pass.
     */
    private void rollingUpdate() {
        int maxUnavailable = set.maxUnavailable();
        long unavailable = (long) slots - replicas.size();
        for (ObjectNode pod : replicas.values()) {
            if (deleted.contains(Json.name(pod)) || StatefulPods.isUnavailable(pod, set.minReadySeconds(), now)) {
                unavailable++;
            }
        }
        if (unavailable >= maxUnavailable) {
            return;
        }
        long budget = maxUnavailable - unavailable;
        String update = revisions.update().name();
        for (Map.Entry<Integer, ObjectNode> e : replicas.descendingMap().entrySet()) {
            if (e.getKey() < set.partition() || budget <= 0) {
                break;
            }
            ObjectNode pod = e.getValue();
            if (!update.equals(StatefulPods.revision(pod)) && !Json.isTerminating(pod)
                    && !deleted.contains(Json.name(pod))) {
                delete(pod);
                budget--;
            }
        }
    }

    /**
     * Deletes the pods of a set marked for deletion: highest ordinal first, one at a time and only after the previous
     * one is gone under OrderedReady; all at once under Parallel.
     */
    private void deleteForSetDeletion(List<ObjectNode> pods) {
        List<ObjectNode> ordered = new ArrayList<>(pods);
        ordered.sort(DESCENDING);
        for (ObjectNode pod : ordered) {
            if (Json.isTerminating(pod)) {
                if (set.monotonic()) {
                    return;
                }
                continue;
            }
            delete(pod);
            if (set.monotonic()) {
                return;
            }
        }
    }

    private void delete(ObjectNode pod) {
        if (deleted.add(Json.name(pod))) {
            actions.add(new DeletePod(Json.name(pod), Json.uid(pod)));
        }
    }

    private void waitFor(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        if (requeueAfter == null || d.compareTo(requeueAfter) < 0) {
            requeueAfter = d;
        }
    }
}
