package dev.ordinal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import javax.sql.DataSource;

import dev.ordinal.core.Json;
import dev.ordinal.core.KindDefinition;
import dev.ordinal.core.KindRegistry;
import dev.ordinal.core.ResourceType;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The change feed, read from the database so that every instance sees every committed write, whoever made it. Each
 * write appends its change to {@code change_log} in its own transaction. One reader thread per instance reads the new
 * changes in resourceVersion order, applies each to the {@link ObjectCache} and then hands it to the listeners (watch
 * hub, controllers). It reads when this instance's writes end ({@link #writeEnded}), when another instance notifies
 * channel {@value #CHANNEL} (a listener thread), when a reader asks ({@link #requestPoll}), and every
 * {@code ordinal.change-feed.safety-poll-millis} in case a notification was lost. When changes it has not seen were
 * trimmed, or at start, it lists everything again at one consistent version (the informer's relist) and tells the
 * relist listeners.
 *
 * <p>While this instance is the only writer ({@link WriterPresence#ownVersionsAfter}), its own committed writes are
 * delivered from memory, without reading them back: every version after the cache's and below those its transactions
 * in flight may take was taken by one of its transactions that has ended, so the changes they committed are exactly
 * the ones to deliver there, in version order (see {@link #deliverOwn}). For anything it cannot vouch for it reads the
 * log.
 *
 * <p>Listeners run on the reader's thread and must be quick: enqueue, never wait.
 */
@Component
public class ChangeFeed {
    static final String CHANNEL = "ordinal_changes";
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int BATCH = 2000;
    /** The shortest time between the starts of two reads; see {@link #awaitWake}. */
    private static final long MIN_GAP_MILLIS = 5;
    /** When the reader's last delivery began ({@link System#nanoTime}). */
    private long lastRead = System.nanoTime(); // nanoTime may be negative: only differences of it mean anything.
    /** How long the listener blocks for a notification before it looks whether it should stop. */
    private static final int LISTEN_MILLIS = 5000;

    private final DataSource dataSource;
    private final KindRegistry kinds;
    private final WriterPresence presence;
    /** Held for {@link #ownInFlight}, {@link #ownUnknown} and {@link #ownCommitted}. */
    private final Object own = new Object();
    /**
     * This instance's transactions that took (or may take) versions and have not ended, as how many began at each
     * highest version this instance had seen taken: every version such a transaction takes is above it.
     */
    private final java.util.TreeMap<Long, Integer> ownInFlight = new java.util.TreeMap<>();
    /** Whether a transaction of this instance ended whose changes are not known here: the log must be read. */
    private boolean ownUnknown;
    /** Changes this instance committed that the cache has not applied yet, by version. */
    private final java.util.TreeMap<Long, Committed> ownCommitted = new java.util.TreeMap<>();
    /** How many times changes were delivered from memory ({@link #deliverOwn}) and read from the log. */
    private final java.util.concurrent.atomic.AtomicLong ownDeliveries = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong logReads = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong relists = new java.util.concurrent.atomic.AtomicLong();
    private final ObjectCache cache;
    private final List<Consumer<WatchEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> relistListeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> advanceListeners = new CopyOnWriteArrayList<>();
    /** Held while changes are applied and delivered, so a new listener starts at an exact version. */
    private final Object delivery = new Object();
    /** Held to ask the reader for a read; see {@link #requestPoll}. */
    private final Object wake = new Object();
    private boolean wakeRequested;
    /** Held to ask the notifier to notify the other instances; see {@link #writeEnded}. */
    private final Object notifying = new Object();
    private boolean notifyRequested;
    /** Whether writes ended while this instance was alone and nobody was notified of them since; held by notifying. */
    private boolean notifySkipped;
    /** How many notifications this feed sent, and how many requests for one it skipped while alone. */
    private final java.util.concurrent.atomic.AtomicLong notificationsSent = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong notificationsSkipped =
            new java.util.concurrent.atomic.AtomicLong();
    /** This instance's notifications carry it, so that its own listener can tell them from the others'. */
    private final String instance = java.util.UUID.randomUUID().toString();
    private final long safetyPollMillis;
    private volatile boolean running = true;
    private final Thread reader;
    private final Thread listener;
    private final Thread notifier;

    public ChangeFeed(DataSource dataSource, KindRegistry kinds, WriterPresence presence,
                      org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer flywayHasRun,
                      java.util.List<BeforeFirstList> beforeFirstList,
                      @Value("${ordinal.change-feed.safety-poll-millis:2000}") long safetyPollMillis) {
        this.dataSource = dataSource;
        this.kinds = kinds;
        this.presence = presence;
        this.cache = new ObjectCache(kinds);
        this.safetyPollMillis = safetyPollMillis;
        try (Connection c = dataSource.getConnection()) {
            for (BeforeFirstList hook : beforeFirstList) {
                hook.run(c);
            }
            relist(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the stored objects", e);
        }
        presence.afterEachCount(this::notifyIfCompanyArrived);
        reader = daemon(this::read, "change-feed");
        listener = daemon(this::listen, "change-feed-listener");
        notifier = daemon(this::notifyOthers, "change-feed-notifier");
    }

    /**
     * Runs once before the feed's first list, on its connection: kinds defined by stored objects (the kinds of
     * CustomResourceDefinitions) are made known here so that the first list keeps their objects.
     */
    public interface BeforeFirstList {
        void run(Connection c) throws SQLException;
    }

    /** How many times this feed delivered its instance's own changes from memory. */
    public long ownDeliveries() {
        return ownDeliveries.get();
    }

    /** How many times this feed read the change log (each read may take several round trips for a long backlog). */
    public long logReads() {
        return logReads.get();
    }

    /** How many notifications this feed sent to the other instances. */
    public long notificationsSent() {
        return notificationsSent.get();
    }

    /** How many times this feed had a notification to send and skipped it, its instance being alone. */
    public long notificationsSkipped() {
        return notificationsSkipped.get();
    }

    /** How many times this feed listed everything again after it started (changes it had not read were trimmed). */
    public long relists() {
        return relists.get();
    }

    /** The informer cache this feed keeps current. */
    public ObjectCache cache() {
        return cache;
    }

    /** Adds a listener for every change applied after this call, in resourceVersion order. */
    public void subscribe(Consumer<WatchEvent> listener) {
        subscribeAt(listener);
    }

    /**
     * Adds a listener and returns the version the cache had reached at that moment: the listener receives exactly
     * the changes after it.
     */
    public long subscribeAt(Consumer<WatchEvent> listener) {
        synchronized (delivery) {
            listeners.add(listener);
            return cache.version();
        }
    }

    public void unsubscribe(Consumer<WatchEvent> listener) {
        listeners.remove(listener);
    }

    /** Adds a listener told after the cache was replaced by a new list: changes in between were not delivered. */
    public void onRelist(Runnable listener) {
        relistListeners.add(listener);
    }

    /**
     * Adds a listener told the version the cache has just reached, each time it moves forward: after each change is
     * applied and delivered, after versions that rolled back are passed, and after a relist. It runs on the feed's
     * thread, so it must only enqueue.
     */
    public void onAdvance(LongConsumer listener) {
        advanceListeners.add(listener);
    }

    /**
     * Wakes the feed now: it reads the database as soon as it is free (wake-ups that arrive while it reads are folded
     * into one more read).
     */
    public void requestPoll() {
        synchronized (wake) {
            wakeRequested = true;
            wake.notifyAll();
        }
    }

    /** A change this instance committed: its event type, kind, stored body and version. */
    public record Committed(String type, ResourceType resourceType, String body, long version) {
    }

    /**
     * Tells the feed that a transaction of this instance is about to take resourceVersions, when the highest version
     * this instance has seen taken is {@code highestSeen}. Every call must be followed by one {@link
     * #writeEnded(long, List)} or {@link #writeEnded(long)} with the same {@code highestSeen} when that transaction
     * ends.
     */
    public void writeBegan(long highestSeen) {
        synchronized (own) {
            ownInFlight.merge(highestSeen, 1, Integer::sum);
        }
    }

    private void ended(long highestSeen) {
        ownInFlight.computeIfPresent(highestSeen, (k, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Tells the feeds that a transaction of this instance which took resourceVersions has ended, with the changes it
     * committed (none when it rolled back), in any order: this instance's feed delivers them (from memory when it may,
     * see {@link #deliverOwn}), within {@value #MIN_GAP_MILLIS} ms of its last delivery when busy (see {@link
     * #awaitWake}), and the other instances are notified on channel {@value #CHANNEL} right after, off the writer's
     * thread (notifications that pile up meanwhile go out as one; none while this instance is alone, see {@link
     * #notifyOthers}). A commit carries no notification of its own:
     * PostgreSQL serializes the commits of notifying transactions on one lock, flushes to disk included, which halved
     * the commits per second of concurrent writers here.
     */
    public void writeEnded(long highestSeen, List<Committed> committed) {
        synchronized (own) {
            ended(highestSeen);
            long at = cache.version();
            for (Committed c : committed) {
                if (c.version() > at) {
                    ownCommitted.put(c.version(), c);
                }
            }
        }
        woken();
    }

    /** As {@link #writeEnded(long, List)} for a transaction whose outcome or changes are not known: the log is read. */
    public void writeEnded(long highestSeen) {
        synchronized (own) {
            ended(highestSeen);
            ownUnknown = true;
        }
        woken();
    }

    /**
     * Wakes the reader, and the notifier unless this instance is alone: then the notification is skipped here, without
     * waking a thread only to skip it (see {@link #notifyOthers}).
     */
    private void woken() {
        requestPoll();
        synchronized (notifying) {
            if (presence.vouchesAlone()) {
                notifySkipped = true;
                notificationsSkipped.incrementAndGet();
                return;
            }
            notifyRequested = true;
            notifying.notifyAll();
        }
    }

    @PreDestroy
    public void stop() {
        running = false;
        reader.interrupt();
        listener.interrupt();
        notifier.interrupt();
    }

    /** Work a feed thread does on its own connection until the feed stops; a failure reconnects it. */
    private interface OnConnection {
        void run(Connection c) throws SQLException, InterruptedException;
    }

    /**
     * Runs {@code work} on a connection of its own (autocommit) for as long as the feed runs: when it fails, the
     * connection is closed, {@code onFailure} runs, and after half a second it starts again on a new one.
     */
    private void connected(String what, OnConnection work, Runnable onFailure) {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                work.run(c);
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("{} interrupted, reconnecting: {}", what, e.toString());
                    onFailure.run();
                    sleep(500);
                }
            } catch (Error e) {
                log.error("{} failed, restarting", what, e);
                sleep(500);
            }
        }
    }

    /** The reader: reads whenever woken, and every {@code safetyPollMillis} in case a notification was lost. */
    private void read() {
        connected("change feed", c -> {
            while (running) {
                synchronized (delivery) {
                    if (!deliverOwn()) {
                        poll(c);
                    }
                }
                awaitWake();
            }
        }, () -> { });
    }

    /**
     * Waits for a wake-up (or the safety poll), and then, if the last delivery (read from the log or from memory)
     * began less than {@value #MIN_GAP_MILLIS} ms ago, until it did: an idle instance delivers at once, a busy one at
     * most every few milliseconds, so that each delivery is a batch and the controllers see several changes of one
     * object together, as the feed's notifications used to gather them.
     */
    private void awaitWake() {
        synchronized (wake) {
            long until = System.currentTimeMillis() + safetyPollMillis;
            try {
                for (long left = safetyPollMillis; !wakeRequested && left > 0 && running;
                     left = until - System.currentTimeMillis()) {
                    wake.wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            wakeRequested = false;
        }
        long gap = MIN_GAP_MILLIS * 1_000_000L - (System.nanoTime() - lastRead);
        if (gap > 0 && running) {
            java.util.concurrent.locks.LockSupport.parkNanos(gap);
        }
        lastRead = System.nanoTime();
    }

    /**
     * The listener: wakes the reader when another instance notifies (its own notifications are ignored: its writes
     * wake the reader directly), and once after every (re)connection, for what was committed while not listening.
     */
    private void listen() {
        connected("change feed listener", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("listen " + CHANNEL);
            }
            requestPoll();
            PGConnection pg = c.unwrap(PGConnection.class);
            while (running) {
                PGNotification[] notes = pg.getNotifications(LISTEN_MILLIS);
                if (notes != null && java.util.Arrays.stream(notes)
                        .anyMatch(n -> !instance.equals(n.getParameter()))) {
                    requestPoll();
                }
            }
        }, () -> { });
    }

    /**
     * The notifier: tells the other instances that this one's writes ended ({@link #writeEnded}). While {@link
     * WriterPresence#vouchesAlone} holds, no other instance holds the presence lock, so none listens: {@link #woken}
     * skips the notification (a round trip, a transaction with its commit flushed, and its delivery back to this
     * instance's own listener). The first count after that which no longer vouches sends one ({@link
     * #notifyIfCompanyArrived}), so an instance that joined meanwhile reads what was written since it listed. The
     * decision and the flag are taken under one lock, after the presence state they read changed, so that a skip and
     * the count that ends the time alone cannot miss each other.
     */
    private void notifyOthers() {
        connected("change feed notifier", c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, instance);
                while (running) {
                    synchronized (notifying) {
                        while (!notifyRequested && running) {
                            notifying.wait();
                        }
                        notifyRequested = false;
                        notifySkipped = false;
                    }
                    ps.execute();
                    notificationsSent.incrementAndGet();
                }
            }
        }, () -> {
            synchronized (notifying) {
                notifyRequested = true; // What it was about to send still has to go out.
            }
        });
    }

    /** After each presence count: if notifications were skipped and the instance may no longer be alone, send one. */
    private void notifyIfCompanyArrived() {
        synchronized (notifying) {
            if (notifySkipped && !presence.vouchesAlone()) {
                notifyRequested = true;
                notifying.notifyAll();
            }
        }
    }

    /**
     * Reads every change committed after the cache's version, up to the horizon: the version just below the oldest
     * one whose transaction is still in flight (or the newest version when none is). Every version up to the horizon
     * is committed or rolled back, so after applying the changes up to it the cache has reached it exactly. Each
     * batch is read in one round trip together with the horizon and the trim horizon ({@code change_feed_read} in
     * V11), so a trim running meanwhile cannot hide some of them, and no transaction is opened and closed: this runs
     * after every wake-up.
     */
    private void poll(Connection c) throws SQLException {
        synchronized (own) {
            // This read covers every transaction that has ended so far, those whose changes were not known included.
            ownUnknown = false;
        }
        logReads.incrementAndGet();
        long after = cache.version();
        while (true) {
            List<WatchEvent> batch = new ArrayList<>();
            long upTo = read(c, after, batch);
            if (upTo == TRIMMED) {
                log.info("changes after {} were trimmed; listing again", cache.version());
                relist(c);
                relists.incrementAndGet();
                relistListeners.forEach(ChangeFeed::safely);
                advanced(cache.version());
                return;
            }
            batch.forEach(this::deliver);
            if (batch.size() < BATCH) {
                if (upTo > cache.version()) {
                    cache.advanceTo(upTo);
                    advanced(upTo);
                }
                return;
            }
            after = batch.get(batch.size() - 1).resourceVersion();
        }
    }

    /**
     * Delivers this instance's committed changes from memory, in version order, and returns true; or returns false,
     * delivering nothing, when the log must be read instead. It may deliver only while (1) this instance is the only
     * writer and the cache has reached the version from which every version is this instance's ({@link
     * WriterPresence#ownVersionsAfter}), and (2) the changes of every transaction of it that ended are known; and
     * only the changes up to the lowest version its transactions in flight had seen taken when they began. Every
     * version from the cache's to there was taken by a transaction of this instance that has ended (the versions of
     * one in flight are all above what it had seen; one that begins later takes later ones): the changes they
     * committed are all here, and the versions missing in between were rolled back.
     */
    private boolean deliverOwn() {
        java.util.OptionalLong from = presence.ownVersionsAfter();
        List<Committed> batch;
        synchronized (own) {
            long at = cache.version();
            ownCommitted.headMap(at, true).clear();
            if (ownUnknown || from.isEmpty() || at < from.getAsLong()) {
                return false;
            }
            java.util.SortedMap<Long, Committed> ready = ownCommitted.headMap(ownBound(), true);
            if (ready.isEmpty()) {
                return false;
            }
            batch = new ArrayList<>(ready.values());
            ready.clear();
        }
        ownDeliveries.incrementAndGet();
        for (Committed c : batch) {
            Optional<ResourceType> type = kinds.findByKind(c.resourceType().kind()).map(KindDefinition::type);
            if (type.isPresent()) {
                deliver(event(c.type(), type.get(), c.body().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        c.version()));
            } else {
                // A kind no longer served (its definition was just deleted) is passed over, as reading the log does.
                cache.advanceTo(c.version());
                advanced(c.version());
            }
        }
        return true;
    }

    /** The highest version below every version this instance's transactions in flight may take. */
    private long ownBound() {
        return ownInFlight.isEmpty() ? Long.MAX_VALUE : ownInFlight.firstKey();
    }

    private void advanced(long version) {
        for (LongConsumer l : advanceListeners) {
            try {
                l.accept(version);
            } catch (RuntimeException ex) {
                log.warn("change feed advance listener failed at {}", version, ex);
            }
        }
    }

    /** Work that reads in one database snapshot. */
    private interface SnapshotWork<T> {
        T run(Statement s) throws SQLException;
    }

    /** Runs {@code work} in one repeatable-read transaction on {@code c}, then puts the connection back as it was. */
    private static <T> T inOneSnapshot(Connection c, SnapshotWork<T> work) throws SQLException {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            T result = work.run(s);
            c.commit();
            return result;
        } finally {
            c.setAutoCommit(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    /** The highest version below which no transaction is in flight ({@code change_feed_horizon} in V3). */
    private static long horizon(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select last_version, oldest_in_flight from change_feed_horizon()")) {
            rs.next();
            long last = rs.getLong(1);
            long oldest = rs.getLong(2);
            return rs.wasNull() ? last : Math.min(last, oldest - 1);
        }
    }

    private void deliver(WatchEvent e) {
        cache.apply(e);
        for (Consumer<WatchEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.warn("change feed listener failed on {} {}", e.type(), e.resourceType().kind(), ex);
            }
        }
        advanced(e.resourceVersion());
    }

    /** What {@link #read} returns when changes after the cache's version may have been trimmed. */
    private static final long TRIMMED = -1;

    /**
     * Reads the changes after {@code after} up to the horizon (at most {@value #BATCH}) into {@code out}, in one
     * statement with the horizon and the trim horizon, and returns the horizon; {@link #TRIMMED} when changes after
     * {@code after} may have been trimmed (then {@code out} stays empty and the caller must list again).
     */
    private long read(Connection c, long after, List<WatchEvent> out) throws SQLException {
        long upTo = after;
        try (PreparedStatement ps = c.prepareStatement("select up_to, trimmed_through, resource_version, event_type,"
                + " kind, body from change_feed_read(?, " + BATCH + ")")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    upTo = rs.getLong(1);
                    if (rs.getLong(2) > after) {
                        out.clear();
                        return TRIMMED;
                    }
                    rs.getLong(3);
                    if (rs.wasNull()) {
                        continue; // No change in the range: the left join's one empty row.
                    }
                    Optional<ResourceType> type = kinds.findByKind(rs.getString(5)).map(KindDefinition::type);
                    if (type.isEmpty()) {
                        continue;
                    }
                    out.add(event(rs.getString(4), type.get(), rs.getBytes(6), rs.getLong(3)));
                }
            }
        }
        return upTo;
    }

    /**
     * Lists every stored object and replaces the cache with it. The list is read in one snapshot taken after the
     * horizon: it holds every change up to the horizon and perhaps some after it, which the feed then delivers again;
     * applying a change twice leaves the same state, so the cache converges to exactly the database's.
     */
    private void relist(Connection c) throws SQLException {
        List<Typed> all = new ArrayList<>();
        long at = horizon(c);
        inOneSnapshot(c, s -> {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("select kind, body from resource")) {
                while (rs.next()) {
                    Optional<ResourceType> type = kinds.findByKind(rs.getString(1)).map(KindDefinition::type);
                    if (type.isPresent()) {
                        all.add(new Typed(type.get(), parse(rs.getBytes(2))));
                    }
                }
            }
            return null;
        });
        cache.replace(at, all);
        log.debug("listed {} objects at version {}", all.size(), at);
    }

    private static tools.jackson.databind.node.ObjectNode parse(byte[] body) {
        return Json.canonical(Json.parse(body));
    }

    /**
     * A change read from the log, its object in Kubernetes' field order; the body read is kept as the serialized form
     * when it already is in that order (the store writes bodies so), so the cache and watches need not write it again.
     */
    private static WatchEvent event(String type, ResourceType resourceType, byte[] body, long version) {
        tools.jackson.databind.node.ObjectNode parsed = Json.parse(body);
        if (Json.isCanonical(parsed)) {
            return new WatchEvent(type, resourceType, parsed, version, body);
        }
        tools.jackson.databind.node.ObjectNode canonical = Json.canonical(parsed);
        return new WatchEvent(type, resourceType, canonical, version, Json.bytes(canonical));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("relist listener failed", e);
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
