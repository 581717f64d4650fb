package dev.ordinal.pod;

import java.util.List;

/** What the scheduler does with one pod; decided by {@link SchedulerPlanner}, carried out by the reconciler. */
sealed interface SchedulerAction {

    /** Binds the pod to the node through {@code pods/binding} and records Normal {@code Scheduled}. */
    record Bind(String node) implements SchedulerAction {
    }

    /**
     * Sets {@code PodScheduled=False} (reason Unschedulable) with the scheduler's message, records Warning
     * {@code FailedScheduling}, and looks again later.
     */
    record MarkUnschedulable(String message) implements SchedulerAction {
    }

    /**
     * Marks WaitForFirstConsumer claims with {@code volume.kubernetes.io/selected-node} so their volumes are
     * provisioned for the node, and looks again once they are bound.
     */
    record SelectNodeForClaims(String node, List<String> claims) implements SchedulerAction {
    }
}
