package dev.ordinal.reconcile;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Picks the one instance that runs reconcilers when several share a database: a lease row (holder, renew time,
 * duration) is taken when free or expired and renewed by its holder, each with a single conditional statement, so two
 * instances can never both believe they hold it for longer than one lease duration.
 */
@Component
public class LeaderElection {
    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    private static final String LEASE = "ordinal-controllers";
    private final String lease;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long durationMs;
    private final String identity;
    private volatile Instant validUntil = Instant.MIN;

    @org.springframework.beans.factory.annotation.Autowired
    public LeaderElection(JdbcTemplate jdbc, Clock clock,
                          @Value("${ordinal.lease.duration-seconds:15}") long durationSeconds,
                          @Value("${ordinal.lease.identity:}") String identity,
                          @Value("${spring.datasource.url:}") String externalDatabase,
                          @Value("${ordinal.embedded-postgres.data-dir:}") String dataDir) {
        this(jdbc, clock, durationSeconds, LEASE, stableIdentity(identity, externalDatabase, dataDir));
    }

    /**
     * The holder name: the configured one, or for an instance on its own embedded PostgreSQL one derived from its
     * data directory (one instance at a time may use it), so that an instance restarted after a crash renews its own
     * lease at once instead of waiting for it to expire; otherwise a random one.
     */
    static String stableIdentity(String configured, String externalDatabase, String dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if ((externalDatabase == null || externalDatabase.isBlank()) && dataDir != null && !dataDir.isBlank()) {
            String path = java.nio.file.Path.of(dataDir).toAbsolutePath().normalize().toString();
            return "ordinal-" + UUID.nameUUIDFromBytes(path.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString().substring(0, 8);
        }
        return "ordinal-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An election for the named lease, for several independent elections in one database. */
    public LeaderElection(JdbcTemplate jdbc, Clock clock, long durationSeconds, String lease) {
        this(jdbc, clock, durationSeconds, lease, "ordinal-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private LeaderElection(JdbcTemplate jdbc, Clock clock, long durationSeconds, String lease, String identity) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.clock = clock;
        this.durationMs = durationSeconds * 1000;
        this.lease = lease;
    }

    /** Whether this instance holds an unexpired lease right now. */
    public boolean isLeader() {
        if (Instant.now().isBefore(validUntil)) {
            return true;
        }
        tryAcquireOrRenew();
        return Instant.now().isBefore(validUntil);
    }

    /** Whether the lease is held right now, without asking the database (the scheduled renewal keeps it current). */
    public boolean holdsLease() {
        return Instant.now().isBefore(validUntil);
    }

    public String identity() {
        return identity;
    }

    /** Takes the lease if free or expired, or renews it if held; a single conditional upsert decides. */
    @Scheduled(fixedDelayString = "${ordinal.lease.renew-seconds:5}", timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public synchronized void tryAcquireOrRenew() {
        Instant now = clock.instant();
        Instant localStart = Instant.now();
        try {
            int n = jdbc.update("""
                    insert into leader_lease (name, holder, renew_time, duration_ms) values (?, ?, ?, ?)
                    on conflict (name) do update set holder = excluded.holder, renew_time = excluded.renew_time,
                        duration_ms = excluded.duration_ms
                    where leader_lease.holder = excluded.holder
                       or leader_lease.renew_time + leader_lease.duration_ms * interval '1 millisecond' < excluded.renew_time
                    """, lease, identity, Timestamp.from(now), durationMs);
            boolean wasLeader = Instant.now().isBefore(validUntil);
            if (n == 1) {
                validUntil = localStart.plusMillis(durationMs * 2 / 3);
                if (!wasLeader) {
                    log.info("{} took the controller lease", identity);
                }
            } else {
                validUntil = Instant.MIN;
                if (wasLeader) {
                    log.warn("{} lost the controller lease", identity);
                }
            }
        } catch (RuntimeException e) {
            validUntil = Instant.MIN;
            log.warn("lease check failed: {}", e.toString());
        }
    }
}
