package dev.ordinal.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the change feed's table to its newest changes, as etcd compacts its history: every instance may run it,
 * since moving the horizon forward and deleting below it are idempotent. A reader that had not yet read changes now
 * trimmed sees the horizon above its version and lists again; a watch from such a version gets 410 Expired.
 */
@Component
public class ChangeLogTrimmer {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long retained;

    public ChangeLogTrimmer(JdbcTemplate jdbc, PlatformTransactionManager txm,
                            @Value("${ordinal.change-feed.retained-changes:20000}") long retained) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txm);
        this.retained = retained;
    }

    /** Trims every change older than the newest {@code retained}; returns how many rows went. */
    @Scheduled(fixedDelayString = "${ordinal.change-feed.trim-seconds:30}", timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public int trim() {
        Integer removed = tx.execute(status -> {
            Long newest = jdbc.queryForObject("select max(resource_version) from change_log", Long.class);
            if (newest == null || newest - retained <= 0) {
                return 0;
            }
            long through = newest - retained;
            jdbc.update("update change_log_horizon set trimmed_through = ? where id = 1 and trimmed_through < ?",
                    through, through);
            return jdbc.update("delete from change_log where resource_version <= ?", through);
        });
        return removed == null ? 0 : removed;
    }
}
