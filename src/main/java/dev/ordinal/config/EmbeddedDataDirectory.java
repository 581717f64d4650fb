package dev.ordinal.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL on a data directory that is always either absent or completely initialised. A new
 * cluster is made in place, and a marker beside it ({@code <dir>.initialising}) says so until initdb has finished and
 * the server has started on it; a start interrupted at any moment before that (even kill -9 of the whole process
 * group in the middle of initdb) leaves the marker, and the next start deletes the half-made directory and makes it
 * again. The marker is removed, durably, before anything is stored in the new cluster. One server start makes a new
 * cluster: initdb, then the server that Ordinal uses (until 2026-12 a first server was started and stopped, and the
 * directory renamed into place: a second more on the thread that starts PostgreSQL).
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
        boolean fresh = !isInitialised(dir);
        if (fresh) {
            beginInitialising(dir);
        } else if (!Files.exists(passwordFile)) {
            PasswordMigration.migrate(dir, passwordFile, builder(dir, durable, null));
        }
        String password = fresh ? DatabasePassword.readOrCreate(passwordFile) : DatabasePassword.read(passwordFile);
        EmbeddedPostgres.Builder builder = builder(dir, durable, password);
        if (fresh) {
            // initdb reads the superuser's password from the file, and asks for it on every connection.
            builder.setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256");
        }
        // Written on every start (for a new cluster, between initdb and the server's start), so a start interrupted
        // after the password was set still ends with no trust.
        builder.setDataDirectoryCustomizer(d -> writeHostBasedAuthentication(d.toPath()));
        if (port > 0) {
            builder.setPort(port);
        }
        long started = System.nanoTime();
        EmbeddedPostgres pg = builder.start();
        if (fresh) {
            finishInitialising(dir, pg);
            log.info("Initialised a new PostgreSQL cluster in {} and started it ({} ms)", dir,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return privateFiles(dir, pg);
    }

    private static void writeHostBasedAuthentication(Path dir) {
        try {
            PasswordMigration.writeHostBasedAuthentication(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
        if (Files.exists(initialisingMarker(dir))) {
            if (Files.exists(dir)) {
                log.warn("{} is an interrupted initialisation ({} is still there); initialising it again", dir,
                        initialisingMarker(dir).getFileName());
                delete(dir);
            }
            return false;
        }
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

    /** The file that marks {@code dir} as being made: {@code <dir>.initialising}. */
    static Path initialisingMarker(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".initialising");
    }

    /**
     * Marks {@code dir} as being made, durably, before initdb writes anything into it. The sibling left by the
     * previous way of making a cluster ({@code <dir>.initdb}, renamed into place when complete) is deleted.
     */
    private static void beginInitialising(Path dir) throws IOException {
        Path older = dir.resolveSibling(dir.getFileName() + ".initdb");
        if (Files.exists(older)) {
            EmbeddedPostgresConfig.removeStalePidFile(older.resolve("postmaster.pid"));
            delete(older);
        }
        Files.write(initialisingMarker(dir), new byte[0]);
        syncDirectory(dir.getParent());
    }

    /**
     * Removes the marker once initdb has finished (it synced every file it wrote) and the server runs on the new
     * cluster, and makes the removal durable before anything is stored: a marker that came back after a crash would
     * have the next start delete stored data. Should that fail, the server is stopped and the failure rethrown.
     */
    private static void finishInitialising(Path dir, EmbeddedPostgres pg) throws IOException {
        try {
            Files.delete(initialisingMarker(dir));
            syncDirectory(dir.getParent());
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
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
