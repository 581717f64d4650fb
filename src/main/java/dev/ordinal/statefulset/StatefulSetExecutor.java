package dev.ordinal.statefulset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.ordinal.controller.WriteOutcome;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Result;
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
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ObjectStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a StatefulSet plan through the store, in order, with the events Kubernetes' {@code StatefulPodControl}
 * records on the set. The first failed write stops the pass, as Kubernetes stops at the first failed create: later
 * pod and claim writes are skipped, the status is still written, and the pass then fails so the runtime backs off.
 * Writes that find the world already as wanted are not failures: a claim that already exists, a pod already deleted.
 * A run of creates (a new revision, claims and pods) goes to the store together ({@link ObjectStore#createAll}, one
 * round trip in a group), with the same outcome, the same events and the same stop as when created one by one.
 */
@Component
public class StatefulSetExecutor {
    static final String COMPONENT = "statefulset-controller";

    private final ObjectStore store;
    private final EventRecorder events;

    public StatefulSetExecutor(ObjectStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    /** Thrown after the status is written when a write of the pass failed, so the runtime retries with backoff. */
    public static final class SyncFailedException extends RuntimeException {
        SyncFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Applies {@code plan} to {@code set}. Returns REQUEUE when the plan was made from a state that turned out stale
     * (a pod or revision name already taken), the plan's delay when it waits on time, DONE otherwise.
     */
    public Result execute(ObjectNode set, StatefulSetPlan plan) {
        Outcome outcome = new Outcome();
        // One commit for the pass; each write still fails alone, as Kubernetes' separate requests do, and the
        // failure is thrown only once what succeeded has committed.
        store.writeInSteps(() -> outcome.result = executeSteps(set, plan, outcome));
        if (outcome.failure != null) {
            throw new SyncFailedException("StatefulSet " + Json.namespace(set) + "/" + Json.name(set)
                    + " sync failed: " + outcome.failure.getMessage(), outcome.failure);
        }
        return outcome.result;
    }

    /**
     * Records an event on the set once the pass's writes have committed (Kubernetes records each after its request
     * returned): never before the pods themselves can be seen, and not at all for a pass whose commit failed.
     */
    private void record(JsonNode set, String type, String reason, String message) {
        store.afterSteps(() -> events.record(set, type, reason, message, COMPONENT));
    }

    /** What a pass came to: its result, and the first write that failed. */
    private static final class Outcome {
        Result result;
        RuntimeException failure;
    }

    private Result executeSteps(ObjectNode set, StatefulSetPlan plan, Outcome outcome) {
        String ns = Json.namespace(set);
        RuntimeException failure = null;
        boolean stale = false;
        // A run of creates (revision, claims, pods) is sent together; each is then handled as if created alone.
        java.util.Map<StatefulSetAction, ObjectStore.Created> created = new java.util.IdentityHashMap<>();
        List<StatefulSetAction> actions = plan.actions();
        for (int i = 0; i < actions.size(); i++) {
            StatefulSetAction action = actions.get(i);
            boolean stopped = failure != null || stale;
            // Every create reached while the pass goes on is in a run: its run answers at least its first create,
            // and stops only where the pass stops too.
            if (!stopped && isCreate(action) && !created.containsKey(action)) {
                createRun(set, actions, i, created);
            }
            try {
                if (action instanceof UpdateStatus u) {
                    writeStatus(set, u.status());
                } else if (action instanceof RecordEvent e) {
                    if (!stopped) {
                        record(set, e.type(), e.reason(), e.message());
                    }
                } else if (stopped) {
                    continue;
                } else if (action instanceof CreateRevision c) {
                    if (!createRevision(set, created.get(c))) {
                        return Result.REQUEUE;
                    }
                } else if (action instanceof UpdateRevision u) {
                    stale = store.modify(ResourceTypes.CONTROLLER_REVISION, ns, u.name(), false,
                            r -> r.put("revision", u.revision())).isEmpty();
                } else if (action instanceof DeleteRevision d) {
                    deleteIgnoringNotFound(ResourceTypes.CONTROLLER_REVISION, ns, d.name(), null);
                } else if (action instanceof CreateClaim c) {
                    createClaim(set, c, plan.of(CreatePod.class).stream()
                            .anyMatch(p -> c.podName().equals(Json.name(p.pod()))), created.get(c));
                } else if (action instanceof UpdateClaimOwnerRefs u) {
                    updateClaimOwnerRefs(ns, u);
                } else if (action instanceof CreatePod c) {
                    stale = !createPod(set, c, created.get(c));
                } else if (action instanceof UpdatePod u) {
                    updatePod(set, u);
                } else if (action instanceof ReleasePod r) {
                    store.modify(ResourceTypes.POD, ns, r.name(), false, pod -> {
                        if (Objects.equals(Json.uid(pod), r.uid())) {
                            r.applyTo(pod);
                        }
                    });
                } else if (action instanceof DeletePod d) {
                    deletePod(set, d);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            outcome.failure = failure;
            return null;
        }
        if (stale) {
            return Result.REQUEUE;
        }
        return plan.requeueAfter() == null ? Result.DONE : Result.after(plan.requeueAfter());
    }

    private static boolean isCreate(StatefulSetAction action) {
        return action instanceof CreateRevision || action instanceof CreateClaim || action instanceof CreatePod;
    }

    /**
     * Creates the revision, claims and pods of the run of creates that starts at {@code from}, through one
     * {@link ObjectStore#createAll}: a claim whose name is taken lets the run go on (it is the claim wanted), a pod's
     * or the revision's does not (the pass is stale, or the revision's name collides), and any other failure stops
     * it, as it stops the pass.
     */
    private void createRun(ObjectNode set, List<StatefulSetAction> actions, int from,
                           java.util.Map<StatefulSetAction, ObjectStore.Created> created) {
        List<StatefulSetAction> run = new java.util.ArrayList<>();
        List<ObjectStore.Create> creates = new java.util.ArrayList<>();
        for (int i = from; i < actions.size() && isCreate(actions.get(i)); i++) {
            StatefulSetAction a = actions.get(i);
            run.add(a);
            String ns = Json.namespace(set);
            creates.add(a instanceof CreateClaim c
                    ? new ObjectStore.Create(ResourceTypes.PERSISTENT_VOLUME_CLAIM, ns, c.claim(), true)
                    : a instanceof CreateRevision r
                    ? new ObjectStore.Create(ResourceTypes.CONTROLLER_REVISION, ns, r.revision(), false)
                    : new ObjectStore.Create(ResourceTypes.POD, ns, ((CreatePod) a).pod(), false));
        }
        List<ObjectStore.Created> answers;
        try {
            answers = store.createAll(creates);
        } catch (RuntimeException e) {
            // The run as a whole failed (not one create of it): its first create fails with that, as alone it would.
            answers = List.of(new ObjectStore.Created(null, e));
        }
        for (int i = 0; i < answers.size(); i++) {
            created.put(run.get(i), answers.get(i));
        }
    }

    /** Deletes the pods of a StatefulSet that is gone; no events, as there is no set to record them on. */
    public void executeOrphaned(String namespace, StatefulSetPlan plan) {
        for (StatefulSetAction action : plan.actions()) {
            if (action instanceof DeletePod d) {
                deleteIgnoringNotFound(ResourceTypes.POD, namespace, d.name(), d.uid());
            }
        }
    }

    /**
     * Records a revision's create ({@code created}, from its run); when its name was taken by an object the planner
     * did not see, counts a hash collision in status.collisionCount (so the next pass picks another name) and returns
     * false.
     */
    private boolean createRevision(ObjectNode set, ObjectStore.Created created) {
        try {
            created.get();
            return true;
        } catch (ApiException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
            store.modify(ResourceTypes.STATEFUL_SET, Json.namespace(set), Json.name(set), true, s -> {
                if (Objects.equals(Json.uid(s), Json.uid(set))) {
                    Json.with(s, "status").put("collisionCount", Json.integer(s, 0, "status", "collisionCount") + 1);
                }
            });
            return false;
        }
    }

    /**
     * Records a claim's create ({@code created}, from its run). A failure is recorded on the set as Kubernetes does:
     * Warning FailedCreate for the claim, and, when the claim was created for a new pod ({@code CreateStatefulPod}),
     * Warning FailedCreate for the pod too.
     */
    private void createClaim(ObjectNode set, CreateClaim c, boolean forNewPod, ObjectStore.Created created) {
        String claim = Json.name(c.claim());
        try {
            created.get();
            record(set, EventRecorder.NORMAL, "SuccessfulCreate", "create Claim " + claim + " Pod "
                    + c.podName() + " in StatefulSet " + Json.name(set) + " success");
        } catch (ApiException e) {
            if ("AlreadyExists".equals(e.reason())) {
                return;
            }
            record(set, EventRecorder.WARNING, "FailedCreate", "create Claim " + claim + " for Pod "
                    + c.podName() + " in StatefulSet " + Json.name(set) + " failed error: " + e.getMessage());
            if (forNewPod) {
                podEvent(set, "create", c.podName(),
                        new IllegalStateException("failed to create PVC " + claim + ": " + e.getMessage()));
            }
            throw e;
        }
    }

    private void updateClaimOwnerRefs(String ns, UpdateClaimOwnerRefs u) {
        store.modify(ResourceTypes.PERSISTENT_VOLUME_CLAIM, ns, u.claimName(), false, claim -> {
            if (u.ownerReferences().isEmpty()) {
                Json.meta(claim).remove("ownerReferences");
            } else {
                ArrayNode refs = Json.array();
                u.ownerReferences().forEach(r -> refs.add(r.deepCopy()));
                Json.meta(claim).set("ownerReferences", refs);
            }
        });
    }

    /**
     * Records a pod's create ({@code created}, from its run); false when its name was already taken (the event is
     * sunk, as Kubernetes does).
     */
    private boolean createPod(ObjectNode set, CreatePod c, ObjectStore.Created created) {
        String pod = Json.name(c.pod());
        try {
            created.get();
            podEvent(set, "create", pod, null);
            return true;
        } catch (ApiException e) {
            if ("AlreadyExists".equals(e.reason())) {
                return false;
            }
            podEvent(set, "create", pod, e);
            throw e;
        }
    }

    private void updatePod(ObjectNode set, UpdatePod u) {
        try {
            Optional<ObjectNode> result = store.modify(ResourceTypes.POD, Json.namespace(set), u.name(), false, pod -> {
                if (Objects.equals(Json.uid(pod), u.uid())
                        && (u.controllerRef() == null || Json.controllerRef(pod) == null)) {
                    u.applyTo(pod);
                }
            });
            if (result.isPresent() && u.repairs()) {
                podEvent(set, "update", u.name(), null);
            }
        } catch (ApiException e) {
            podEvent(set, "update", u.name(), e);
            throw e;
        }
    }

    private void deletePod(ObjectNode set, DeletePod d) {
        WriteOutcome outcome;
        try {
            outcome = WriteOutcome.of(() -> store.delete(ResourceTypes.POD, Json.namespace(set), d.name(),
                    new DeleteOptions(null, null, d.uid(), null)));
        } catch (ApiException e) {
            podEvent(set, "delete", d.name(), e);
            throw e;
        }
        // Gone, or replaced by a newer pod of the same name (stale): nothing of ours is left to delete.
        if (outcome == WriteOutcome.DONE) {
            podEvent(set, "delete", d.name(), null);
        }
    }

    private void deleteIgnoringNotFound(dev.ordinal.core.ResourceType type, String ns, String name, String uid) {
        WriteOutcome.of(() -> store.delete(type, ns, name, new DeleteOptions(null, null, uid, null)));
    }

    /**
     * Records Kubernetes' pod events: Normal {@code Successful<Verb>} "{verb} Pod {pod} in StatefulSet {set}
     * successful", or Warning {@code Failed<Verb>} "{verb} Pod {pod} in StatefulSet {set} failed error: {error}".
     */
    private void podEvent(JsonNode set, String verb, String pod, Exception error) {
        String title = Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
        if (error == null) {
            record(set, EventRecorder.NORMAL, "Successful" + title, verb + " Pod " + pod + " in StatefulSet "
                    + Json.name(set) + " successful");
        } else {
            record(set, EventRecorder.WARNING, "Failed" + title, verb + " Pod " + pod + " in StatefulSet "
                    + Json.name(set) + " failed error: " + error.getMessage());
        }
    }

    private void writeStatus(ObjectNode set, ObjectNode status) {
        store.modify(ResourceTypes.STATEFUL_SET, Json.namespace(set), Json.name(set), true, current -> {
            if (Objects.equals(Json.uid(current), Json.uid(set))) {
                current.set("status", status.deepCopy());
            }
        });
    }
}
