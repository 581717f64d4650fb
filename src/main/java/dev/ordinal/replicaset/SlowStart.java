package dev.ordinal.replicaset;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code slowStartBatch}: creations go in batches of 1, 2, 4, 8, … so that a set whose pods cannot be
 * created (a bad template, a quota) fails after one call rather than after hundreds. Pure: the work is a callback.
 */
public final class SlowStart {
    /** The size of the first batch ({@code SlowStartInitialBatchSize}). */
    public static final int INITIAL_BATCH = 1;
    /** At most this many pods are created or deleted by one pass ({@code burstReplicas}). */
    public static final int BURST = 500;

    private SlowStart() {
    }

    /** The outcome of a run: how many calls were made, how many succeeded, and the errors of the failed ones. */
    public record Outcome(int attempted, int succeeded, List<RuntimeException> errors) {
        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    /** Splits {@code count} into batches that double from {@link #INITIAL_BATCH}; the last one takes the rest. */
    public static List<Integer> batches(int count) {
        List<Integer> out = new ArrayList<>();
        int remaining = count;
        int size = INITIAL_BATCH;
        while (remaining > 0) {
            int batch = Math.min(size, remaining);
            out.add(batch);
            remaining -= batch;
            size *= 2;
        }
        return out;
    }

    /**
     * Runs {@code work} once per slot of {@code batches}. Every call of a batch is made even when an earlier call of
     * the same batch fails (Kubernetes runs a batch concurrently); no later batch starts once a batch had an error.
     */
    public static Outcome run(List<Integer> batches, Runnable work) {
        int attempted = 0;
        int succeeded = 0;
        List<RuntimeException> errors = new ArrayList<>();
        for (int batch : batches) {
            for (int i = 0; i < batch; i++) {
                attempted++;
                try {
                    work.run();
                    succeeded++;
                } catch (RuntimeException e) {
                    errors.add(e);
                }
            }
            if (!errors.isEmpty()) {
                break;
            }
        }
        return new Outcome(attempted, succeeded, List.copyOf(errors));
    }
}
