package dev.ordinal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The savepoints of one group of steps ({@link ResourceStore#writeInSteps}), sent in the round trips of the steps'
 * own statements instead of each in one of its own: a step's savepoint is established by the first statement the step
 * sends, which also releases the savepoint of the step before it at the same depth, and the group's commit releases
 * the last. A step that sends nothing costs nothing. Steps nest (a write inside a write): each depth has its own name,
 * and a statement of an inner step first establishes every outer step's savepoint not yet established.
 *
 * <p>Only bookkeeping: it says what to send, {@link ResourceRows} sends it. One instance per group and thread.
 */
final class StepSavepoints {
    private static final String NAME = "ordinal_step_";

    /** One step in progress: its depth, and whether its savepoint has been sent. */
    private static final class Step {
        final int depth;
        boolean sent;

        Step(int depth) {
            this.depth = depth;
        }
    }

    private final Deque<Step> active = new ArrayDeque<>();
    /** Per depth: whether a savepoint of that name stands in the transaction (of a step running or finished). */
    private final List<Boolean> standing = new ArrayList<>();

    /** Starts a step inside the current one, if any; its savepoint is not sent until it sends a statement. */
    void begin() {
        active.push(new Step(active.size()));
    }

    /**
     * The commands to send before a statement of the current step, in the same round trip, or null when none is
     * needed (outside steps, or every running step's savepoint already sent). Marks them sent.
     */
    String beforeStatement() {
        StringBuilder sql = null;
        for (var it = active.descendingIterator(); it.hasNext(); ) {
            Step step = it.next();
            if (step.sent) {
                continue;
            }
            if (sql == null) {
                sql = new StringBuilder();
            }
            if (standing(step.depth)) {
                // Releasing it also ends every savepoint set after it, the deeper ones of the step before.
                sql.append("release savepoint ").append(NAME).append(step.depth).append("; ");
                forgetFrom(step.depth);
            }
            sql.append("savepoint ").append(NAME).append(step.depth).append("; ");
            forgetFrom(step.depth + 1);
            markStanding(step.depth);
            step.sent = true;
        }
        return sql == null ? null : sql.toString();
    }

    /**
     * Ends the current step. Returns the command that undoes it when it failed after sending a statement (the
     * savepoint stays, as PostgreSQL keeps it), or null when there is nothing to undo.
     */
    String end(boolean failed) {
        Step step = active.pop();
        if (!failed || !step.sent) {
            return null;
        }
        forgetFrom(step.depth + 1);
        return "rollback to savepoint " + NAME + step.depth;
    }

    /** Whether a step is running on this group. */
    boolean inStep() {
        return !active.isEmpty();
    }

    private boolean standing(int depth) {
        return depth < standing.size() && standing.get(depth);
    }

    private void markStanding(int depth) {
        while (standing.size() <= depth) {
            standing.add(false);
        }
        standing.set(depth, true);
    }

    private void forgetFrom(int depth) {
        for (int d = depth; d < standing.size(); d++) {
            standing.set(d, false);
        }
    }
}
