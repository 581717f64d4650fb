package dev.ordinal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's data directory is never left in a state that needs a person: an initdb interrupted before
 * its control file was written, a cluster whose first start was killed (its marker still there), or a half-made
 * sibling of an older Ordinal's first start, is made again; and the server is
 * durable unless told otherwise. The server is private: loopback only, no Unix socket, a password on every
 * connection, and nothing under its data directory open to other users.
 */
class EmbeddedDataDirectoryIT {
    @TempDir
    Path tmp;

    @Test
    void anInterruptedInitdbIsRedoneAndTheServerIsDurable() throws Exception {
        Path dir = tmp.resolve("pg");
        Files.createDirectories(dir.resolve("global"));
        Files.writeString(dir.resolve("PG_VERSION"), "14\n");
        Files.createDirectories(tmp.resolve("pg.initdb/base"));
        Files.writeString(tmp.resolve("pg.initdb/PG_VERSION"), "14\n");
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, true)) {
            assertThat(setting(pg, "fsync")).isEqualTo("on");
            assertThat(setting(pg, "synchronous_commit")).isEqualTo("on");
            execute(pg, "create table kept (id int)");
        }
        assertThat(dir.resolve("global/pg_control")).exists();
        assertThat(tmp.resolve("pg.initdb")).doesNotExist();
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, false)) {
            assertThat(setting(pg, "fsync")).isEqualTo("off");
            assertThat(setting(pg, "synchronous_commit")).isEqualTo("off");
            execute(pg, "insert into kept values (1)");
        }
    }

    @Test
    void aClusterWhoseInitialisationWasInterruptedIsMadeAgainAndNoMarkerIsLeftOnceTheServerRuns() throws Exception {
        Path dir = tmp.resolve("pg");
        Path marker = EmbeddedDataDirectory.initialisingMarker(dir);
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, false)) {
            assertThat(marker).doesNotExist();
            execute(pg, "create table made_before_the_kill (id int)");
        }
        // As if the first start had been killed after initdb, before the server ran on the new cluster.
        Files.write(marker, new byte[0]);
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, false)) {
            assertThat(setting(pg, "select count(*) from pg_tables where tablename = 'made_before_the_kill'"))
                    .isEqualTo("0");
            execute(pg, "create table kept (id int)");
        }
        assertThat(marker).doesNotExist();
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, false)) {
            assertThat(setting(pg, "select count(*) from pg_tables where tablename = 'kept'")).isEqualTo("1");
        }
    }

    @Test
    void aDirectoryThatIsNotPostgresIsRefusedNotDeleted() throws Exception {
        Path dir = tmp.resolve("photos");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("holiday.jpg"), "not a database");
        assertThatThrownBy(() -> EmbeddedDataDirectory.start(dir, 0, true)).isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("holiday.jpg")).exists();
    }

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndNothingUnderTheDataDirectoryIsOpenToOthers() throws Exception {
        Path dir = tmp.resolve("private");
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, true)) {
            assertThat(setting(pg, "listen_addresses")).isEqualTo("localhost");
            assertThat(setting(pg, "unix_socket_directories")).isEmpty();
            assertThat(Path.of("/tmp/.s.PGSQL." + pg.getPort())).doesNotExist();
            assertThatThrownBy(() -> connect(pg.getPort(), null)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> connect(pg.getPort(), "postgres")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            String password = Files.readString(EmbeddedDataDirectory.passwordFile(dir)).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(40);
            connect(pg.getPort(), password).close();
            assertThat(Files.getPosixFilePermissions(EmbeddedDataDirectory.passwordFile(dir)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(openToOthers(dir)).isEmpty();
        }
    }

    @Test
    void aTrustingDataDirectoryOfAnOlderOrdinalIsGivenAPasswordAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("older");
        // What the previous version made: zonky's initdb with trust authentication, and no password file.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start()) {
            execute(old, "create table kept (id int)");
            execute(old, "insert into kept values (7)");
        }
        try (EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, 0, true)) {
            assertThat(setting(pg, "select id from kept")).isEqualTo("7");
            assertThatThrownBy(() -> connect(pg.getPort(), null)).isInstanceOf(SQLException.class);
            assertThat(openToOthers(dir)).isEmpty();
        }
        try (EmbeddedPostgres again = EmbeddedDataDirectory.start(dir, 0, true)) {
            assertThat(setting(again, "select count(*) from kept")).isEqualTo("1");
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** Every path under {@code dir} (and {@code dir} itself) that grants group or others any permission. */
    private static List<String> openToOthers(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    return perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
                } catch (java.io.IOException e) {
                    return false;
                }
            }).map(p -> p + " " + PosixFilePermissions.toString(permissions(p))).toList();
        }
    }

    private static Set<PosixFilePermission> permissions(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (java.io.IOException e) {
            return Set.of();
        }
    }

    private static String setting(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(name.startsWith("select") ? name : "show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(EmbeddedPostgres pg, String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
