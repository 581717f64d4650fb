package dev.ordinal.store;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;


import dev.ordinal.core.ApiException;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import org.springframework.stereotype.Component;

/**
 * Keeps a window of recent changes so a watch can start from a resourceVersion, and fans new changes out to open
 * watches, as the API server's watch cache does. A watch from a version older than the window gets 410 Expired. When
 * the change feed had to list again (changes were lost to it), every open watch receives an ERROR event carrying a
 * 410 Expired Status and is dropped, which tells its client to list again.
 */
@Component
public class WatchHub {
    /** The type of the event that ends a watch whose position was lost; its object is a Status. */
    public static final String ERROR = "ERROR";
    private static final int WINDOW = 20_000;
    /** The window, serialized: a parsed object costs about five times the memory. */
    private final Deque<Recent> events = new ArrayDeque<>();
    private final int window;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long oldestKnown;

    private record Recent(String type, ResourceType resourceType, byte[] json, long resourceVersion) {
        WatchEvent event() {
            return new WatchEvent(type, resourceType, Json.parse(json), resourceVersion, json);
        }
    }

    private record Subscriber(long fromVersion, Predicate<WatchEvent> filter, Consumer<WatchEvent> sink) {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public WatchHub(ChangeFeed feed) {
        this.window = WINDOW;
        synchronized (events) {
            this.oldestKnown = feed.subscribeAt(this::onChange);
        }
        feed.onRelist(() -> onRelist(feed.cache().version()));
    }

    /** A hub that knows changes after {@code startVersion} and keeps the last {@code window} of them. */
    WatchHub(long startVersion, int window) {
        this.window = window;
        this.oldestKnown = startVersion;
    }

    void onChange(WatchEvent e) {
        synchronized (events) {
            events.addLast(new Recent(e.type(), e.resourceType(), e.bytes(), e.resourceVersion()));
            while (events.size() > window) {
                oldestKnown = events.removeFirst().resourceVersion();
            }
            // Delivered under the lock so a new watch sees its backlog and live events in order, once each.
            for (Subscriber s : subscribers) {
                if (e.resourceVersion() > s.fromVersion && s.filter.test(e)) {
                    s.sink.accept(e);
                }
            }
        }
    }

    void onRelist(long listedAt) {
        synchronized (events) {
            events.clear();
            oldestKnown = listedAt;
            ApiException gone = ApiException.gone("too old resource version: the change feed was listed again at "
                    + oldestKnown);
            for (Subscriber s : subscribers) {
                s.sink.accept(new WatchEvent(ERROR, null, gone.status(), oldestKnown));
            }
            subscribers.clear();
        }
    }

    /**
     * Subscribes to changes after {@code fromVersion} matching {@code filter}: first the ones already in the window,
     * then every new one, each once and in order. Returns a handle that ends the subscription. Throws 410 Expired when
     * changes after {@code fromVersion} are no longer known. The sink runs on the change feed's thread: it must not
     * block. It may receive one final {@link #ERROR} event (410 Expired) after which nothing more comes.
     */
    public Runnable subscribe(long fromVersion, Predicate<WatchEvent> filter, Consumer<WatchEvent> sink) {
        Subscriber sub = new Subscriber(fromVersion, filter, sink);
        synchronized (events) {
            if (fromVersion < oldestKnown) {
                throw ApiException.gone("too old resource version: " + fromVersion + " (" + oldestKnown + ")");
            }
            for (Recent r : events) {
                if (r.resourceVersion() > fromVersion) {
                    WatchEvent e = r.event();
                    if (filter.test(e)) {
                        sink.accept(e);
                    }
                }
            }
            subscribers.add(sub);
        }
        return () -> subscribers.remove(sub);
    }
}
