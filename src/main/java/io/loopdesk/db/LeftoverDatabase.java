package io.loopdesk.db;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database of an earlier run that is still running on our data directory. A server
 * killed outright (SIGKILL, the OOM killer, a power-cut container) cannot stop its database
 * first; that database keeps the data directory locked and a new one cannot start on it. One
 * whose server is gone is stopped here; one whose server still runs is left alone and named.
 */
final class LeftoverDatabase {

    private static final Logger log = LoggerFactory.getLogger(LeftoverDatabase.class);
    private static final Duration CLEAN_STOP = Duration.ofSeconds(60);

    private LeftoverDatabase() {
    }

    /** Stops an orphaned server on {@code dataDir}; refuses to start beside a live one. */
    static void clear(Path dataDir) {
        Path wanted = dataDir.toAbsolutePath().normalize();
        for (ProcessHandle leftover : runningOn(wanted)) {
            Optional<ProcessHandle> owner = leftover.parent().filter(LeftoverDatabase::isJava);
            if (owner.isPresent()) {
                throw new IllegalStateException("The data directory " + dataDir + " is in use"
                        + " by the embedded database (pid " + leftover.pid() + ") of another"
                        + " running Loopdesk (pid " + owner.get().pid() + "); stop that one"
                        + " first or use another DATA_DIR");
            }
            log.warn("stopping the embedded database an earlier run left running pid={} "
                    + "data_dir={}", leftover.pid(), wanted);
            stop(leftover);
        }
    }

    private static List<ProcessHandle> runningOn(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).stream()
                        .anyMatch(arg -> namesDataDir(arg, dataDir))).orElse(false))
                .toList();
    }

    private static boolean namesDataDir(String arg, Path dataDir) {
        if (!arg.startsWith("--datadir=")) {
            return false;
        }
        try {
            return Path.of(arg.substring("--datadir=".length())).toAbsolutePath().normalize()
                    .equals(dataDir);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    /** SIGTERM, which lets InnoDB shut down cleanly; SIGKILL only when that takes too long. */
    private static void stop(ProcessHandle leftover) {
        leftover.destroy();
        try {
            leftover.onExit().get(CLEAN_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("embedded database did not stop within {} s, killing it pid={}",
                    CLEAN_STOP.toSeconds(), leftover.pid());
            leftover.destroyForcibly();
            leftover.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a leftover database", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not stop a leftover database", e);
        }
    }
}
