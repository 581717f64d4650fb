package dev.ordinal.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folds the passes over one key that come closer together than an interval into one, for reconcilers woken by
 * every change of many dependents (a node's pods): the kubelet and the attach/detach controller report a node's
 * volumes periodically, not on every pod change, and a pass that reads all of a node's pods on each of its pods'
 * changes would cost the square of the pods. The key's next pass is simply later; nothing is lost, since every pass
 * reads the current state.
 */
public final class PassThrottle {
    private final Duration interval;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public PassThrottle(Duration interval) {
        this.interval = interval;
    }

    /**
     * Empty when a pass over {@code key} may run at {@code now} (and records it as the key's last pass); otherwise the
     * wait until it may. A clock that went backwards lets the pass run.
     */
    public Optional<Duration> wait(String key, Instant now) {
        Instant previous = last.get(key);
        if (previous != null && now.isBefore(previous.plus(interval)) && !now.isBefore(previous)) {
            return Optional.of(Duration.between(now, previous.plus(interval)));
        }
        last.put(key, now);
        return Optional.empty();
    }

    /** Forgets a key (its object is gone). */
    public void forget(String key) {
        last.remove(key);
    }
}
