package dev.ordinal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.ordinal.support.IntegrationTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.junit.jupiter.api.AfterAll;
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
    /** One client for the class, as an application keeps one: its first use costs seconds of class loading. */
    static KubernetesClient client;

    @BeforeEach
    void connect() {
        if (client == null) {
            // Only the server's address is set; everything else is the client's default.
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).build();
            client = new KubernetesClientBuilder().withConfig(config).build();
        }
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
            client = null;
        }
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

    @Test
    void anInformerSyncsWithinASecondAndSeesTheArticlesStatefulSetPodsInOrder() throws IOException {
        namespace("fabric8-informer");
        // The client's first informer loads its classes, opens its first WebSocket and builds its Jackson
        // deserializers for Pod (vert.x reports its event loop blocked for seconds on a busy machine): none of it the
        // server's. A warm-up informer on pods elsewhere takes that cost, so the measured one times the server.
        namespace("fabric8-warmup");
        client.pods().inNamespace("fabric8-warmup").inform().close();
        List<String> added = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try (SharedIndexInformer<Pod> informer = client.pods().inNamespace("fabric8-informer")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        added.add(pod.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(Pod before, Pod after) {
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {
                    }
                })) {
            Duration synced = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("fabric8 informer on pods synced in " + synced.toMillis() + " ms");
            assertThat(informer.hasSynced()).isTrue();
            assertThat(synced).isLessThan(Duration.ofSeconds(1));
            try (FileInputStream manifest = new FileInputStream("src/test/resources/manifests/seed-statefulset.yaml")) {
                client.apps().statefulSets().inNamespace("fabric8-informer").load(manifest).create();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(added).containsExactly("nginx-0", "nginx-1", "nginx-2"));
            assertThat(informer.getStore().list()).hasSize(3);
        }
    }

    @Test
    void aLeaderElectorWithALeaseLockAcquiresAndRenews() throws Exception {
        namespace("fabric8-leader");
        AtomicBoolean leading = new AtomicBoolean();
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("ordinal-test")
                .withLock(new LeaseLock("fabric8-leader", "operator", "pod-a"))
                .withLeaseDuration(Duration.ofSeconds(3))
                .withRenewDeadline(Duration.ofSeconds(2))
                .withRetryPeriod(Duration.ofMillis(200))
                .withLeaderCallbacks(new LeaderCallbacks(() -> leading.set(true), () -> leading.set(false), id -> { }))
                .build()).build();
        CompletableFuture<?> running = elector.start();
        try {
            await().atMost(Duration.ofSeconds(10)).untilTrue(leading);
            Lease lease = client.leases().inNamespace("fabric8-leader").withName("operator").get();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("pod-a");
            var firstRenewal = lease.getSpec().getRenewTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> !firstRenewal.equals(client.leases()
                    .inNamespace("fabric8-leader").withName("operator").get().getSpec().getRenewTime()));
            assertThat(leading).isTrue();
        } finally {
            running.cancel(true);
        }
    }

    @Test
    void configMapsAndSecretsRoundTrip() {
        namespace("fabric8-config");
        var configMaps = client.configMaps().inNamespace("fabric8-config");
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata()
                .addToData("mode", "fast").build()).create();
        configMaps.withName("app").edit(cm -> new ConfigMapBuilder(cm).addToData("level", "3").build());
        ConfigMap read = configMaps.withName("app").get();
        assertThat(read.getData()).isEqualTo(Map.of("mode", "fast", "level", "3"));

        var secrets = client.secrets().inNamespace("fabric8-config");
        secrets.resource(new SecretBuilder().withNewMetadata().withName("db").endMetadata()
                .addToStringData("password", "s3cret").build()).create();
        Secret secret = secrets.withName("db").get();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getStringData()).isNullOrEmpty();
        assertThat(new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8))
                .isEqualTo("s3cret");
        assertThat(client.serviceAccounts().inNamespace("fabric8-config").withName("default").get()).isNotNull();
    }

    @Test
    void eventsAreReadThroughEventsK8sIo() {
        namespace("fabric8-events");
        client.services().inNamespace("fabric8-events").resource(new ServiceBuilder().withNewMetadata()
                .withName("web").endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build())
                .create();
        client.v1().events().inNamespace("fabric8-events").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata().withName("web.1").endMetadata()
                .withNewInvolvedObject().withKind("Service").withName("web").withNamespace("fabric8-events")
                .endInvolvedObject().withReason("Tested").withMessage("hello").withType("Normal")
                .withNewSource().withComponent("tester").endSource().build()).create();
        List<Event> events = client.events().v1().events().inNamespace("fabric8-events").list().getItems();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getNote()).isEqualTo("hello");
            assertThat(e.getRegarding().getName()).isEqualTo("web");
            assertThat(e.getDeprecatedSource().getComponent()).isEqualTo("tester");
        });
    }
}
