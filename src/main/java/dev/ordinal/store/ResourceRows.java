package dev.ordinal.store;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The {@code resource} table and the change feed's log, in plain SQL: one statement per call (inside a group of
 * steps, with the savepoint commands it carries in the same round trip), run in the caller's transaction. Only {@link ResourceStore} writes through it. (An ORM cost more CPU per write than everything else a
 * write does together, for one table of identity columns and a JSON body.) A plain component, not a
 * {@code @Repository}: JdbcTemplate already translates SQL errors, and the proxy that annotation brings put a
 * reflective call in front of every statement.
 */
@Component
class ResourceRows {
    private final java.util.concurrent.atomic.AtomicLong highestTaken = new java.util.concurrent.atomic.AtomicLong();

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
        return one(query(BY_NAME, ROW, kind, namespace, name));
    }

    /** As {@link #find}, and locks the row until the transaction ends. */
    Optional<Row> lock(String kind, String namespace, String name) {
        return one(query(BY_NAME + " for update", ROW, kind, namespace, name));
    }

    void insert(String kind, String namespace, String name, String uid, long resourceVersion, String body) {
        update("insert into resource (kind, namespace, name, uid, resource_version, body)"
                + " values (?, ?, ?, ?, ?, cast(? as json))", kind, namespace, name, uid, resourceVersion, body);
    }

    /** Updates a row and appends its MODIFIED change to the feed in one statement (the body is sent once). */
    void updateWithChange(long id, long resourceVersion, String body, String kind, String changeNamespace,
                          String changeName) {
        update("with u as (update resource set resource_version = ?, body = cast(? as json) where id = ?"
                + " returning body)"
                + " insert into change_log (resource_version, event_type, kind, namespace, name, body)"
                + " select ?, 'MODIFIED', ?, ?, ?, body from u",
                resourceVersion, body, id, resourceVersion, kind, changeNamespace, changeName);
    }

    /** What {@link #create} answers when the namespace is missing, or being deleted: nothing was stored. */
    static final long NAMESPACE_MISSING = -1;
    static final long NAMESPACE_TERMINATING = -2;

    /**
     * Stores a new row and its ADDED change in one statement ({@code create_resource} in V12): checks the namespace
     * when {@code checkNamespace} (answering {@link #NAMESPACE_MISSING} or {@link #NAMESPACE_TERMINATING} without
     * taking a version), takes a version, writes it into {@code body} where {@code placeholder} stands, and returns
     * it. A taken name fails on {@code resource_identity}.
     */
    long create(String kind, String namespace, String name, String uid, String body, String placeholder,
                String changeNamespace, boolean checkNamespace) {
        return taken(value("select create_resource(?, ?, ?, ?, ?, ?, ?, ?)", Long.class,
                kind, namespace, name, uid, body, placeholder, changeNamespace, checkNamespace));
    }

    /** One answer of {@link #createAll}: the item (from 1), the version it took or why it failed. */
    record CreateAnswer(int item, Long taken, String errorState, String errorConstraint) {
    }

    /** One create of {@link #createAll}: the arguments {@link #create} takes, and whether a taken name goes on. */
    record CreateRow(String kind, String namespace, String name, String uid, String body, String changeNamespace,
                     boolean checkNamespace, boolean existsOk) {
    }

    /**
     * Creates several rows in one statement ({@code create_resources} in V14), each as {@link #create}, each undone
     * alone if it fails; the rows after one that failed are not tried unless it only found its name taken and is
     * {@code existsOk}. Answers a row per create tried, in order.
     */
    List<CreateAnswer> createAll(List<CreateRow> rows, String placeholder) {
        List<CreateAnswer> answers = query("select item, taken, error_state, error_constraint"
                + " from create_resources(?, ?, ?, ?, ?, ?, ?, ?, ?)", (rs, i) -> new CreateAnswer(rs.getInt(1),
                (Long) rs.getObject(2), rs.getString(3), rs.getString(4)),
                column(rows, CreateRow::kind), column(rows, CreateRow::namespace), column(rows, CreateRow::name),
                column(rows, CreateRow::uid), column(rows, CreateRow::body), column(rows, CreateRow::changeNamespace),
                flags(rows, CreateRow::checkNamespace), flags(rows, CreateRow::existsOk), placeholder);
        answers.forEach(a -> {
            if (a.taken() != null && a.taken() > 0) {
                taken(a.taken());
            }
        });
        return answers;
    }

    private static String[] column(List<CreateRow> rows, java.util.function.Function<CreateRow, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

    private static Boolean[] flags(List<CreateRow> rows, java.util.function.Predicate<CreateRow> field) {
        return rows.stream().map(field::test).toArray(Boolean[]::new);
    }

    /**
     * Updates the row only if it is still at {@code expected}, in one statement ({@code update_resource_at} in V12):
     * takes a version, writes it into {@code body} where {@code placeholder} stands, stores the row and appends its
     * MODIFIED change. Returns the new version, or null (nothing changed, no version taken) when the row is gone or at
     * another version.
     */
    Long updateAt(String kind, String namespace, String name, long expected, String body, String placeholder,
                  String changeNamespace) {
        Long v = value("select update_resource_at(?, ?, ?, ?, ?, ?, ?)", Long.class,
                kind, namespace, name, expected, body, placeholder, changeNamespace);
        return v == null ? null : taken(v);
    }

    void update(long id, long resourceVersion, String body) {
        update("update resource set resource_version = ?, body = cast(? as json) where id = ?",
                resourceVersion, body, id);
    }

    void delete(long id) {
        update("delete from resource where id = ?", id);
    }

    /**
     * A new version, registered as in flight until the current transaction ends ({@code take_resource_version} in
     * {@code V3__concurrent_writers.sql}): the change feed delivers no version at or above one still in flight, so
     * changes reach every reader in version order although writers commit concurrently.
     */
    long takeVersion() {
        return taken(value("select take_resource_version()", Long.class));
    }

    /** The highest version this instance has taken (committed or not), for {@link WriterPresence}'s reads. */
    long highestTaken() {
        return highestTaken.get();
    }

    private long taken(long version) {
        highestTaken.accumulateAndGet(version, Math::max);
        return version;
    }

    /** Lets the current transaction's commit return before its log record is on disk. */
    void commitWithoutWaitingForDisk() {
        update("set local synchronous_commit = off");
    }

    /** The newest version handed out, 0 before the first. */
    long lastResourceVersion() {
        return value("select case when is_called then last_value else 0 end from resource_version_seq",
                Long.class);
    }

    /** Appends a change to the change feed, in the writer's transaction. */
    void insertChange(long resourceVersion, String eventType, String kind, String namespace, String name, String body) {
        update("insert into change_log (resource_version, event_type, kind, namespace, name, body)"
                + " values (?, ?, ?, ?, ?, cast(? as json))", resourceVersion, eventType, kind, namespace, name, body);
    }

    // ---------------------------------------------------------------- steps of a group

    /** The savepoints of the group of steps running on this thread, if any. */
    private static final ThreadLocal<StepSavepoints> GROUP = new ThreadLocal<>();

    /** Starts a group of steps on this thread, in the transaction just begun; see {@link #step}. */
    void beginGroup() {
        GROUP.set(new StepSavepoints());
    }

    /** Ends the group of this thread, whether its transaction committed or rolled back. */
    void endGroup() {
        GROUP.remove();
    }

    /**
     * Runs {@code work}, calls of this class, as one step of the current group: if it throws, whatever it changed is
     * undone (its savepoint) and the exception goes on, the group's transaction still usable. The savepoint travels
     * with the step's first statement and is released by the next step's, so a step costs no round trip of its own
     * unless it fails. With {@code undoAlways} (a dry run) it is undone when it succeeds too.
     */
    <T> T step(java.util.function.Supplier<T> work, boolean undoAlways) {
        StepSavepoints group = GROUP.get();
        group.begin();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            String undo = group.end(true);
            if (undo != null) {
                try {
                    jdbc.execute(undo);
                } catch (RuntimeException r) {
                    e.addSuppressed(r);
                }
            }
            throw e;
        }
        String undo = group.end(undoAlways);
        if (undo != null) {
            jdbc.execute(undo);
        }
        return result;
    }

    /** The commands a statement must carry before it: the savepoints of the steps that have sent nothing yet. */
    private static String prefix() {
        StepSavepoints group = GROUP.get();
        return group == null ? null : group.beforeStatement();
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        String prefix = prefix();
        if (prefix == null) {
            return jdbc.query(sql, mapper, args);
        }
        return jdbc.execute(prefix + sql, (java.sql.PreparedStatement ps) -> {
            new ArgumentPreparedStatementSetter(args).setValues(ps);
            List<T> rows = new java.util.ArrayList<>();
            try (ResultSet rs = lastResult(ps)) {
                for (int i = 0; rs.next(); i++) {
                    rows.add(mapper.mapRow(rs, i));
                }
            }
            return rows;
        });
    }

    private <T> T value(String sql, Class<T> type, Object... args) {
        List<T> values = query(sql, (rs, i) -> rs.getObject(1, type), args);
        if (values.size() != 1) {
            throw new org.springframework.dao.IncorrectResultSizeDataAccessException(1, values.size());
        }
        return values.get(0);
    }

    private void update(String sql, Object... args) {
        String prefix = prefix();
        if (prefix == null) {
            if (args.length == 0) {
                jdbc.execute(sql); // Also a select run for its effect, which an update would refuse.
            } else {
                jdbc.update(sql, args);
            }
            return;
        }
        jdbc.execute(prefix + sql, (java.sql.PreparedStatement ps) -> {
            new ArgumentPreparedStatementSetter(args).setValues(ps);
            ps.execute();
            return null;
        });
    }

    /** Executes a statement sent after commands (which answer with counts) and returns the statement's rows. */
    private static ResultSet lastResult(java.sql.PreparedStatement ps) throws java.sql.SQLException {
        boolean rows = ps.execute();
        while (!rows) {
            if (ps.getUpdateCount() == -1) {
                throw new IllegalStateException("The statement answered no rows");
            }
            rows = ps.getMoreResults();
        }
        return ps.getResultSet();
    }

    private static Optional<Row> one(List<Row> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
