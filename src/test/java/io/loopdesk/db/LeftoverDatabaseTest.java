package io.loopdesk.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database left running on the data directory by an earlier run, and one still in use. */
class LeftoverDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aDatabaseWhoseServerStillRunsIsNamedAndLeftAlone() {
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir)) {
            ProcessHandle running = databaseOf(ProcessHandle.current());

            assertThatThrownBy(() -> EmbeddedMariaDb.start(dataDir))
                    .hasMessageContaining("in use")
                    .hasMessageContaining("pid " + running.pid());
            assertThat(running.isAlive()).isTrue();
        }
    }

    @Test
    void aDatabaseAKilledServerLeftBehindIsStoppedAndTheDataIsKept() throws Exception {
        List<String> command;
        try (EmbeddedMariaDb first = EmbeddedMariaDb.start(dataDir)) {
            try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "root", "")) {
                c.createStatement().execute("CREATE TABLE kept (id INT PRIMARY KEY)");
                c.createStatement().execute("INSERT INTO kept VALUES (7)");
            }
            ProcessHandle database = databaseOf(ProcessHandle.current());
            command = new ArrayList<>();
            command.add(database.info().command().orElseThrow());
            command.addAll(List.of(database.info().arguments().orElseThrow()));
        }
        ProcessHandle orphan = startOrphaned(command);
        try {
            assertThat(orphan.parent().flatMap(p -> p.info().command()).orElse(""))
                    .doesNotEndWith("/java");

            try (EmbeddedMariaDb second = EmbeddedMariaDb.start(dataDir);
                 Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "")) {
                assertThat(orphan.isAlive()).isFalse();
                var kept = c.createStatement().executeQuery("SELECT id FROM kept");
                assertThat(kept.next()).isTrue();
                assertThat(kept.getInt(1)).isEqualTo(7);
            }
        } finally {
            // Whatever happened above, the orphan this test made does not outlive it.
            orphan.destroyForcibly();
        }
    }

    /** This test's database: the suite's own server runs others beside it. */
    private ProcessHandle databaseOf(ProcessHandle parent) {
        String mine = dataDir.resolve("mariadb").toString();
        return parent.children()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd")).orElse(false))
                .filter(p -> p.info().arguments().map(args -> List.of(args).stream()
                        .anyMatch(arg -> arg.startsWith("--datadir=") && arg.endsWith(mine)))
                        .orElse(false))
                .findFirst().orElseThrow();
    }

    /** Starts the command from a shell that exits at once, as a killed server leaves it. */
    private ProcessHandle startOrphaned(List<String> command) throws Exception {
        StringBuilder line = new StringBuilder();
        for (String part : command) {
            line.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        Path pidFile = Files.createTempFile("leftover", ".pid");
        new ProcessBuilder("sh", "-c", line + ">/dev/null 2>&1 & echo $! > '" + pidFile + "'")
                .start().waitFor();
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle orphan = ProcessHandle.of(pid).orElseThrow();
        int port = command.stream().filter(arg -> arg.startsWith("--port="))
                .map(arg -> Integer.parseInt(arg.substring("--port=".length())))
                .findFirst().orElseThrow();
        // Serving, so holding the data directory's locks, as a leftover does.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try {
            while (!accepts(port)) {
                assertThat(System.nanoTime()).as("the orphan serves").isLessThan(deadline);
                assertThat(orphan.isAlive()).as("the orphan runs").isTrue();
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        } catch (AssertionError e) {
            orphan.destroyForcibly();
            throw e;
        }
        return orphan;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
