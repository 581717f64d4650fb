package dev.ordinal.bench.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 10's benchmark: for each jar given, a separate {@code java -jar} process on a fresh embedded PostgreSQL with
 * zero simulated delays, driven over HTTP; prints a figure table comparing the jars. It prints, never asserts.
 * Run it through {@code scripts/bench-fleet.sh}; options in {@link Options#USAGE}.
 */
public final class FleetBenchmark {
    /** The targets, by the start of a figure's row label. */
    private static final Map<String, String> TARGETS = Map.of(
            "start-up, fresh", "<= 10",
            "fleet 300 x 3", "<= 18",
            "fleet 1,000 x 3", "<= 60",
            "reaction p50", "<= 20",
            "idle CPU, JVM", "<= 2",
            "idle CPU, PostgreSQL", "<= 2",
            "heap after GC, 30,000 pods", "<= 512",
            "GET one pod p99", "<= 5",
            "LIST all", "<= 150 (3,000)");

    private FleetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.warmUp > 0 && options.has("fleet") && Files.isRegularFile(options.jars.get(0))) {
            // The first jar measured would otherwise share the two cores with this JVM's JIT compiling its own
            // client and watch code, which the later jars never do: it converged its fleets seconds slower.
            Options warm = options.forWarmUp();
            JarRun warmUp = new JarRun(options.jars.get(0).toAbsolutePath(), warm.work.toAbsolutePath(), warm);
            warmUp.run();
            System.out.println("[warm-up] unmeasured fleet of " + options.warmUp + " sets: "
                    + warmUp.figures.getOrDefault(JarRun.fleetRow(options.warmUp), "?") + " s");
        }
        List<JarRun> runs = new ArrayList<>();
        for (Path jar : options.jars) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no such jar: " + jar);
            }
            JarRun run = new JarRun(jar.toAbsolutePath(), options.work.toAbsolutePath(), options);
            runs.add(run);
            try {
                run.run();
            } catch (Exception e) {
                System.out.println("[" + run.label + "] FAILED: " + e);
                e.printStackTrace(System.out);
                run.figures.put("error", e.getMessage());
            }
        }
        print(options, runs);
    }

    private static void print(Options options, List<JarRun> runs) {
        Set<String> rows = new LinkedHashSet<>();
        runs.forEach(r -> rows.addAll(r.figures.keySet()));
        int width = rows.stream().mapToInt(String::length).max().orElse(10);
        StringBuilder header = new StringBuilder(String.format("%-" + width + "s | %-14s", "figure", "target"));
        runs.forEach(r -> header.append(String.format(" | %-20s", r.label)));
        System.out.println();
        System.out.println("==================== ORDINAL FLEET BENCHMARK (issue 10) ====================");
        System.out.println(Runtime.getRuntime().availableProcessors() + " cpus (shared with anything else running), "
                + "java " + System.getProperty("java.version") + ", phases " + options.phases + ", sizes "
                + options.sizes + ", timeout " + options.timeoutSeconds + " s, " + options.clients + " clients");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (String row : rows) {
            String target = TARGETS.entrySet().stream().filter(e -> row.startsWith(e.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            StringBuilder line = new StringBuilder(String.format("%-" + width + "s | %-14s", row, target));
            runs.forEach(r -> line.append(String.format(" | %-20s", r.figures.getOrDefault(row, "-"))));
            System.out.println(line);
        }
        for (JarRun r : runs) {
            if (!r.topQueries.isEmpty()) {
                System.out.println();
                System.out.println(r.label + ": " + String.join("\n", r.topQueries));
            }
        }
        System.out.println("=============================================================================");
    }
}
