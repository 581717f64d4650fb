package dev.ordinal.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.ordinal.store.ChangeFeed;
import org.springframework.jdbc.core.JdbcTemplate;

/** Makes this instance's change feed list everything again, as when it fell behind the trimmed history. */
public final class ChangeLogTrim {
    private ChangeLogTrim() {
    }

    /**
     * Pretends the next change was trimmed before this instance read it, and returns once the feed, woken to read
     * the log, has found that and listed everything again: every open watch has ended with a 410 Expired ERROR event.
     * (A write of this instance would not do: while it is the only writer, the feed delivers those from memory.)
     */
    public static void forceRelist(JdbcTemplate jdbc, ChangeFeed feed) {
        long relists = feed.relists();
        long far = jdbc.queryForObject("select last_value from resource_version_seq", Long.class) + 1;
        jdbc.update("update change_log_horizon set trimmed_through = ? where id = 1", far);
        feed.requestPoll();
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.relists() > relists);
    }
}
