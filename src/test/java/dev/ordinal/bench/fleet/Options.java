package dev.ordinal.bench.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Command-line options of {@link FleetBenchmark}; see {@link #USAGE}. */
final class Options {
    static final String USAGE = """
            usage: FleetBenchmark [options] JAR...
              --sizes 100,300,1000      fleet sizes (StatefulSets of 3 replicas), each on a fresh instance
              --timeout 300             seconds a fleet may take; a slower one is reported as >timeout and the
                                        larger sizes are skipped; later phases use the last converged fleet
              --phases fleet,reaction,api,idle,memory,bulk
                                        bulk creates bare pods up to --bulk, measures memory, then restarts the jar
                                        on the same data and measures start-up with them stored
              --reactions 30            StatefulSets for the reaction figure (after 3 not counted)
              --idle 60                 seconds of the idle CPU measurement
              --settle 300              seconds to wait for every pod Ready before the API, idle and memory phases
              --bulk 30000              pods for the bulk phase
              --clients 8               client threads
              --pgss                    enable pg_stat_statements and print the top 10 queries after each fleet
              --observe watch|list      how the fleet phase follows pods and claims: watches (default), or
                                        both lists in full twice a second (as the earlier passes measured)
              --work DIR                data directories and logs (default target/bench-fleet)
              --warm-up 300             StatefulSets of an unmeasured fleet on a throwaway instance of the first
                                        jar, so that the benchmark's own client code is compiled before the first
                                        jar is measured (0: none)
            """;

    List<Integer> sizes = List.of(100, 300, 1000);
    Set<String> phases = new TreeSet<>(List.of("fleet", "reaction", "api", "idle", "memory", "bulk"));
    int timeoutSeconds = 300;
    int reactions = 30;
    int idleSeconds = 60;
    int settleSeconds = 300;
    int bulk = 30_000;
    int clients = 8;
    boolean pgss;
    /** Whether the fleet phase lists pods and claims twice a second (as before) instead of watching them. */
    boolean observeByList;
    Path work = Path.of("target/bench-fleet");
    int warmUp = 300;
    final List<Path> jars = new ArrayList<>();

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--sizes" -> o.sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--phases" -> o.phases = new TreeSet<>(List.of(args[++i].split(",")));
                case "--timeout" -> o.timeoutSeconds = Integer.parseInt(args[++i]);
                case "--reactions" -> o.reactions = Integer.parseInt(args[++i]);
                case "--idle" -> o.idleSeconds = Integer.parseInt(args[++i]);
                case "--settle" -> o.settleSeconds = Integer.parseInt(args[++i]);
                case "--bulk" -> o.bulk = Integer.parseInt(args[++i]);
                case "--clients" -> o.clients = Integer.parseInt(args[++i]);
                case "--pgss" -> o.pgss = true;
                case "--observe" -> o.observeByList = "list".equals(args[++i]);
                case "--work" -> o.work = Path.of(args[++i]);
                case "--warm-up" -> o.warmUp = Integer.parseInt(args[++i]);
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
                    }
                    o.jars.add(Path.of(a));
                }
            }
        }
        if (o.jars.isEmpty()) {
            throw new IllegalArgumentException("no jar given\n" + USAGE);
        }
        return o;
    }

    /** These options for the unmeasured warm-up: one fleet of {@link #warmUp} sets, in a directory of its own. */
    Options forWarmUp() {
        Options o = new Options();
        o.sizes = List.of(warmUp);
        o.phases = new TreeSet<>(List.of("fleet"));
        o.timeoutSeconds = timeoutSeconds;
        o.clients = clients;
        o.work = work.resolve("warm-up");
        return o;
    }

    boolean has(String phase) {
        return phases.contains(phase);
    }
}
