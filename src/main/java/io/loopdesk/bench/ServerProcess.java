package io.loopdesk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started from this JVM's own class path (the shaded jar, or the test class path),
 * with its output going to a log file. Closing it asks it to shut down, waits, and then kills it
 * and anything it started.
 */
public final class ServerProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code PORT} set to a free port and the given environment
     * added to this process's own.
     */
    public static ServerProcess start(String name, String mainClass, List<String> jvmOptions,
                                      Map<String, String> env, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        try {
            return new ServerProcess(name, builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code path} answers 200; fails at once, with the log's tail, if it died. */
    public void awaitHealthy(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " while starting:\n" + logTail(40));
            }
            try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
                if (connection.send("GET", path, Map.of(), null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            pause(100);
        }
        throw new IllegalStateException(name + " did not become healthy within " + timeout
                + ":\n" + logTail(40));
    }

    /** Resident memory of this process alone in KiB, from {@code /proc/<pid>/status}. */
    public long residentKib() {
        try {
            Path status = Path.of("/proc", Long.toString(pid()), "status");
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills it at once, as a crash would. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!waitFor(Duration.ofSeconds(15))) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
