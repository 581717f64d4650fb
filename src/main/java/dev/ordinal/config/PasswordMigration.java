package dev.ordinal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a password to a data directory made by an older Ordinal, whose initdb trusted every local connection. The
 * steps are ordered so that a start interrupted anywhere is finished by the next one: the password is set in the
 * database, then kept in its file, then trust is removed from {@code pg_hba.conf}. Until the file exists the server
 * still trusts loopback connections, as the older Ordinal did; from then on it never does.
 */
final class PasswordMigration {
    private static final Logger log = LoggerFactory.getLogger(PasswordMigration.class);
    /** Every connection, local or over loopback TCP, must prove the password; nothing else is accepted. */
    static final String HBA = """
            # Written by Ordinal: every connection must send the superuser's password (kept in <data-dir>.password).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private PasswordMigration() {
    }

    /**
     * Starts the server on a trusting data directory, sets a new password, keeps it in {@code passwordFile}, makes
     * {@code pg_hba.conf} require it, and stops the server cleanly.
     */
    static void migrate(Path dir, Path passwordFile, EmbeddedPostgres.Builder trusting) throws IOException {
        Path pending = passwordFile.resolveSibling(passwordFile.getFileName() + ".new");
        String password = DatabasePassword.readOrCreate(pending);
        try (EmbeddedPostgres pg = trusting.start();
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("set password_encryption = 'scram-sha-256'");
            s.execute("alter user postgres password '" + password.replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("could not set a password on the embedded PostgreSQL in " + dir, e);
        }
        Files.move(pending, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        writeHostBasedAuthentication(dir);
        log.warn("The embedded PostgreSQL in {} trusted every local connection (made by an older Ordinal); it now asks "
                + "for a password, kept in {}", dir, passwordFile);
    }

    /** Replaces {@code pg_hba.conf} in {@code dir} with {@link #HBA}, owner-only, unless it already says that. */
    static void writeHostBasedAuthentication(Path dir) throws IOException {
        Path hba = dir.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
            return;
        }
        DatabasePassword.write(hba, HBA);
    }
}
