package dev.ordinal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.ordinal.core.ApiException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Knows when this instance is the only one writing to its database, so that a consistent read can take the newest
 * version from memory instead of asking the database (a round trip to another process for every GET and LIST).
 *
 * <p>Every running instance holds a shared advisory lock, {@value #LOCK}, on a connection of its own, and counts the
 * other holders every {@code check} interval. A count that finds it alone is trusted for {@code valid} from the moment
 * the count started. Two rules make that safe against an instance that joins or whose lock connection drops:
 * <ul>
 *   <li>an instance writes only while its own lock was confirmed less than {@code valid} ago, and, after it joins a
 *   database other sessions may have used, not before {@code valid + check} has passed: by then every instance that
 *   counted itself alone before the newcomer arrived has stopped trusting that count;</li>
 *   <li>an instance that finds itself alone trusts it only once it has found so for {@code valid + check} in a row: by
 *   then any instance whose lock had dropped has stopped writing (it could not confirm its lock). The newest version
 *   is then the larger of the sequence's value read by that count and the versions this instance has taken since.</li>
 * </ul>
 * An embedded server this instance started itself has had no other session before it, so there neither wait applies.
 * Without a trusted count, reads ask the database, as before.
 */
@Component
public class WriterPresence {
    /** The advisory lock (one bigint key) every running instance holds, shared. */
    static final long LOCK = 727_002L;
    private static final Logger log = LoggerFactory.getLogger(WriterPresence.class);

    private final DataSource dataSource;
    private final long checkMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection lock;

    private final State state;
    private final java.util.List<Runnable> countListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WriterPresence(DataSource dataSource, ObjectProvider<EmbeddedPostgres> embedded,
                          org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer flywayHasRun,
                          @Value("${ordinal.presence.check-millis:1000}") long checkMillis,
                          @Value("${ordinal.presence.valid-millis:3000}") long validMillis) {
        this.dataSource = dataSource;
        if (checkMillis <= 0 || checkMillis >= validMillis) {
            // A count trusted for less than the time to the next one would stop every write between counts.
            throw new IllegalArgumentException("ordinal.presence.check-millis (" + checkMillis
                    + ") must be positive and below ordinal.presence.valid-millis (" + validMillis + ")");
        }
        this.checkMillis = checkMillis;
        this.state = new State(TimeUnit.MILLISECONDS.toNanos(validMillis), TimeUnit.MILLISECONDS.toNanos(checkMillis),
                embedded.getIfAvailable() != null);
        check();
        thread = new Thread(this::run, "writer-presence");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The newest version any instance may have committed, when this instance can vouch for it from memory: {@code
     * highestTaken} (this instance's own) or what the last trusted count read, whichever is larger. Empty when it
     * cannot vouch, and the caller must ask the database.
     */
    public java.util.OptionalLong newestVersion(long highestTaken) {
        return state.newestVersion(System.nanoTime(), highestTaken);
    }

    /**
     * The version after which every version was taken by this instance, while it can vouch that it is the only
     * writer: what the first trusted count of its current time alone read from the sequence (every other instance had
     * stopped writing by then). Empty when it cannot vouch.
     */
    public java.util.OptionalLong ownVersionsAfter() {
        return state.ownVersionsAfter(System.nanoTime());
    }

    /**
     * Whether a recent, trusted count found this instance the only one on its database: no other instance holds the
     * lock, so none listens for this one's notifications either.
     */
    public boolean vouchesAlone() {
        return state.vouchesAlone(System.nanoTime());
    }

    /**
     * Adds a listener run on the presence thread after every count, whatever it found (and after a count that
     * failed): it must be quick. A listener that acted while {@link #vouchesAlone} held learns here that it may no
     * longer hold, within one count of another instance taking its lock.
     */
    public void afterEachCount(Runnable listener) {
        countListeners.add(listener);
    }

    /** Returns once this instance may commit a write: at once, except while joining or when its lock is unconfirmed. */
    public void awaitWritable() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!state.writable(System.nanoTime())) {
            if (System.nanoTime() - deadline > 0) {
                throw new ApiException(503, "ServiceUnavailable", "this instance cannot confirm its registration with "
                        + "the database", null, "", "", null);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "ServiceUnavailable", "interrupted", null, "", "", null);
            }
        }
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(checkMillis);
            } catch (InterruptedException e) {
                return;
            }
            check();
            for (Runnable listener : countListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    log.warn("A listener of the writer presence count failed", e);
                }
            }
        }
    }

    private synchronized void check() {
        if (!running) {
            return;
        }
        long started = System.nanoTime();
        try {
            if (lock == null) {
                Connection c = dataSource.getConnection();
                c.setAutoCommit(true);
                try (PreparedStatement s = c.prepareStatement("select pg_advisory_lock_shared(?)")) {
                    s.setLong(1, LOCK);
                    s.execute();
                }
                lock = c;
                state.joined(System.nanoTime());
                started = System.nanoTime();
            }
            try (PreparedStatement s = lock.prepareStatement("""
                    select exists (select 1 from pg_locks l
                            where l.locktype = 'advisory' and l.classid = 0 and l.objid = ? and l.objsubid = 1
                              and l.granted and l.pid <> pg_backend_pid()
                              and l.database = (select oid from pg_database where datname = current_database())),
                           (select case when is_called then last_value else 0 end from resource_version_seq)
                    """)) {
                s.setLong(1, LOCK);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    state.counted(started, r.getBoolean(1), r.getLong(2));
                }
            }
        } catch (SQLException | RuntimeException e) {
            state.lost();
            if (!running) {
                return; // Shutting down: the connection was closed on purpose.
            }
            log.warn("Could not confirm this instance's registration with the database: {}", e.toString());
            close();
        }
    }

    private void close() {
        Connection c = lock;
        lock = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing a broken connection: nothing to do.
            }
        }
    }

    /** Not synchronized: a count blocked on the database must not hold up the shutdown. */
    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
        close();
    }

    /**
     * The decisions, from the counts and the monotonic times they started at (nanoseconds): no I/O, no clock.
     * Thread-safe.
     */
    static final class State {
        private final long validNanos;
        private final long waitNanos;
        private final boolean freshServer;
        private boolean confirmed;
        private long confirmedAt;
        private long writableFrom;
        private boolean aloneStreak;
        private long aloneSince;
        private boolean aloneCounted;
        private long countedAt;
        private long countedVersion;
        private long trustedFromVersion;
        private boolean everCounted;

        State(long validNanos, long checkNanos, boolean freshServer) {
            this.validNanos = validNanos;
            this.waitNanos = validNanos + checkNanos;
            this.freshServer = freshServer;
        }

        /** This instance took its lock at {@code now}. */
        synchronized void joined(long now) {
            // Only the first join on a server this instance started has had nobody before it; after a lost lock,
            // others may have counted themselves alone meanwhile.
            writableFrom = freshServer && !everCounted ? now : now + waitNanos;
            aloneStreak = false;
        }

        /** A count that started at {@code started} found others ({@code others}) or not, and read {@code version}. */
        synchronized void counted(long started, boolean others, long version) {
            confirmed = true;
            confirmedAt = started;
            if (others) {
                aloneStreak = false;
            } else if (!aloneStreak) {
                aloneStreak = true;
                // On a server this instance started, a first count that finds nobody else means nobody else has
                // been there at all: trusted at once.
                aloneSince = freshServer && !everCounted ? started - waitNanos : started;
            }
            everCounted = true;
            boolean wasTrusted = aloneCounted;
            aloneCounted = aloneStreak && started - aloneSince >= waitNanos;
            if (aloneCounted && !wasTrusted) {
                trustedFromVersion = version;
            }
            countedAt = started;
            countedVersion = version;
        }

        /** The lock's connection failed: nothing is vouched for until the instance has joined again. */
        synchronized void lost() {
            everCounted = true;
            confirmed = false;
            aloneStreak = false;
            aloneCounted = false;
        }

        synchronized boolean writable(long now) {
            return confirmed && now - confirmedAt < validNanos && now - writableFrom >= 0;
        }

        synchronized java.util.OptionalLong newestVersion(long now, long highestTaken) {
            return vouchesAlone(now) ? java.util.OptionalLong.of(Math.max(countedVersion, highestTaken))
                    : java.util.OptionalLong.empty();
        }

        synchronized java.util.OptionalLong ownVersionsAfter(long now) {
            return vouchesAlone(now) ? java.util.OptionalLong.of(trustedFromVersion) : java.util.OptionalLong.empty();
        }

        /** Whether a recent, trusted count found this instance alone. */
        synchronized boolean vouchesAlone(long now) {
            return confirmed && aloneCounted && now - countedAt < validNanos;
        }
    }
}
