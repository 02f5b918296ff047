package io.loopdesk.scale;

import io.loopdesk.Settings;
import io.loopdesk.bench.ServerProcess;
import io.loopdesk.db.Database;
import io.loopdesk.db.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One MariaDB and several Loopdesk server JVMs on it, as an operator would run them behind a
 * load balancer; plus a connection pool of its own for the test to arrange and inspect data.
 * Closing it kills the servers and stops the database, whatever state they are in.
 */
final class Cluster implements AutoCloseable {

    private final Path dir;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<ServerProcess> servers = new ArrayList<>();
    private Database database;

    private Cluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the database and {@code count} servers at once, and waits for all to be healthy. */
    static Cluster start(int count, Map<String, String> env) {
        Cluster cluster;
        try {
            cluster = new Cluster(Files.createTempDirectory("loopdesk-cluster-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            cluster.boot(count, env);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void boot(int count, Map<String, String> extraEnv) {
        EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(dir.resolve("db"));
        started.push(mariaDb);
        for (int i = 1; i <= count; i++) {
            Map<String, String> env = new HashMap<>(extraEnv);
            env.put("DB_URL", mariaDb.jdbcUrl());
            env.put("DB_USER", "root");
            env.put("DB_PASSWORD", "");
            env.put("DATA_DIR", dir.resolve("server-" + i).toString());
            ServerProcess server = ServerProcess.start("server-" + i, "io.loopdesk.Main",
                    List.of("-Xmx256m"), env, dir.resolve("server-" + i + ".log"));
            started.push(server);
            servers.add(server);
        }
        for (ServerProcess server : servers) {
            server.awaitHealthy("/v1/health", Duration.ofSeconds(90));
        }
        database = Database.open(Settings.fromEnvironment(Map.of("DB_URL", mariaDb.jdbcUrl(),
                "DATA_DIR", dir.toString(), "DB_POOL_SIZE", "4"), false));
        started.push(database);
    }

    List<ServerProcess> servers() {
        return servers;
    }

    String baseUrl(int server) {
        return "http://127.0.0.1:" + servers.get(server).port();
    }

    Database database() {
        return database;
    }

    /** The last lines each server logged, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (ServerProcess server : servers) {
            sb.append("\n--- server on port ").append(server.port()).append(" ---\n")
                    .append(server.logTail(30));
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (ServerProcess server : servers) {
            server.kill();
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("cluster: could not stop cleanly: " + e);
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cluster: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
