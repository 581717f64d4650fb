package dev.ordinal.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.ordinal.core.Json;
import dev.ordinal.core.ResourceType;
import dev.ordinal.core.ResourceTypes;
import dev.ordinal.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Property-based test of the whole API with hostile input: seeded, generated manifests, patches, delete options,
 * selectors and query parameters, mutated at random, against every kind and verb. For every answer: no 5xx; every
 * 4xx is a Kubernetes Status (kind Status, apiVersion v1, code equal to the HTTP status); and a refused write leaves
 * the object it aimed at exactly as it was.
 *
 * <p>{@code -Dfuzz.inputs=N} (default 2000; the {@code fuzz} Maven profile runs 100 000), {@code -Dfuzz.seed=S} and
 * {@code -Dfuzz.seconds=T} (stop after T seconds) choose the run; it prints how many inputs it tried, the answers by
 * status code and what it found.
 *
 * <p>Its own application context, on its own embedded PostgreSQL, with the controllers off: the API is under test,
 * and the objects it accepts (a StatefulSet of 2147483647 replicas is valid) must not set other tests' controllers
 * to work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ordinal.embedded-postgres.data-dir=target/fuzz-postgres-${random.uuid}",
        "ordinal.controllers.enabled=false",
        "logging.level.dev.ordinal=WARN",
        "logging.level.dev.ordinal.api.StatusExceptionHandler=ERROR"})
class BadInputFuzzIT {
    private static final String NS = "fuzz";

    @LocalServerPort
    int port;

    private ApiClient api;
    private final Map<Integer, Integer> codes = new TreeMap<>();
    private final List<String> findings = new ArrayList<>();
    private long findingCount;

    @Test
    void hostileInputsNeverGiveA5xxAndRefusedWritesChangeNothing() {
        long inputs = Long.getLong("fuzz.inputs", 2000);
        long seed = Long.getLong("fuzz.seed", 18);
        long maxSeconds = Long.getLong("fuzz.seconds", Long.MAX_VALUE / 2_000_000_000L);
        api = new ApiClient(port);
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + NS + "\"}}").code()).isEqualTo(201);
        List<ResourceType> types = new ArrayList<>();
        Seeds.types().forEach(types::add);
        types.forEach(this::ensure);

        Mutator m = new Mutator(new Random(seed));
        RequestGenerator gen = new RequestGenerator(m, NS);
        long start = System.nanoTime();
        long tried = 0;
        for (long i = 0; i < inputs && System.nanoTime() - start < maxSeconds * 1_000_000_000L; i++) {
            ResourceType type = m.pick(types);
            RequestGenerator.FuzzRequest req = gen.next(type, "n");
            if (type == ResourceTypes.NAMESPACE && req.method().equals("DELETE") && !req.path().contains("/n")) {
                continue; // deleting every namespace would end the run's own
            }
            String objectPath = Seeds.collection(type, NS) + "/n";
            boolean write = !req.method().equals("GET");
            ApiClient.Response before = write ? api.get(objectPath) : null;
            ApiClient.Response r = api.sendBytes(req.method(), req.path(), req.body(), req.contentType(), null);
            tried++;
            codes.merge(r.code(), 1, Integer::sum);
            check(req, r);
            if (write && r.code() >= 400 && before.code() == 200) {
                ApiClient.Response after = api.get(objectPath);
                if (after.code() != 200 || !Json.same(before.json(), after.json())) {
                    finding(req, r, "a refused write changed " + objectPath + ": " + abbreviate(after.text()));
                }
            }
            if (write && r.code() < 300) {
                ensure(type);
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.out.printf("bad-input fuzz: %d inputs (seed %d) in %d s; answers by status code: %s; findings: %d%n",
                tried, seed, seconds, codes, findingCount);
        findings.forEach(f -> System.out.println("  finding: " + f));
        assertThat(findings).isEmpty();
    }

    private void check(RequestGenerator.FuzzRequest req, ApiClient.Response r) {
        if (r.code() >= 500) {
            finding(req, r, "server error");
        } else if (r.code() >= 400) {
            JsonNode s = r.json();
            boolean status = s != null && "Status".equals(Json.str(s, "kind")) && "v1".equals(Json.str(s, "apiVersion"))
                    && "Failure".equals(Json.str(s, "status")) && s.path("code").asInt() == r.code()
                    && Json.str(s, "message") != null && Json.str(s, "reason") != null;
            if (!status) {
                finding(req, r, "not a Kubernetes Status");
            }
        }
    }

    /** Puts the kind's object {@code n} back when a write removed it or left it terminating. */
    private void ensure(ResourceType type) {
        String path = Seeds.collection(type, NS) + "/n";
        ApiClient.Response r = api.get(path);
        if (r.code() == 200 && Json.isTerminating(r.json())) {
            api.patch(path, "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
            api.delete(path + "?gracePeriodSeconds=0");
            r = api.get(path);
        }
        if (r.code() == 404) {
            ApiClient.Response c = api.post(Seeds.collection(type, NS), Json.write(Seeds.seed(type, "n")));
            if (c.code() != 201 && c.code() != 409) {
                throw new IllegalStateException("cannot recreate " + path + ": " + c.text());
            }
        }
    }

    private void finding(RequestGenerator.FuzzRequest req, ApiClient.Response r, String what) {
        findingCount++;
        if (findings.size() < 50) {
            findings.add(what + " — " + r.code() + " " + abbreviate(r.text()) + " — for " + req.describe());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
