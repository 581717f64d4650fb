package dev.ordinal.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * An end-to-end test of the whole service on a random port against real PostgreSQL, with zero simulated delays.
 * All such tests share one application context (and one database), so they must use their own namespaces or names.
 * The change feed's safety poll is ten minutes apart: every write must wake the feed itself when it ends.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ordinal.embedded-postgres.data-dir=target/it-postgres-${random.uuid}",
        "ordinal.simulation.start-seconds=0",
        "ordinal.simulation.ready-seconds=0",
        "ordinal.simulation.termination-grace-seconds=0",
        "ordinal.controllers.resync-seconds=5",
        "ordinal.change-feed.safety-poll-millis=600000",
        "logging.level.dev.ordinal=INFO"})
@ContextConfiguration(initializers = PostgresInitializer.class)
public @interface IntegrationTest {
}
