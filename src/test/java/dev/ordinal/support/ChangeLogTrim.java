package dev.ordinal.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Makes this instance's change feed list everything again, as when it fell behind the trimmed history. */
public final class ChangeLogTrim {
    private ChangeLogTrim() {
    }

    /**
     * Pretends the next change was trimmed before this instance read it: with the next write the feed lists again,
     * and every open watch ends with a 410 Expired ERROR event.
     */
    public static void forceRelist(JdbcTemplate jdbc) {
        long far = jdbc.queryForObject("select last_value from resource_version_seq", Long.class) + 1;
        jdbc.update("update change_log_horizon set trimmed_through = ? where id = 1", far);
    }
}
