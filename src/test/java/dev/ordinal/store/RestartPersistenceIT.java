package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.ordinal.OrdinalApplication;
import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceTypes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * The embedded PostgreSQL keeps its data directory: an object created before a restart of the whole service is there
 * after it, with the same uid and resourceVersion, and new versions continue above the old ones.
 */
class RestartPersistenceIT {

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(OrdinalApplication.class).run(
                "--server.port=0",
                "--ordinal.embedded-postgres.data-dir=" + dataDir,
                "--ordinal.controllers.enabled=false");
    }

    @Test
    void objectsSurviveARestartOfTheService() throws Exception {
        Path dataDir = Files.createTempDirectory("ordinal-restart");
        String uid;
        String version;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            ResourceStore store = first.getBean(ResourceStore.class);
            ObjectNode claim = Json.parse("""
                    {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"kept","labels":{"app":"db"}},
                     "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
            ObjectNode created = store.create(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", claim);
            uid = Json.uid(created);
            version = Json.str(created, "metadata", "resourceVersion");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            ResourceStore store = second.getBean(ResourceStore.class);
            ObjectNode kept = store.get(ResourceTypes.PERSISTENT_VOLUME_CLAIM, "default", "kept");
            assertThat(Json.uid(kept)).isEqualTo(uid);
            assertThat(Json.str(kept, "metadata", "resourceVersion")).isEqualTo(version);
            assertThat(Json.labels(kept)).containsEntry("app", "db");
            assertThat(store.currentResourceVersion()).isGreaterThanOrEqualTo(Long.parseLong(version));
            ObjectNode node = store.get(ResourceTypes.NODE, null, "node-1");
            assertThat(Json.name(node)).isEqualTo("node-1");
        }
    }
}
