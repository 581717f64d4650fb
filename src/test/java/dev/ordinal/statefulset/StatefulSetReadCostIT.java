package dev.ordinal.statefulset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.ordinal.core.Json;
import dev.ordinal.support.ApiClient;
import dev.ordinal.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Controllers read from the informer cache, never from the database: the rows PostgreSQL reads from the object table
 * while a StatefulSet converges do not grow with the number of unrelated objects stored beside it. Measured with
 * PostgreSQL's own per-table counters (sequential and index tuple reads), a count rather than a time.
 */
@IntegrationTest
class StatefulSetReadCostIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void convergingAStatefulSetReadsNoRowsOfUnrelatedObjects() throws Exception {
        ApiClient api = new ApiClient(port);
        String ns = "cost-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");

        long alone = rowsReadWhileConverging(api, ns, "alone");

        // Unrelated objects the old controllers listed on every pass: pods and claims of the same namespace (120 rows; each old pass read them all).
        for (int i = 0; i < 60; i++) {
            api.post("/api/v1/namespaces/" + ns + "/pods", """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bare-%d"},
                     "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".formatted(i));
            api.post("/api/v1/namespaces/" + ns + "/persistentvolumeclaims", """
                    {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"loose-%d"},
                     "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}"""
                    .formatted(i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Json.list(api.get("/api/v1/namespaces/" + ns
                + "/pods?fieldSelector=status.phase%3DRunning").json(), "items").size() >= 60);
        long crowded = rowsReadWhileConverging(api, ns, "crowded");

        // Before the informers, each of the dozen passes read all 120 rows of the namespace at least once (1,440 or more).
        assertThat(crowded).as("rows read with 120 unrelated objects (alone: %d)", alone)
                .isLessThan(alone + 300);
    }

    /** Creates a 3-replica set, waits until it is converged, and returns the object-table rows read meanwhile. */
    private long rowsReadWhileConverging(ApiClient api, String ns, String name) throws Exception {
        // Fresh table statistics first: with stale ones PostgreSQL may plan a write's lookup by name as a
        // sequential scan, which counts rows that no code asked for.
        jdbc.execute("analyze resource");
        quiet(ns);
        long before = rowsRead();
        api.post("/apis/apps/v1/namespaces/" + ns + "/statefulsets", """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%1$s"},
                 "spec":{"replicas":3,"serviceName":"%1$s","selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],
                   "resources":{"requests":{"storage":"1Gi"}}}}]}}""".formatted(name));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode set = api.get("/apis/apps/v1/namespaces/" + ns + "/statefulsets/" + name).json();
            return Json.integer(set, 0, "status", "readyReplicas") == 3;
        });
        quiet(ns);
        return rowsRead() - before;
    }

    /**
     * Waits until nothing in {@code ns} has been written for two seconds (the controllers have finished with what came
     * before), then lets PostgreSQL publish its statistics (backends report them about every second). Other tests'
     * objects may go on changing meanwhile (pods that cannot be scheduled are retried for ever, as in Kubernetes);
     * their few index reads are well inside the margin the assertion leaves.
     */
    private void quiet(String ns) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        Long seen = -1L;
        while (System.nanoTime() < deadline) {
            Long now = jdbc.queryForObject("select max(resource_version) from change_log where namespace = ?",
                    Long.class, ns);
            if (java.util.Objects.equals(now, seen)) {
                break;
            }
            seen = now;
            Thread.sleep(2000);
        }
        Thread.sleep(2500);
    }

    private long rowsRead() {
        jdbc.execute("select pg_stat_clear_snapshot()");
        List<Long> r = jdbc.queryForList("select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)"
                + " from pg_stat_user_tables where relname = 'resource'", Long.class);
        return r.isEmpty() ? 0 : r.get(0);
    }
}
