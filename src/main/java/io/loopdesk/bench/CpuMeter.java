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

    CpuMeter watch(String name, long pid) {
        if (pid > 0) {
            pids.put(name, pid);
        }
        return this;
    }

    void start() {
        spentMs.clear();
        pids.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
    }

    void stop() {
        pids.forEach((name, pid) -> {
            Long began = startTicks.get(name);
            long now = ticks(pid);
            if (began != null && began >= 0 && now >= 0) {
                spentMs.put(name, (now - began) * MS_PER_TICK);
            }
        });
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
