package dev.ordinal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ordinal.support.IntegrationTest;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The fabric8 Kubernetes client (the Java client most operators use) in its default configuration: watches and
 * informers over WebSocket, leader election on a Lease, ConfigMaps and Secrets.
 */
@IntegrationTest
class Fabric8ClientIT {
    @LocalServerPort
    int port;
    KubernetesClient client;

    @BeforeEach
    void connect() {
        // Only the server's address is set; everything else is the client's default.
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private void namespace(String name) {
        if (client.namespaces().withName(name).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    @Test
    void watchReceivesEventsOverTheDefaultWebSocket() {
        namespace("fabric8-watch");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = client.services().inNamespace("fabric8-watch").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Service service) {
                seen.add(action + " " + service.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.services().inNamespace("fabric8-watch").resource(new ServiceBuilder().withNewMetadata()
                    .withName("web").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build())
                    .create();
            client.services().inNamespace("fabric8-watch").withName("web").delete();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(seen).containsExactly("ADDED web", "DELETED web"));
        }
    }
}
