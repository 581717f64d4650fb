package dev.ordinal.replicaset;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.ordinal.controller.OwnerReferences;
import dev.ordinal.controller.WriteOutcome;
import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.event.EventRecorder;
import dev.ordinal.reconcile.Result;
import dev.ordinal.replicaset.ReplicaSetAction.AdoptPod;
import dev.ordinal.replicaset.ReplicaSetAction.CreatePods;
import dev.ordinal.replicaset.ReplicaSetAction.DeletePod;
import dev.ordinal.replicaset.ReplicaSetAction.ReleasePod;
import dev.ordinal.replicaset.ReplicaSetAction.UpdateStatus;
import dev.ordinal.replicaset.ReplicaSetPlanner.Plan;
import dev.ordinal.store.DeleteOptions;
import dev.ordinal.store.ObjectStore;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a replica set's plan through the store, in the plan's order, and records the events Kubernetes records on
 * the set: {@code SuccessfulCreate} "Created pod: …", {@code FailedCreate} "Error creating: …",
 * {@code SuccessfulDelete} "Deleted pod: …", {@code FailedDelete} "Error deleting: …".
 */
@Component
public class ReplicaSetExecutor {

    /** Thrown after the status is written when creating or deleting pods failed, so the runtime backs off. */
    public static final class ManageReplicasException extends RuntimeException {
        ManageReplicasException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectStore store;
    private final EventRecorder events;
    private final Clock clock;

    public ReplicaSetExecutor(ObjectStore store, EventRecorder events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    private record Failure(String reason, RuntimeException error) {
    }

    /**
     * Applies {@code plan} to {@code set}. Returns REQUEUE without going further when an adoption lost a race (the
     * claimed pods are then not what the plan assumed), the plan's requeue delay when it has one, DONE otherwise.
     * Throws {@link ManageReplicasException} after writing the status (with ReplicaFailure) when a creation or
     * deletion failed.
     */
    public Result execute(ReplicaSetKind kind, JsonNode set, Plan plan) {
        String ns = Json.namespace(set);
        Failure failure = null;
        for (ReplicaSetAction action : plan.actions()) {
            if (action instanceof AdoptPod a) {
                if (!adopt(ns, a)) {
                    return Result.REQUEUE;
                }
            } else if (action instanceof ReleasePod r) {
                release(ns, r);
            } else if (action instanceof CreatePods c) {
                Failure f = create(kind, set, c);
                failure = failure == null ? f : failure;
            } else if (action instanceof DeletePod d) {
                Failure f = delete(kind, set, d);
                failure = failure == null ? f : failure;
            } else if (action instanceof UpdateStatus u) {
                writeStatus(kind, set, u.status(), failure);
            }
        }
        if (failure != null) {
            throw new ManageReplicasException(failure.reason() + ": " + failure.error().getMessage(), failure.error());
        }
        return plan.requeueAfter() == null ? Result.DONE : Result.after(plan.requeueAfter());
    }

    /** Adds the controller reference if the pod is still the same orphan; false when it is gone or taken. */
    private boolean adopt(String ns, AdoptPod a) {
        String ownerUid = Json.str(a.ownerReference(), "uid");
        var result = store.modify(ResourceTypes.POD, ns, a.podName(), false, pod -> {
            if (Objects.equals(Json.uid(pod), a.podUid())) {
                OwnerReferences.adopt(pod, a.ownerReference());
            }
        });
        return result.map(pod -> OwnerReferences.isControlledBy(pod, ownerUid)).orElse(false);
    }

    private void release(String ns, ReleasePod r) {
        store.modify(ResourceTypes.POD, ns, r.podName(), false, pod -> {
            if (Objects.equals(Json.uid(pod), r.podUid())) {
                OwnerReferences.release(pod, r.ownerUid());
            }
        });
    }

    private Failure create(ReplicaSetKind kind, JsonNode set, CreatePods c) {
        String ns = Json.namespace(set);
        SlowStart.Outcome outcome = SlowStart.run(c.batches(), () -> {
            try {
                ObjectNode created = store.create(ResourceTypes.POD, ns, Json.copy(c.pod()));
                events.record(set, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + Json.name(created),
                        kind.component());
            } catch (ApiException e) {
                if (isNamespaceTerminating(e)) {
                    return; // Kubernetes ignores creations refused because the namespace is going away.
                }
                events.record(set, EventRecorder.WARNING, "FailedCreate", "Error creating: " + e.getMessage(),
                        kind.component());
                throw e;
            }
        });
        return outcome.failed() ? new Failure("FailedCreate", outcome.errors().get(0)) : null;
    }

    private Failure delete(ReplicaSetKind kind, JsonNode set, DeletePod d) {
        WriteOutcome outcome;
        try {
            outcome = WriteOutcome.of(() -> store.delete(ResourceTypes.POD, Json.namespace(set), d.podName(),
                    new DeleteOptions(null, null, d.podUid(), null)));
        } catch (ApiException e) {
            events.record(set, EventRecorder.WARNING, "FailedDelete", "Error deleting: " + e.getMessage(),
                    kind.component());
            return new Failure("FailedDelete", e);
        }
        // Gone, or replaced by another pod of the same name (stale): nothing of ours is left to delete.
        if (outcome == WriteOutcome.DONE) {
            events.record(set, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + d.podName(),
                    kind.component());
        }
        return null;
    }

    private void writeStatus(ReplicaSetKind kind, JsonNode set, ObjectNode status, Failure failure) {
        Instant now = clock.instant();
        ObjectNode wanted = failure == null ? status
                : ReplicaSetStatusCalculator.withFailure(status, set, failure.reason(),
                        failure.error().getMessage(), now);
        store.modify(kind.type(), Json.namespace(set), Json.name(set), true, current -> {
            if (Objects.equals(Json.uid(current), Json.uid(set))) {
                current.set("status", wanted.deepCopy());
            }
        });
    }

    private static boolean isNamespaceTerminating(ApiException e) {
        return e.code() == 403 && String.valueOf(e.getMessage()).contains("because it is being terminated");
    }
}
