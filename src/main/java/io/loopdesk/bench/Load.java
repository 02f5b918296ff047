package io.loopdesk.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: a fixed number of clients, each doing one call after another for a warm-up
 * (not recorded) and then a measured period. Each client records into its own histogram, so the
 * clients never contend with each other while measuring; the histograms are merged at the end.
 */
final class Load {

    /** What one call came to. */
    enum Outcome {
        /** Did what was asked: counted in the throughput. */
        OK,
        /** Refused as the product should refuse it (a lost claim race): timed, not an error. */
        REFUSED,
        /** Failed: counted as an error. */
        ERROR,
        /** There is no more work for this client: it stops. */
        DONE
    }

    /** One client's work; a new one per client thread. */
    interface Client extends AutoCloseable {

        Outcome call() throws Exception;

        /** The server's own time for the last call in milliseconds, or -1 when unknown. */
        default double lastServerMillis() {
            return -1;
        }

        /** What went wrong in the last call that came to {@link Outcome#ERROR}. */
        default String lastProblem() {
            return "error";
        }

        @Override
        default void close() {
        }
    }

    /** The measured part of a load. */
    record Result(long ok, long refused, long errors, double seconds, Histogram latency,
                  Histogram serverTime, String firstError, Map<String, Double> cpuMs,
                  double otherCores) {

        double throughput() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        /** CPU milliseconds per measured call, per watched process. */
        Map<String, Double> cpuPerCall() {
            long calls = ok + refused + errors;
            Map<String, Double> per = new LinkedHashMap<>();
            cpuMs.forEach((name, ms) -> per.put(name, calls == 0 ? Double.NaN : ms / calls));
            return per;
        }
    }

    private Load() {
    }

    static Result run(int clients, Duration warmUp, Duration measured,
                      IntFunction<Client> factory) {
        return run(clients, warmUp, measured, new CpuMeter(), factory);
    }

    /** As above, with {@code cpu} started when the measured period begins. */
    static Result run(int clients, Duration warmUp, Duration measured, CpuMeter cpu,
                      IntFunction<Client> factory) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(new Worker(factory.apply(i), measureFrom, measureUntil));
        }
        Thread meter = new Thread(() -> {
            long wait = measureFrom - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            cpu.start();
        }, "bench-cpu");
        meter.setDaemon(true);
        meter.start();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Thread thread = new Thread(workers.get(i), "bench-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
            meter.interrupt();
            meter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for load clients", e);
        }
        cpu.stop();
        return merge(workers, measureFrom, measureUntil, cpu);
    }

    private static Result merge(List<Worker> workers, long measureFrom, long measureUntil,
                                CpuMeter cpu) {
        Histogram latency = newHistogram();
        Histogram server = newHistogram();
        long ok = 0;
        long refused = 0;
        long errors = 0;
        long lastEnd = measureFrom;
        String firstError = null;
        boolean allDone = true;
        for (Worker w : workers) {
            latency.add(w.latency);
            server.add(w.server);
            ok += w.ok;
            refused += w.refused;
            errors += w.errors;
            lastEnd = Math.max(lastEnd, w.lastEnd);
            allDone &= w.ranOut;
            if (firstError == null) {
                firstError = w.firstError;
            }
        }
        // When every client ran out of work early, the measured period ended with the last call.
        long end = allDone ? Math.min(lastEnd, measureUntil) : measureUntil;
        return new Result(ok, refused, errors, (end - measureFrom) / 1e9, latency, server,
                firstError, cpu.spent(), cpu.otherCores());
    }

    static Histogram newHistogram() {
        return new Histogram(Duration.ofMinutes(5).toNanos(), 3);
    }

    private static final class Worker implements Runnable {

        private final Client client;
        private final long measureFrom;
        private final long measureUntil;
        private final Histogram latency = newHistogram();
        private final Histogram server = newHistogram();
        private long ok;
        private long refused;
        private long errors;
        private long lastEnd;
        private boolean ranOut;
        private String firstError;

        Worker(Client client, long measureFrom, long measureUntil) {
            this.client = client;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            try (client) {
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= measureUntil) {
                        return;
                    }
                    Outcome outcome;
                    try {
                        outcome = client.call();
                        if (outcome == Outcome.ERROR && firstError == null) {
                            firstError = client.lastProblem();
                        }
                    } catch (Exception e) {
                        outcome = Outcome.ERROR;
                        if (firstError == null) {
                            firstError = e.toString();
                        }
                    }
                    long end = System.nanoTime();
                    if (outcome == Outcome.DONE) {
                        ranOut = true;
                        return;
                    }
                    if (begin >= measureFrom) {
                        record(outcome, end - begin);
                    }
                }
            }
        }

        private void record(Outcome outcome, long nanos) {
            latency.recordValue(nanos);
            double serverMillis = client.lastServerMillis();
            if (serverMillis >= 0) {
                server.recordValue(Math.round(serverMillis * 1_000_000));
            }
            lastEnd = System.nanoTime();
            switch (outcome) {
                case OK -> ok++;
                case REFUSED -> refused++;
                default -> errors++;
            }
        }
    }
}
