package dev.ordinal.reconcile;

import java.time.Duration;

/** What a reconcile pass asks for next: nothing, another pass soon, or another pass after a delay. */
public sealed interface Result {
    Result DONE = new Done();
    Result REQUEUE = new Requeue();

    static Result after(Duration delay) {
        return new RequeueAfter(delay);
    }

    /** The object is converged for now; only a change or the resync brings it back. */
    record Done() implements Result {
    }

    /** Run again as soon as possible (rate-limited like an error, without counting as one). */
    record Requeue() implements Result {
    }

    /** Run again after {@code delay}, for time-based progress such as a start delay. */
    record RequeueAfter(Duration delay) implements Result {
    }
}
