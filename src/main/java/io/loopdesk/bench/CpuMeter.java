package io.loopdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time the processes of a run spend during a measured period, from
 * {@code /proc/<pid>/stat}. On a shared machine wall-clock numbers move with the neighbours'
 * load; CPU time per call does not, and shows where the machine's two cores go.
 */
final class CpuMeter {

    /** Linux reports utime and stime in clock ticks of 1/100 s on every common kernel. */
    private static final double MS_PER_TICK = 10.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private final Map<String, Double> spentMs = new LinkedHashMap<>();
    private static final String MACHINE = " machine";
    private long startedNanos;
    private double others = Double.NaN;

    CpuMeter watch(String name, long pid) {
        if (pid > 0) {
            pids.put(name, pid);
        }
        return this;
    }

    void start() {
        spentMs.clear();
        pids.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
        startTicks.put(MACHINE, machineTicks());
        startedNanos = System.nanoTime();
    }

    void stop() {
        pids.forEach((name, pid) -> {
            Long began = startTicks.get(name);
            long now = ticks(pid);
            if (began != null && began >= 0 && now >= 0) {
                spentMs.put(name, (now - began) * MS_PER_TICK);
            }
        });
        long machine = machineTicks();
        Long began = startTicks.get(MACHINE);
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        if (began != null && began >= 0 && machine >= 0 && seconds > 0) {
            double ours = spentMs.values().stream().mapToDouble(Double::doubleValue).sum();
            others = Math.max(0, ((machine - began) * MS_PER_TICK - ours) / 1000 / seconds);
        }
    }

    /**
     * Cores' worth of CPU that processes other than the watched ones used while measuring: how
     * busy the rest of the machine was. Without the database watched it counts in here.
     */
    double otherCores() {
        return others;
    }

    /** Busy time of all cores together, from the first line of {@code /proc/stat}. */
    private static long machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // user nice system idle iowait irq softirq steal: all but idle and iowait are busy
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                    + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Milliseconds of CPU each watched process spent between start and stop. */
    Map<String, Double> spent() {
        return Map.copyOf(spentMs);
    }

    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The embedded database server started by this JVM, if it runs on this machine. */
    static long databasePid() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }
}
