package dev.ordinal.bench.fleet;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/** The phases of issue 10's benchmark for one jar; each phase adds figures (row label to value). */
final class JarRun {
    static final String FLEET_NS = "fleet";
    static final String BARE_NS = "bare";

    final String label;
    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String> topQueries = new ArrayList<>();
    private final Path jar;
    private final Path work;
    private final Path log;
    private final Options options;
    private Instance current;
    private String lastProgress = "";
    private int fresh;

    JarRun(Path jar, Path work, Options options) {
        this.jar = jar;
        String name = jar.getFileName().toString();
        this.label = name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
        this.work = work.resolve(label);
        this.log = this.work.resolve("ordinal.log");
        this.options = options;
    }

    void run() throws Exception {
        try {
            if (options.has("fleet")) {
                fleets();
            }
            if (current == null) {
                current = startFresh();
            }
            if (options.has("reaction")) {
                reaction();
            }
            if (options.has("api") || options.has("idle") || options.has("memory")) {
                topUp(BARE_NS, 3000 - pods("/api/v1/pods").size(), "top-up to 3,000 pods");
                settle();
            }
            if (options.has("api")) {
                api();
            }
            if (options.has("idle")) {
                idle();
            }
            if (options.has("memory")) {
                memory("3,000 pods", pods("/api/v1/pods").size());
            }
            if (options.has("bulk")) {
                topUp(BARE_NS, options.bulk - pods("/api/v1/pods").size(), "bulk to " + options.bulk + " pods");
                // Measured once the pods are Ready: right after the POSTs the heap also holds the controllers'
                // backlog (queued events, keys, writes the feed has not delivered yet), which depends on timing.
                settle();
                memory(String.format(Locale.ROOT, "%,d pods", options.bulk), options.bulk);
                current.close();
                Instance again = Instance.start(jar, current.dataDir, log);
                current = again;
                figure(String.format(Locale.ROOT, "start-up, %,d pods stored (s)", options.bulk),
                        "%.1f", again.startupSeconds);
            }
        } finally {
            if (current != null) {
                current.close();
            }
        }
    }

    // ------------------------------------------------------------------ instances

    private Instance startFresh() throws Exception {
        Path dir = work.resolve("pg-" + (++fresh));
        Instance inst = Instance.start(jar, dir, log);
        say("started fresh on port %d in %.1f s (%s)", inst.port, inst.startupSeconds, dir);
        figures.putIfAbsent("start-up, fresh (s)", String.format(Locale.ROOT, "%.1f", inst.startupSeconds));
        if (!options.pgss) {
            return inst;
        }
        // No server-setting property in the project: ALTER SYSTEM writes postgresql.auto.conf in the data
        // directory, which the restarted server reads (zonky passes no shared_preload_libraries of its own).
        try (Connection c = inst.database(); Statement s = c.createStatement()) {
            s.execute("alter system set shared_preload_libraries = 'pg_stat_statements'");
        }
        inst.close();
        Instance again = Instance.start(jar, dir, log);
        try (Connection c = again.database(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
        }
        say("restarted with pg_stat_statements");
        return again;
    }

    // ------------------------------------------------------------------ fleet

    private void fleets() throws Exception {
        Path standing = null;
        boolean skipping = false;
        for (int size : options.sizes) {
            String row = fleetRow(size);
            if (skipping) {
                figures.put(row, "skipped");
                continue;
            }
            if (current != null) {
                current.close();
                current = null;
            }
            Instance inst = startFresh();
            double seconds = fleet(inst, size);
            if (seconds >= 0) {
                figures.put(row, String.format(Locale.ROOT, "%.1f (%.1f pods/s)", seconds, 3 * size / seconds));
                figures.put("  load average at convergence, fleet " + size, loadAverage());
                current = inst;
                standing = inst.dataDir;
            } else {
                figures.put(row, ">" + options.timeoutSeconds + " timeout (" + lastProgress + ")");
                skipping = true;
                if (standing == null) {
                    // Nothing converged: the later phases run on this fleet as it stands, still converging.
                    current = inst;
                    standing = inst.dataDir;
                } else {
                    inst.close();
                }
            }
        }
        if (current == null && standing != null) {
            current = Instance.start(jar, standing, log);
            say("restarted on the last converged fleet (%s) in %.1f s", standing, current.startupSeconds);
        }
    }

    /** The figure's row for a fleet of {@code size} StatefulSets. */
    static String fleetRow(int size) {
        return String.format(Locale.ROOT, "fleet %,d x 3 converged (s)", size);
    }

    /** Seconds from the first POST until every pod is Ready and every claim Bound, or -1 after the timeout. */
    private double fleet(Instance inst, int size) throws Exception {
        Client c = inst.client;
        c.namespace(FLEET_NS);
        if (options.pgss) {
            sql(inst, "select pg_stat_statements_reset()");
        }
        String path = "/apis/apps/v1/namespaces/" + FLEET_NS + "/statefulsets";
        String podsPath = "/api/v1/namespaces/" + FLEET_NS + "/pods";
        String claimsPath = "/api/v1/namespaces/" + FLEET_NS + "/persistentvolumeclaims";
        FleetWatcher podWatch = options.observeByList ? null : new FleetWatcher(c, podsPath, Client::ready);
        FleetWatcher claimWatch = options.observeByList ? null : new FleetWatcher(c, claimsPath, Client::bound);
        CpuShares cpu = new CpuShares(inst);
        long t0 = System.nanoTime();
        Client.batch(size, options.clients, i -> c.create(path, Client.statefulSet("s-" + i), false));
        say("fleet %d: %d StatefulSets POSTed in %.1f s", size, size, (System.nanoTime() - t0) / 1e9);
        long deadline = t0 + options.timeoutSeconds * 1_000_000_000L;
        long nextSay = 0;
        double result = -1;
        while (System.nanoTime() < deadline) {
            long ready;
            long bound;
            int podCount;
            int claimCount;
            if (options.observeByList) {
                // As the earlier passes measured: both lists in full, twice a second.
                List<JsonNode> pods = c.list(podsPath);
                List<JsonNode> claims = c.list(claimsPath);
                ready = pods.stream().filter(Client::ready).count();
                bound = claims.stream().filter(Client::bound).count();
                podCount = pods.size();
                claimCount = claims.size();
            } else {
                ready = podWatch.meeting();
                bound = claimWatch.meeting();
                podCount = podWatch.count();
                claimCount = claimWatch.count();
            }
            long now = System.nanoTime();
            lastProgress = String.format(Locale.ROOT, "%d/%d pods Ready, %d/%d claims Bound", ready, 3 * size,
                    bound, 3 * size);
            if (ready == 3L * size && bound == 3L * size && podCount == 3 * size) {
                result = (now - t0) / 1e9;
                break;
            }
            if (now > nextSay) {
                say("fleet %d: %.0f s: %d pods (%d Ready), %d claims (%d Bound)", size, (now - t0) / 1e9,
                        podCount, ready, claimCount, bound);
                nextSay = now + 10_000_000_000L;
            }
            Thread.sleep(options.observeByList ? 500 : 50);
        }
        if (podWatch != null) {
            podWatch.close();
            claimWatch.close();
        }
        say("fleet %d: %s; load average %s", size, result < 0 ? "timed out"
                : String.format(Locale.ROOT, "converged in %.1f s", result), loadAverage());
        figures.put("  CPU s during fleet " + size + ": Ordinal (its JIT) / PostgreSQL / this client / machine",
                cpu.since());
        if (options.pgss) {
            topQueries(inst, size);
        }
        return result;
    }

    private void topQueries(Instance inst, int size) throws Exception {
        topQueries.clear();
        topQueries.add(String.format(Locale.ROOT, "pg_stat_statements, fleet %d x 3, top 10 by total time:", size));
        topQueries.add("  total ms      calls    mean ms  query");
        try (Connection c = inst.database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select total_exec_time, calls, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') "
                        + "from pg_stat_statements order by total_exec_time desc limit 10")) {
            while (rs.next()) {
                String q = rs.getString(4);
                topQueries.add(String.format(Locale.ROOT, "%10.0f %10d %10.2f  %s", rs.getDouble(1), rs.getLong(2),
                        rs.getDouble(3), q.length() > 200 ? q.substring(0, 200) + "…" : q));
            }
        }
        topQueries.forEach(l -> say("%s", l));
    }

    // ------------------------------------------------------------------ reaction

    /**
     * StatefulSet POST until a watch delivers pod-0's ADDED event, one set at a time, in the fleet's namespace. The
     * figure: each set POSTed on a standing cluster (the sets before it Ready and the instance quiet again), two ways
     * taking turns (so neither gets the quieter minutes): read from the sockets (the server's time), and through
     * java.net.http (a client library's). Then the same back to back, each POST as soon as the pod-0 before it
     * appeared, into that set's follow-up work (claims, volumes, scheduling, kubelets) on the same cores.
     */
    private void reaction() throws Exception {
        awaitQuiet();
        Client c = current.client;
        c.namespace(FLEET_NS);
        long[] raw = new long[options.reactions];
        long[] library = new long[options.reactions];
        long[] backToBack = new long[options.reactions];
        try (KeepAliveClient post = new KeepAliveClient(current.port)) {
            for (int i = 0; i < REACTION_WARM_UP + options.reactions; i++) {
                long fromSockets = reactionFromSockets(current.port, post, "react-raw-" + i);
                awaitStanding("react-raw-" + i);
                long throughLibrary = reactionThroughJavaNetHttp(c, "react-" + i);
                awaitStanding("react-" + i);
                if (i >= REACTION_WARM_UP) {
                    raw[i - REACTION_WARM_UP] = fromSockets;
                    library[i - REACTION_WARM_UP] = throughLibrary;
                }
            }
            for (int i = 0; i < options.reactions; i++) {
                backToBack[i] = reactionFromSockets(current.port, post, "react-b2b-" + i);
            }
        }
        java.util.Arrays.sort(raw);
        java.util.Arrays.sort(library);
        java.util.Arrays.sort(backToBack);
        String standing = String.format(Locale.ROOT, "%,d pods standing", pods("/api/v1/pods").size());
        figure("reaction p50, POST -> pod-0 created (ms)", "%.1f", Client.percentileMs(raw, 50));
        figure("reaction p99 (ms)", "%.1f", Client.percentileMs(raw, 99));
        figure("  reaction p50 / p99 through java.net.http (ms)", "%s", String.format(Locale.ROOT, "%.1f / %.1f",
                Client.percentileMs(library, 50), Client.percentileMs(library, 99)));
        figure("  reaction p50 / p99 back to back (ms)", "%s", String.format(Locale.ROOT, "%.1f / %.1f",
                Client.percentileMs(backToBack, 50), Client.percentileMs(backToBack, 99)));
        say("reaction over %d sets with %s: max %.1f ms (java.net.http %.1f ms, back to back %.1f ms)",
                options.reactions, standing, Client.percentileMs(raw, 100), Client.percentileMs(library, 100),
                Client.percentileMs(backToBack, 100));
    }

    /**
     * Waits until set {@code name}'s three pods are Ready and then until the instance has used less than a fifth of
     * a core over a tenth of a second (its follow-up writes, status and events, done), at most ten seconds in all.
     */
    private void awaitStanding(String name) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String path = "/api/v1/namespaces/" + FLEET_NS + "/pods?labelSelector=app%3D" + name;
        while (System.nanoTime() < deadline) {
            List<JsonNode> pods = current.client.list(path);
            if (pods.size() == 3 && pods.stream().allMatch(Client::ready)) {
                break;
            }
            Thread.sleep(25);
        }
        List<Long> jvm = List.of(current.pid());
        while (System.nanoTime() < deadline) {
            var before = Instance.cpuTicks(jvm);
            Thread.sleep(100);
            if (Instance.cpuPercent(before, Instance.cpuTicks(jvm), 0.1) < 20) {
                return;
            }
        }
    }

    private static final int REACTION_WARM_UP = 3;

    /**
     * A POST on a kept-alive connection; pod-0's arrival as noted by a watch for that one pod (as the java.net.http
     * way watches) read from its socket.
     */
    private static long reactionFromSockets(int port, KeepAliveClient post, String name) throws Exception {
        try (RawWatch watch = new RawWatch(port, "/api/v1/namespaces/" + FLEET_NS
                + "/pods?watch=true&timeoutSeconds=60&fieldSelector=metadata.name%3D" + name + "-0")) {
            long t0 = System.nanoTime();
            int code = post.post("/apis/apps/v1/namespaces/" + FLEET_NS + "/statefulsets", Client.statefulSet(name));
            if (code != 201) {
                throw new IllegalStateException("POST of StatefulSet " + name + " answered HTTP " + code);
            }
            Long at = watch.awaitAdded(name + "-0", t0 + 60_000_000_000L);
            if (at == null) {
                throw new IllegalStateException("no ADDED event for " + name + "-0 within 60 s");
            }
            return at - t0;
        }
    }

    /** As a Java program would: a watch for the one pod through java.net.http, its lines read as Strings. */
    private static long reactionThroughJavaNetHttp(Client c, String name) throws Exception {
        HttpResponse<Stream<String>> w = c.watch("/api/v1/namespaces/" + FLEET_NS
                + "/pods?watch=true&timeoutSeconds=60&fieldSelector=metadata.name%3D" + name + "-0");
        long t0 = System.nanoTime();
        c.create("/apis/apps/v1/namespaces/" + FLEET_NS + "/statefulsets", Client.statefulSet(name), false);
        try (Stream<String> lines = w.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                if (it.next().contains("\"type\":\"ADDED\"")) {
                    return System.nanoTime() - t0;
                }
            }
        }
        throw new IllegalStateException("no ADDED event for " + name + "-0 within 60 s");
    }

    // ------------------------------------------------------------------ bare pods, settling

    private void topUp(String ns, int n, String what) throws Exception {
        if (n <= 0) {
            return;
        }
        Client c = current.client;
        c.namespace(ns);
        String path = "/api/v1/namespaces/" + ns + "/pods";
        int offset = pods(path).size();
        long t0 = System.nanoTime();
        Client.batch(n, options.clients, i -> c.create(path, Client.barePod("p-" + (offset + i)), false));
        say("%s: %d bare pods POSTed in %.1f s", what, n, (System.nanoTime() - t0) / 1e9);
    }

    /** Waits (at most the settle time) until every pod is Ready, then 5 s more, so the idle phase starts idle. */
    private void settle() throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + options.settleSeconds * 1_000_000_000L;
        List<JsonNode> pods = pods("/api/v1/pods");
        while (pods.stream().anyMatch(p -> !Client.ready(p)) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            pods = pods("/api/v1/pods");
        }
        long ready = pods.stream().filter(Client::ready).count();
        say("settled after %.1f s: %d of %d pods Ready", (System.nanoTime() - t0) / 1e9, ready, pods.size());
        figures.put("pods standing (Ready)", String.format(Locale.ROOT, "%,d (%,d)", pods.size(), ready));
        Thread.sleep(5000);
    }

    // ------------------------------------------------------------------ API, idle, memory

    /**
     * Waits (up to a minute) until the instance has finished the work the phases before left it, so that reactions
     * and the API are measured on a standing cluster: the JVM below a fifth of a core over a second. A top-up of
     * thousands of pods keeps the controllers busy for several seconds after the pods report Ready.
     */
    private void awaitQuiet() throws Exception {
        long t0 = System.nanoTime();
        List<Long> jvm = List.of(current.pid());
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            var before = Instance.cpuTicks(jvm);
            Thread.sleep(1000);
            if (Instance.cpuPercent(before, Instance.cpuTicks(jvm), 1.0) < 20) {
                break;
            }
        }
        say("quiet after %.1f s", (System.nanoTime() - t0) / 1e9);
    }

    private void api() throws Exception {
        awaitQuiet();
        Client c = current.client;
        // The fleet's pods, or the bare ones when the fleet phase did not run.
        String ns = pods("/api/v1/namespaces/" + FLEET_NS + "/pods").isEmpty() ? BARE_NS : FLEET_NS;
        List<String> names = pods("/api/v1/namespaces/" + ns + "/pods").stream()
                .map(p -> p.path("metadata").path("name").asString()).toList();
        String one = "/api/v1/namespaces/" + ns + "/pods/";
        int all = pods("/api/v1/pods").size();
        // The figures: a minimal kept-alive client that reads each answer to its last byte (the server's latency),
        // after a warm-up long enough for the JIT to have compiled the path (the first thousands of requests of a
        // fresh JVM are several times slower). On two cores the compiler threads were still busy after the first
        // 10,000 GETs and took the cores from the requests, so the GET figure is measured after 70,000, over 20,000;
        // the earlier method's figure (4,000 GETs after 6,000) is kept as a row to compare.
        java.util.Queue<KeepAliveClient> opened = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ThreadLocal<KeepAliveClient> conn = ThreadLocal.withInitial(() -> {
            KeepAliveClient k = new KeepAliveClient(current.port);
            opened.add(k);
            return k;
        });
        try {
            Client.batch(6000, options.clients, i -> ok(conn.get().get(one + names.get(i % names.size()))));
            long[] early = Client.batch(4000, options.clients,
                    i -> ok(conn.get().get(one + names.get((i * 7919) % names.size()))));
            Client.batch(60_000, options.clients, i -> ok(conn.get().get(one + names.get(i % names.size()))));
            long[] get = Client.batch(20_000, options.clients,
                    i -> ok(conn.get().get(one + names.get((i * 7919) % names.size()))));
            Client.batch(40, options.clients, i -> ok(conn.get().get("/api/v1/pods")));
            long[] list = Client.batch(80, options.clients, i -> ok(conn.get().get("/api/v1/pods")));
            figure("GET one pod p99, 8 clients (ms)", "%.1f", Client.percentileMs(get, 99));
            figure("  GET p99 after 6,000 GETs, over 4,000 (ms)", "%.1f", Client.percentileMs(early, 99));
            figure(String.format(Locale.ROOT, "LIST all %,d pods p99, 8 clients (ms)", all), "%.0f",
                    Client.percentileMs(list, 99));
            say("GET p50 %.2f, p90 %.2f, p99.9 %.2f ms; LIST p50 %.0f ms", Client.percentileMs(get, 50),
                    Client.percentileMs(get, 90), Client.percentileMs(get, 99.9), Client.percentileMs(list, 50));
        } finally {
            opened.forEach(KeepAliveClient::close);
        }
        // The earlier method, kept for comparison: java.net.http, each answer decoded into a String.
        long[] get = Client.batch(2000, options.clients, i -> ok(c.get(one + names.get((i * 7919) % names.size()))));
        long[] list = Client.batch(80, options.clients, i -> ok(c.get("/api/v1/pods")));
        figure("  GET p99, java.net.http + String (ms)", "%.1f", Client.percentileMs(get, 99));
        figure("  LIST p99, java.net.http + String (ms)", "%.0f", Client.percentileMs(list, 99));
    }

    private void idle() throws Exception {
        // Right after the phases before it the JIT compilers are still at work on what those phases made hot: the
        // earlier method's figure, kept as a row. The idle figure itself is measured once they have settled.
        figure("  idle CPU, JVM, first 30 s after the phases before (%)", "%.1f", idleWindow(30)[0]);
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofSeconds(120).toNanos();
        for (long before = Instance.compilerTicks(current.pid()); System.nanoTime() < deadline; ) {
            Thread.sleep(5000);
            long now = Instance.compilerTicks(current.pid());
            // At most 2 ticks (20 ms) in 5 s: the compilers at under half a percent of a core.
            if (now - before <= 2) {
                break;
            }
            before = now;
        }
        say("JIT compilers settled after a further %.0f s", (System.nanoTime() - t0) / 1e9);
        long sampler = Instance.perfDataSamplerTicks(current.pid());
        double[] pct = idleWindow(options.idleSeconds);
        figure("idle CPU, JVM (% of a core)", "%.1f", pct[0]);
        // HotSpot's own housekeeping, not Ordinal's: -XX:-UsePerfData removes it (README, "A quieter idle JVM").
        figure("  of which HotSpot's perf-data sampler (% of a core)", "%.1f",
                Instance.percentOfCore(Instance.perfDataSamplerTicks(current.pid()) - sampler, options.idleSeconds));
        figure("idle CPU, PostgreSQL (% of a core)", "%.1f", pct[1]);
        // What else ran meanwhile (other builds on a shared machine): a noise figure, not Ordinal's.
        figure("  other processes meanwhile (% of a core)", "%.0f", pct[2]);
    }

    /** CPU of the JVM, of PostgreSQL and of everything else over {@code seconds}, each in % of one core. */
    private double[] idleWindow(int seconds) throws Exception {
        List<Long> jvm = List.of(current.pid());
        List<Long> pg = current.postgresPids();
        var jvm0 = Instance.cpuTicks(jvm);
        var pg0 = Instance.cpuTicks(pg);
        long busy0 = Instance.machineBusyTicks();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long busy = Instance.machineBusyTicks() - busy0;
        pg = current.postgresPids();
        double jvmPct = Instance.cpuPercent(jvm0, Instance.cpuTicks(jvm), elapsed);
        double pgPct = Instance.cpuPercent(pg0, Instance.cpuTicks(pg), elapsed);
        return new double[] {jvmPct, pgPct, 100.0 * busy / 100 / elapsed - jvmPct - pgPct};
    }

    private void memory(String what, int count) throws Exception {
        figure("heap after GC, " + what + " (MiB)", "%d", current.heapAfterGcMib());
        figure("JVM RSS, " + what + " (MiB)", "%d", current.rssMib());
        say("memory measured with %,d pods", count);
    }

    // ------------------------------------------------------------------ helpers

    private List<JsonNode> pods(String path) {
        return current.client.list(path);
    }

    private static void ok(int code) {
        if (code != 200) {
            throw new IllegalStateException("answered HTTP " + code);
        }
    }

    private static void sql(Instance inst, String statement) throws Exception {
        try (Connection c = inst.database(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The machine's 1, 5 and 15 minute load averages: how busy the shared cores were. */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private void figure(String row, String format, Object value) {
        figures.put(row, String.format(Locale.ROOT, format, value));
    }

    private void say(String format, Object... args) {
        System.out.println("[" + label + "] " + String.format(Locale.ROOT, format, args));
    }
}
