package dev.ordinal.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a data directory that is always either absent or completely initialised. A new
 * cluster is made by initdb in a sibling directory ({@code <dir>.initdb}), stopped cleanly, and then renamed into place,
 * so a start interrupted at any moment (even kill -9 of the whole process group in the middle of initdb) leaves at most
 * a half-made sibling, which the next start deletes and makes again.
 *
 * <p>The server is private to the user running Ordinal: it listens on loopback only, opens no Unix socket, and asks
 * every client for the superuser's password (SCRAM), a random one generated on first start and kept beside the data
 * directory in {@code <dir>.password}, readable only by its owner. A data directory made by an older Ordinal (which
 * trusted every local connection) is given a password on its first start here.
 */
final class EmbeddedDataDirectory {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDataDirectory.class);
    // Crash recovery after a kill can take longer than zonky's default ten seconds on a busy machine.
    private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

    private EmbeddedDataDirectory() {
    }

    /**
     * Starts a server on {@code dir}, initialising it first when it is absent, empty, or left behind by an initdb that
     * never finished. With {@code durable}, fsync and synchronous commit are on, so a committed write survives a kill
     * of every process (and an OS crash); without it, both are off for throwaway runs.
     */
    static EmbeddedPostgres start(Path dir, int port, boolean durable) throws IOException {
        Path passwordFile = passwordFile(dir);
        if (!isInitialised(dir)) {
            initialise(dir, durable, DatabasePassword.readOrCreate(passwordFile), passwordFile);
        }
        if (!Files.exists(passwordFile)) {
            PasswordMigration.migrate(dir, passwordFile, builder(dir, durable, null));
        }
        String password = DatabasePassword.read(passwordFile);
        // Written on every start, so a start interrupted after the password was set still ends with no trust.
        PasswordMigration.writeHostBasedAuthentication(dir);
        EmbeddedPostgres.Builder builder = builder(dir, durable, password);
        if (port > 0) {
            builder.setPort(port);
        }
        return privateFiles(dir, builder.start());
    }

    /** The file that keeps the superuser's password of the cluster in {@code dir}: {@code <dir>.password}. */
    static Path passwordFile(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    /** zonky's lock file is made with the process umask; like the rest of the directory, it is the owner's alone. */
    static EmbeddedPostgres privateFiles(Path dir, EmbeddedPostgres pg) throws IOException {
        DatabasePassword.ownerOnly(dir.resolve("epg-lock"));
        return pg;
    }

    /** Whether {@code dir} holds a cluster; a directory that looks like an interrupted initdb is deleted here. */
    static boolean isInitialised(Path dir) throws IOException {
        if (!Files.isDirectory(dir) || isEmpty(dir)) {
            return false;
        }
        if (Files.exists(dir.resolve("global/pg_control"))) {
            return true;
        }
        // Only the rename below puts a cluster here; a PostgreSQL directory without its control file is an initdb
        // of an older Ordinal that was killed, and holds no data yet.
        if (Files.exists(dir.resolve("PG_VERSION")) || Files.exists(dir.resolve("postgresql.conf"))) {
            log.warn("{} is an interrupted initdb (no global/pg_control); initialising it again", dir);
            delete(dir);
            return false;
        }
        throw new IllegalStateException(dir + " is neither empty nor a PostgreSQL data directory; refusing to use it. "
                + "Point --ordinal.embedded-postgres.data-dir at an empty or missing directory.");
    }

    private static void initialise(Path dir, boolean durable, String password, Path passwordFile) throws IOException {
        Path fresh = dir.resolveSibling(dir.getFileName() + ".initdb");
        if (Files.exists(fresh)) {
            EmbeddedPostgresConfig.removeStalePidFile(fresh.resolve("postmaster.pid"));
            delete(fresh);
        }
        long started = System.nanoTime();
        // zonky runs initdb when the directory has no postgresql.conf, then starts the server; stopping it leaves a
        // cleanly shut down cluster with everything on disk.
        builder(fresh, durable, password)
                // initdb reads the superuser's password from the file, and asks for it on every connection.
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                .setLocaleConfig("auth-local", "scram-sha-256")
                .setLocaleConfig("auth-host", "scram-sha-256")
                .start().close();
        Files.deleteIfExists(fresh.resolve("postmaster.pid"));
        Files.deleteIfExists(dir);
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir.getParent());
        log.info("Initialised a new PostgreSQL cluster in {} ({} ms)", dir, (System.nanoTime() - started) / 1_000_000);
    }

    /** A builder for the server on {@code dir}; with a {@code password}, zonky's own connections send it. */
    static EmbeddedPostgres.Builder builder(Path dir, boolean durable, String password) {
        String onOff = durable ? "on" : "off";
        // zonky always passes -F (fsync off) and synchronous_commit=off; these later settings override both.
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                // Loopback only, and no Unix socket: PostgreSQL's default one is world-writable in /tmp.
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256");
        if (password != null) {
            b.setConnectConfig("password", password);
        }
        return b;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Makes a rename in {@code dir} durable: the directory entry itself is flushed. */
    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
