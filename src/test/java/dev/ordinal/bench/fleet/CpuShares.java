package dev.ordinal.bench.fleet;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU goes over a phase: Ordinal's JVM (and, of it, its JIT compiler threads), its PostgreSQL,
 * this benchmark's own JVM (its clients and watchers), and the whole machine, in CPU seconds from /proc. On two shared
 * cores the fleets are CPU-bound, so this tells whose work a figure measures.
 */
final class CpuShares {
    private final Instance inst;
    private final long selfPid = ProcessHandle.current().pid();
    private final Map<Long, Long> jvm;
    private final long jit;
    private final Map<Long, Long> postgres;
    private final Map<Long, Long> self;
    private final long machine;

    CpuShares(Instance inst) throws IOException {
        this.inst = inst;
        this.jvm = Instance.cpuTicks(List.of(inst.pid()));
        this.jit = Instance.compilerTicks(inst.pid());
        this.postgres = Instance.cpuTicks(inst.postgresPids());
        this.self = Instance.cpuTicks(List.of(selfPid));
        this.machine = Instance.machineBusyTicks();
    }

    /** The CPU seconds each used since this was made, as "Ordinal (JIT) / PostgreSQL / client / machine". */
    String since() throws IOException {
        // PostgreSQL backends that started meanwhile count from zero; those that ended are lost to the figure.
        return String.format(Locale.ROOT, "%.1f (%.1f) / %.1f / %.1f / %.1f",
                seconds(Instance.ticksBetween(jvm, Instance.cpuTicks(List.of(inst.pid())))),
                seconds(Instance.compilerTicks(inst.pid()) - jit),
                seconds(Instance.ticksBetween(postgres, Instance.cpuTicks(inst.postgresPids()))),
                seconds(Instance.ticksBetween(self, Instance.cpuTicks(List.of(selfPid)))),
                seconds(Instance.machineBusyTicks() - machine));
    }

    private static double seconds(long ticks) {
        return ticks / (double) Instance.CLOCK_TICKS_PER_SECOND;
    }
}
