package dev.ordinal.controller;

import dev.ordinal.core.ApiException;

/**
 * The one failure contract of a controller's executor, stated once, as Kubernetes' controllers treat API errors:
 * <ul>
 *   <li>404 NotFound — {@link #GONE}: the object the action was about no longer exists, so the action no longer
 *       applies; nothing is retried (its deletion is itself a change that wakes whoever cares).</li>
 *   <li>409 Conflict or AlreadyExists — {@link #STALE}: the plan was made from a state that has changed since (a
 *       stale resourceVersion, a failed uid precondition, a name already taken); the action is dropped and the key is
 *       planned again from a fresh read.</li>
 *   <li>Any other error is thrown: the executor records it where Kubernetes records it (a Failed… event) and the
 *       runtime retries the key with exponential backoff.</li>
 * </ul>
 */
public enum WriteOutcome {
    /** The write happened. */
    DONE,
    /** 404: the object is gone. */
    GONE,
    /** 409: the object changed since the plan was made. */
    STALE;

    /** Runs one write and classifies its outcome by the contract above; other errors propagate. */
    public static WriteOutcome of(Runnable write) {
        try {
            write.run();
            return DONE;
        } catch (ApiException e) {
            return classify(e);
        }
    }

    /** GONE for 404, STALE for 409; anything else is rethrown. */
    public static WriteOutcome classify(ApiException e) {
        if (e.code() == 404) {
            return GONE;
        }
        if (e.code() == 409) {
            return STALE;
        }
        throw e;
    }
}
