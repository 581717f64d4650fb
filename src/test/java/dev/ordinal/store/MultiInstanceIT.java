package dev.ordinal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ordinal.OrdinalApplication;
import dev.ordinal.core.Json;
import dev.ordinal.reconcile.LeaderElection;
import dev.ordinal.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one PostgreSQL behave as one: the change feed comes from the database, so a watch
 * on either sees writes made through the other, a write through the follower wakes the leader's controllers at once,
 * and when the leader dies the other instance takes the lease and finishes its work without duplicating anything.
 */
class MultiInstanceIT {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        postgres.close();
    }

    private static ConfigurableApplicationContext start(String database) {
        return start(database, "--ordinal.change-feed.safety-poll-millis=2000");
    }

    /**
     * With a safety poll ten minutes apart, an instance learns of the other's writes only through the notifications
     * the other sends after its commits.
     */
    private static ConfigurableApplicationContext startWithoutSafetyPoll(String database) {
        return start(database, "--ordinal.change-feed.safety-poll-millis=600000");
    }

    private static ConfigurableApplicationContext start(String database, String safetyPoll) {
        return new SpringApplicationBuilder(OrdinalApplication.class).run(
                "--server.port=0",
                safetyPoll,
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "--spring.datasource.username=postgres",
                "--ordinal.simulation.start-seconds=0",
                "--ordinal.simulation.ready-seconds=0",
                "--ordinal.simulation.termination-grace-seconds=0",
                "--ordinal.lease.duration-seconds=2",
                "--ordinal.lease.renew-seconds=1",
                "--logging.level.dev.ordinal=WARN");
    }

    private static String freshDatabase(String name) throws Exception {
        try (var c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return name;
    }

    private static ApiClient api(ConfigurableApplicationContext ctx) {
        return new ApiClient(((WebServerApplicationContext) ctx).getWebServer().getPort());
    }

    private static boolean leads(ConfigurableApplicationContext ctx) {
        return ctx.getBean(LeaderElection.class).holdsLease();
    }

    @Test
    void aWatchOnOneInstanceSeesWritesMadeThroughTheOther() throws Exception {
        String db = freshDatabase("watch_across");
        try (ConfigurableApplicationContext a = startWithoutSafetyPoll(db);
             ConfigurableApplicationContext b = startWithoutSafetyPoll(db)) {
            ApiClient apiA = api(a);
            ApiClient apiB = api(b);
            String rv = apiB.get("/api/v1/namespaces/default/services").str("metadata", "resourceVersion");
            List<String> seen = new CopyOnWriteArrayList<>();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest watch = HttpRequest.newBuilder(URI.create(apiB.base()
                    + "/api/v1/namespaces/default/services?watch=true&resourceVersion=" + rv)).build();
            Thread reader = new Thread(() -> {
                try {
                    HttpResponse<java.io.InputStream> r = http.send(watch, HttpResponse.BodyHandlers.ofInputStream());
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                        for (String line; (line = in.readLine()) != null; ) {
                            if (!line.isBlank()) {
                                JsonNode ev = Json.parse(line);
                                seen.add(Json.str(ev, "type") + " " + Json.str(ev, "object", "metadata", "name"));
                            }
                        }
                    }
                } catch (Exception e) {
                    // The test ends the watch by closing the instances.
                }
            });
            reader.setDaemon(true);
            reader.start();
            for (int i = 0; i < 20; i++) {
                assertThat(apiA.post("/api/v1/namespaces/default/services", """
                        {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc-%d"},
                         "spec":{"ports":[{"port":80}]}}""".formatted(i)).code()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 20);
            assertThat(seen).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 20).mapToObj(i -> "ADDED svc-" + i).toList());
            // And a read through B right after a write through A sees it.
            apiA.post("/api/v1/namespaces/default/services", """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"read-after-write"},
                     "spec":{"ports":[{"port":80}]}}""");
            assertThat(apiB.get("/api/v1/namespaces/default/services/read-after-write").code()).isEqualTo(200);
        }
    }

    @Test
    void aWriteThroughOneInstanceIsReadAtOnceThroughTheOtherWhileBothRun() throws Exception {
        String db = freshDatabase("read_across");
        try (ConfigurableApplicationContext a = start(db)) {
            WriterPresence presenceA = a.getBean(WriterPresence.class);
            // Alone on the database long enough, the first instance vouches for the newest version from memory.
            await().atMost(Duration.ofSeconds(15)).until(() -> presenceA.newestVersion(0).isPresent());
            try (ConfigurableApplicationContext b = start(db)) {
                // The second holds its own lock from the start: the first stops vouching within one count.
                await().atMost(Duration.ofSeconds(3)).until(() -> presenceA.newestVersion(0).isEmpty());
                ApiClient apiA = api(a);
                ApiClient apiB = api(b);
                for (int i = 0; i < 20; i++) {
                    String name = "across-" + i;
                    assertThat(apiB.post("/api/v1/namespaces/default/configmaps",
                            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                                    + "\"},\"data\":{\"k\":\"" + i + "\"}}").code()).isEqualTo(201);
                    // A consistent GET through the other instance, with no wait: it must see the write.
                    assertThat(apiA.get("/api/v1/namespaces/default/configmaps/" + name).code()).isEqualTo(200);
                }
                assertThat(b.getBean(WriterPresence.class).newestVersion(0)).isEmpty();
            }
            // With the second gone, the first is alone again after a full streak and vouches again.
            await().atMost(Duration.ofSeconds(15)).until(() -> presenceA.newestVersion(0).isPresent());
        }
    }

    @Test
    void anInstanceAloneNotifiesNobodyAndANewcomerIsNotifiedOfEverythingAfterItJoined() throws Exception {
        String db = freshDatabase("notify_alone");
        try (ConfigurableApplicationContext a = startWithoutSafetyPoll(db);
             var newcomer = postgres.getDatabase("postgres", db).getConnection()) {
            WriterPresence presence = a.getBean(WriterPresence.class);
            ChangeFeed feed = a.getBean(ChangeFeed.class);
            ApiClient api = api(a);
            await().atMost(Duration.ofSeconds(15)).until(presence::vouchesAlone);
            newcomer.setAutoCommit(true);
            try (var s = newcomer.createStatement()) {
                s.execute("listen " + ChangeFeed.CHANNEL);
            }
            org.postgresql.PGConnection listening = newcomer.unwrap(org.postgresql.PGConnection.class);
            long sent = feed.notificationsSent();
            long skipped = feed.notificationsSkipped();
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/api/v1/namespaces/default/configmaps",
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"alone-" + i
                                + "\"}}").code()).isEqualTo(201);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> feed.notificationsSkipped() > skipped);
            assertThat(feed.notificationsSent()).isEqualTo(sent);
            assertThat(listening.getNotifications(300)).isNullOrEmpty();

            // The newcomer takes the presence lock, as an instance does first thing, and A writes again at once:
            // whether A still counts itself alone or not, the newcomer must be notified after that write.
            try (var s = newcomer.prepareStatement("select pg_advisory_lock_shared(?)")) {
                s.setLong(1, WriterPresence.LOCK);
                s.execute();
            }
            assertThat(api.post("/api/v1/namespaces/default/configmaps",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"joined\"}}").code())
                    .isEqualTo(201);
            org.postgresql.PGNotification[] notes = listening.getNotifications(5000);
            assertThat(notes).isNotEmpty();
            assertThat(presence.vouchesAlone()).isFalse();
            assertThat(feed.notificationsSent()).isGreaterThan(sent);
        }
    }

    @Test
    void aStatefulSetCreatedThroughTheFollowerGetsItsPodsFromTheLeaderAtOnce() throws Exception {
        String db = freshDatabase("follower_write");
        try (ConfigurableApplicationContext a = startWithoutSafetyPoll(db);
             ConfigurableApplicationContext b = startWithoutSafetyPoll(db)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> leads(a) || leads(b));
            ConfigurableApplicationContext follower = leads(a) ? b : a;
            ApiClient api = api(follower);
            assertThat(api.post("/apis/apps/v1/namespaces/default/statefulsets", set("web", 1)).code())
                    .isEqualTo(201);
            // The resync and the safety poll are ten minutes away: only the follower's notification can wake the
            // leader's feed, and so its controllers, this fast.
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/api/v1/namespaces/default/pods/web-0").code() == 200);
        }
    }

    @Test
    void whenTheLeaderDiesMidScaleTheOtherFinishesWithoutDuplicates() throws Exception {
        String db = freshDatabase("leader_dies");
        ConfigurableApplicationContext a = start(db);
        await().atMost(Duration.ofSeconds(10)).until(() -> leads(a));
        try (ConfigurableApplicationContext b = start(db)) {
            ApiClient apiB = api(b);
            assertThat(api(a).post("/apis/apps/v1/namespaces/default/statefulsets", set("db", 1)).code())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> apiB.get("/api/v1/namespaces/default/pods/db-0")
                    .code() == 200);
            ApiClient.Response scaled = apiB.patch("/apis/apps/v1/namespaces/default/statefulsets/db/scale",
                    "application/merge-patch+json", "{\"spec\":{\"replicas\":12}}");
            assertThat(scaled.code()).as(scaled.text()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> pods(apiB, "db").size() >= 3);
            a.close(); // The leader goes away mid-scale without handing over its lease.
            await().atMost(Duration.ofSeconds(30)).until(() -> leads(b));
            await().atMost(Duration.ofSeconds(60)).until(() -> pods(apiB, "db").stream()
                    .filter(p -> "Running".equals(Json.str(p, "status", "phase"))).count() == 12);
            List<String> names = pods(apiB, "db").stream().map(Json::name).toList();
            assertThat(names).doesNotHaveDuplicates().hasSize(12);
            List<String> claims = Json.list(apiB.get("/api/v1/namespaces/default/persistentvolumeclaims").json(),
                    "items").stream().map(Json::name).toList();
            assertThat(claims).doesNotHaveDuplicates().hasSize(12);
        } finally {
            a.close();
        }
    }

    private static List<JsonNode> pods(ApiClient api, String set) {
        return Json.list(api.get("/api/v1/namespaces/default/pods?labelSelector=app%3D" + set).json(), "items");
    }

    private static String set(String name, int replicas) {
        return """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%1$s"},
                 "spec":{"replicas":%2$d,"serviceName":"%1$s","podManagementPolicy":"Parallel",
                  "selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
                   "resources":{"requests":{"storage":"1Gi"}}}}]}}""".formatted(name, replicas);
    }
}
