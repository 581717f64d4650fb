package dev.ordinal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's data directory is never left in a state that needs a person: an initdb interrupted before
 * its control file was written, or a half-made sibling from a killed first start, is made again; and the server is
 * durable unless told otherwise.
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
    void aDirectoryThatIsNotPostgresIsRefusedNotDeleted() throws Exception {
        Path dir = tmp.resolve("photos");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("holiday.jpg"), "not a database");
        assertThatThrownBy(() -> EmbeddedDataDirectory.start(dir, 0, true)).isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("holiday.jpg")).exists();
    }

    private static String setting(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show " + name)) {
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
