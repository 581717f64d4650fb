package dev.ordinal.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code resource} table and the change feed's log, in plain SQL: one statement per call, run in the caller's
 * transaction. Only {@link ResourceStore} writes through it. (An ORM cost more CPU per write than everything else a
 * write does together, for one table of identity columns and a JSON body.)
 */
@Repository
class ResourceRows {
    private static final String COLUMNS = "id, kind, namespace, name, uid, resource_version, body";
    private static final RowMapper<Row> ROW = (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7));

    /** One stored object: its identity columns, its version and its body as JSON text. */
    record Row(long id, String kind, String namespace, String name, String uid, long resourceVersion, String body) {
    }

    private final JdbcTemplate jdbc;

    ResourceRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String BY_NAME = "select " + COLUMNS
            + " from resource where kind = ? and namespace = ? and name = ?";

    Optional<Row> find(String kind, String namespace, String name) {
        return one(jdbc.query(BY_NAME, ROW, kind, namespace, name));
    }

    /** As {@link #find}, and locks the row until the transaction ends. */
    Optional<Row> lock(String kind, String namespace, String name) {
        return one(jdbc.query(BY_NAME + " for update", ROW, kind, namespace, name));
    }

    void insert(String kind, String namespace, String name, String uid, long resourceVersion, String body) {
        jdbc.update("insert into resource (kind, namespace, name, uid, resource_version, body)"
                + " values (?, ?, ?, ?, ?, cast(? as json))", kind, namespace, name, uid, resourceVersion, body);
    }

    /**
     * Inserts a row and appends its ADDED change to the feed in one statement (one round trip instead of two; the
     * body is sent once). A taken name fails on {@code resource_identity} as {@link #insert} does.
     */
    void insertWithChange(String kind, String namespace, String name, String uid, long resourceVersion, String body,
                          String changeNamespace, String changeName) {
        jdbc.update("with r as (insert into resource (kind, namespace, name, uid, resource_version, body)"
                + " values (?, ?, ?, ?, ?, cast(? as json)) returning body)"
                + " insert into change_log (resource_version, event_type, kind, namespace, name, body)"
                + " select ?, 'ADDED', ?, ?, ?, body from r",
                kind, namespace, name, uid, resourceVersion, body, resourceVersion, kind, changeNamespace, changeName);
    }

    /** Updates a row and appends its MODIFIED change to the feed in one statement, as {@link #insertWithChange}. */
    void updateWithChange(long id, long resourceVersion, String body, String kind, String changeNamespace,
                          String changeName) {
        jdbc.update("with u as (update resource set resource_version = ?, body = cast(? as json) where id = ?"
                + " returning body)"
                + " insert into change_log (resource_version, event_type, kind, namespace, name, body)"
                + " select ?, 'MODIFIED', ?, ?, ?, body from u",
                resourceVersion, body, id, resourceVersion, kind, changeNamespace, changeName);
    }

    void update(long id, long resourceVersion, String body) {
        jdbc.update("update resource set resource_version = ?, body = cast(? as json) where id = ?",
                resourceVersion, body, id);
    }

    void delete(long id) {
        jdbc.update("delete from resource where id = ?", id);
    }

    /**
     * A new version, registered as in flight until the current transaction ends ({@code take_resource_version} in
     * {@code V3__concurrent_writers.sql}): the change feed delivers no version at or above one still in flight, so
     * changes reach every reader in version order although writers commit concurrently.
     */
    long takeVersion() {
        return jdbc.queryForObject("select take_resource_version()", Long.class);
    }

    /** The state of a namespace as a create in it sees it. */
    enum NamespaceState { MISSING, ACTIVE, TERMINATING }

    /**
     * A new version (as {@link #takeVersion}) and, in the same round trip, whether namespace {@code namespace}
     * exists and is terminating: a create in a namespace needs both.
     */
    NamespaceState takeVersionIn(String namespace, long[] version) {
        return jdbc.query("select take_resource_version(), (select body -> 'metadata' ->> 'deletionTimestamp' is not null"
                + " from resource where kind = 'Namespace' and namespace = '' and name = ?)", rs -> {
            rs.next();
            version[0] = rs.getLong(1);
            boolean terminating = rs.getBoolean(2);
            return rs.wasNull() ? NamespaceState.MISSING
                    : terminating ? NamespaceState.TERMINATING : NamespaceState.ACTIVE;
        }, namespace);
    }

    /**
     * Wakes every instance's change feed now. A write that took a version and then rolled back sends no notification
     * of its own, and feeds hold back every later version until they see it ended.
     */
    void notifyChanges() {
        jdbc.execute("select pg_notify('" + ChangeFeed.CHANNEL + "', '')");
    }

    /** Lets the current transaction's commit return before its log record is on disk. */
    void commitWithoutWaitingForDisk() {
        jdbc.execute("set local synchronous_commit = off");
    }

    /** The newest version handed out, 0 before the first. */
    long lastResourceVersion() {
        return jdbc.queryForObject("select case when is_called then last_value else 0 end from resource_version_seq",
                Long.class);
    }

    /** Appends a change to the change feed, in the writer's transaction. */
    void insertChange(long resourceVersion, String eventType, String kind, String namespace, String name, String body) {
        jdbc.update("insert into change_log (resource_version, event_type, kind, namespace, name, body)"
                + " values (?, ?, ?, ?, ?, cast(? as json))", resourceVersion, eventType, kind, namespace, name, body);
    }

    private static Optional<Row> one(List<Row> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
