package dev.ordinal.bench.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code java -jar} Ordinal process on its own embedded PostgreSQL data directory, with every simulated delay at
 * zero, and what the benchmark reads about it from /proc, jcmd and its PostgreSQL.
 */
final class Instance implements AutoCloseable {
    static final long CLOCK_TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux x86-64

    final Path dataDir;
    final int port;
    final Client client;
    /** Seconds from process start to the first answered {@code GET /version}. */
    final double startupSeconds;
    private final Process process;

    private Instance(Path dataDir, int port, Process process, double startupSeconds) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
        this.startupSeconds = startupSeconds;
        this.client = new Client(port);
    }

    /** Starts the jar on {@code dataDir} (kept if it exists) and waits until {@code /version} answers 200. */
    static Instance start(Path jar, Path dataDir, Path log) throws Exception {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "-jar", jar.toString(), "--server.port=" + port,
                "--ordinal.embedded-postgres.data-dir=" + dataDir,
                "--ordinal.simulation.start-seconds=0", "--ordinal.simulation.ready-seconds=0",
                "--ordinal.simulation.termination-grace-seconds=0");
        Files.createDirectories(log.getParent());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Client c = new Client(port);
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the jar exited with " + p.exitValue() + " during start-up; see " + log);
            }
            try {
                if (c.get("/version") == 200) {
                    return new Instance(dataDir, port, p, (System.nanoTime() - t0) / 1e9);
                }
            } catch (IllegalStateException notYet) {
                // Connection refused until Tomcat listens.
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("no answer from /version within 5 minutes; see " + log);
    }

    long pid() {
        return process.pid();
    }

    /** The postmaster and its children, found through the data directory's postmaster.pid. */
    List<Long> postgresPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        long postmaster = Long.parseLong(postmasterPid().get(0).trim());
        pids.add(postmaster);
        ProcessHandle.of(postmaster).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    private List<String> postmasterPid() throws IOException {
        return Files.readAllLines(dataDir.resolve("postmaster.pid"));
    }

    /** A JDBC connection to the embedded server, as its superuser, with the password kept beside its data directory. */
    Connection database() throws IOException, SQLException {
        int pgPort = Integer.parseInt(postmasterPid().get(3).trim());
        String password = Files.readString(dataDir.resolveSibling(dataDir.getFileName() + ".password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", password);
    }

    /** utime + stime of each process, in clock ticks. */
    static Map<Long, Long> cpuTicks(List<Long> pids) {
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids) {
            try {
                ticks.put(pid, ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat"))));
            } catch (IOException | RuntimeException gone) {
                // The process ended; its ticks are lost to the measurement.
            }
        }
        return ticks;
    }

    /** Clock ticks the JIT compiler threads of process {@code pid} have used, from /proc/&lt;pid&gt;/task. */
    static long compilerTicks(long pid) {
        return threadTicks(pid, "CompilerThre");
    }

    /**
     * Clock ticks HotSpot's performance-data sampler (the {@code VM Periodic Task} thread, which updates the counters
     * {@code jstat} reads every 50 ms) of process {@code pid} has used.
     */
    static long perfDataSamplerTicks(long pid) {
        return threadTicks(pid, "VM Periodic Tas");
    }

    /** Clock ticks the threads of process {@code pid} whose name contains {@code name} have used. */
    private static long threadTicks(long pid, String name) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).contains(name)) {
                        continue;
                    }
                    ticks += ticksOf(Files.readString(task.resolve("stat")));
                } catch (IOException | RuntimeException gone) {
                    // A thread that ended (HotSpot stops idle compiler threads): its ticks are not counted.
                }
            }
        } catch (IOException gone) {
            // The process ended.
        }
        return ticks;
    }

    /** utime + stime, in clock ticks, of a process's or thread's {@code stat} line (fields 14 and 15 of proc(5)). */
    private static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Busy clock ticks of the whole machine (all cores) from /proc/stat: everything but idle and iowait. */
    static long machineBusyTicks() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            busy += (i == 4 || i == 5) ? 0 : Long.parseLong(f[i]); // user nice system idle iowait irq softirq steal
        }
        return busy;
    }

    /** CPU used between two samples, as a percentage of one core over {@code seconds}. */
    static double cpuPercent(Map<Long, Long> before, Map<Long, Long> after, double seconds) {
        return percentOfCore(ticksBetween(before, after), seconds);
    }

    /** Clock ticks used between two samples; a process that started in between counts from zero. */
    static long ticksBetween(Map<Long, Long> before, Map<Long, Long> after) {
        long ticks = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ticks += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return ticks;
    }

    /** {@code ticks} used over {@code seconds}, as a percentage of one core. */
    static double percentOfCore(long ticks, double seconds) {
        return 100.0 * ticks / CLOCK_TICKS_PER_SECOND / seconds;
    }

    /** Resident set in MiB from /proc/&lt;pid&gt;/status. */
    long rssMib() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
            }
        }
        return -1;
    }

    /** Heap used after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in MiB. */
    long heapAfterGcMib() throws Exception {
        jcmd("GC.run");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) >> 10 : -1;
    }

    private String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /** Stops the jar as a user would (SIGTERM, so it stops its PostgreSQL); kills both if it does not within 60 s. */
    @Override
    public void close() throws Exception {
        List<Long> pg = new ArrayList<>();
        try {
            pg = postgresPids();
        } catch (IOException | RuntimeException none) {
            // No server running.
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            pg.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        }
        for (long pid : pg) {
            try {
                ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            } catch (RuntimeException stillRunning) {
                System.out.println("PostgreSQL process " + pid + " still runs 30 s after its jar stopped");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
