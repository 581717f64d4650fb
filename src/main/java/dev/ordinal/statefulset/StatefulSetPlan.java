package dev.ordinal.statefulset;

import java.time.Duration;
import java.util.List;

/**
 * What one planner pass decided.
 *
 * @param actions      the writes to perform, in order
 * @param requeueAfter when set, the pass is waiting on time (a pod becoming available after minReadySeconds) and
 *                     wants to run again after this delay even if nothing changes
 */
public record StatefulSetPlan(List<StatefulSetAction> actions, Duration requeueAfter) {
    public StatefulSetPlan {
        actions = List.copyOf(actions);
    }

    /** The actions of one type, in plan order. */
    public <T extends StatefulSetAction> List<T> of(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
