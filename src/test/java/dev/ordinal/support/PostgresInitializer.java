package dev.ordinal.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Points tests at real PostgreSQL: a Testcontainers server when Docker is available, otherwise the embedded server
 * (zonky) that the application starts itself in a fresh temporary data directory. Never H2.
 */
public class PostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static PostgreSQLContainer container;

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        if (dockerAvailable()) {
            synchronized (PostgresInitializer.class) {
                if (container == null) {
                    container = new PostgreSQLContainer("postgres:16-alpine");
                    container.start();
                }
            }
            TestPropertyValues.of(
                    "spring.datasource.url=" + container.getJdbcUrl(),
                    "spring.datasource.username=" + container.getUsername(),
                    "spring.datasource.password=" + container.getPassword()).applyTo(ctx);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }
}
