package dev.ordinal.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.ordinal.api.ApiException;
import org.springframework.stereotype.Component;

/**
 * Keeps a window of recent changes so a watch can start from a resourceVersion, and fans new changes out to open
 * watches. A watch from a version older than the window gets 410 Expired, as from Kubernetes' watch cache.
 */
@Component
public class WatchHub {
    private static final int WINDOW = 20_000;
    private final Deque<WatchEvent> events = new ArrayDeque<>();
    private final int window;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long oldestKnown;

    private record Subscriber(Predicate<WatchEvent> filter, Consumer<WatchEvent> sink) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public WatchHub(ChangeFeed feed, ResourceRepository repo) {
        this(feed, repo.lastResourceVersion(), WINDOW);
    }

    /** A hub that knows changes after {@code startVersion} and keeps the last {@code window} of them. */
    public WatchHub(ChangeFeed feed, long startVersion, int window) {
        this.oldestKnown = startVersion;
        this.window = window;
        feed.subscribe(this::onChange);
    }

    private void onChange(WatchEvent e) {
        synchronized (events) {
            events.addLast(e);
            while (events.size() > window) {
                oldestKnown = events.removeFirst().resourceVersion();
            }
            // Delivered under the lock so a new watch sees its backlog and live events in order, once each.
            for (Subscriber s : subscribers) {
                if (s.filter.test(e)) {
                    s.sink.accept(e);
                }
            }
        }
    }

    /**
     * Subscribes to changes after {@code fromVersion} matching {@code filter}: first the ones already in the window,
     * then every new one. Returns a handle that ends the subscription. Throws 410 Expired when changes after
     * {@code fromVersion} are no longer known.
     */
    public Runnable subscribe(long fromVersion, Predicate<WatchEvent> filter, Consumer<WatchEvent> sink) {
        Subscriber sub = new Subscriber(filter, sink);
        synchronized (events) {
            if (fromVersion < oldestKnown) {
                throw ApiException.gone("too old resource version: " + fromVersion + " (" + oldestKnown + ")");
            }
            for (WatchEvent e : events) {
                if (e.resourceVersion() > fromVersion && filter.test(e)) {
                    sink.accept(e);
                }
            }
            subscribers.add(sub);
        }
        return () -> subscribers.remove(sub);
    }
}
