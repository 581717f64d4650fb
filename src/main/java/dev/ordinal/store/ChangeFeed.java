package dev.ordinal.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The in-process change feed. Every write the store commits is delivered here once, after commit, in the order the
 * writing thread committed it. Listeners must be quick (enqueue, not work): they run on the writer's thread.
 */
@Component
public class ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private final List<Consumer<WatchEvent>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<WatchEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<WatchEvent> listener) {
        listeners.remove(listener);
    }

    /** Delivers the event after the current transaction commits, or at once when there is none. */
    void publishAfterCommit(WatchEvent event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(event);
                }
            });
        } else {
            deliver(event);
        }
    }

    private void deliver(WatchEvent event) {
        for (Consumer<WatchEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("change feed listener failed on {} {}", event.type(), event.resourceType().kind(), e);
            }
        }
    }
}
