package io.loopdesk.bench;

import io.loopdesk.Settings;
import io.loopdesk.db.Database;
import io.loopdesk.db.EmbeddedMariaDb;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures Loopdesk against its floors and prints one table:
 * {@code java -cp target/loopdesk.jar io.loopdesk.bench.Benchmark [--option=value ...]}.
 *
 * <p>It starts a fresh embedded MariaDB, the server as its own JVM on that database, and the HTTP
 * floor as a third JVM; this JVM is the load driver (32 clients on loopback by default), the
 * database floor and the bulk loader. Everything it started is stopped at the end, also when a
 * step fails. It never asserts a timing: the table says which targets were met.
 */
public final class Benchmark {

    /** What to run; every field has a command-line option of the same name in kebab case. */
    public record Options(int rows, int clients, Duration warmUp, Duration measured,
                          int reviewers, int queue, int filterCancel, String heap, int poolSize,
                          List<String> serverOptions, boolean keep, Optional<String> dbUrl,
                          Set<String> only) {

        /** The groups of scenarios {@code --only} can pick. */
        public static final Set<String> GROUPS =
                Set.of("floors", "api", "filter", "claims", "lists");

        public static Options defaults() {
            return new Options(1_000_000, 32, Duration.ofSeconds(5), Duration.ofSeconds(10), 20,
                    10_000, 10_000, "256m", 32, List.of(), false, Optional.empty(), GROUPS);
        }

        public boolean runs(String group) {
            return only.contains(group);
        }

        /** Options as {@code --name=value}; {@code --server-options} is split on spaces. */
        public static Options parse(String... args) {
            Map<String, String> given = new HashMap<>();
            for (String arg : args) {
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("options look like --name=value: " + arg);
                }
                int eq = arg.indexOf('=');
                given.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq),
                        eq < 0 ? "true" : arg.substring(eq + 1));
            }
            Options d = defaults();
            Options options = new Options(
                    intOf(given.remove("rows"), d.rows),
                    intOf(given.remove("clients"), d.clients),
                    secondsOf(given.remove("warm-up"), d.warmUp),
                    secondsOf(given.remove("seconds"), d.measured),
                    intOf(given.remove("reviewers"), d.reviewers),
                    intOf(given.remove("queue"), d.queue),
                    intOf(given.remove("filter-cancel"), d.filterCancel),
                    given.getOrDefault("heap", d.heap),
                    intOf(given.remove("pool-size"), d.poolSize),
                    given.containsKey("server-options")
                            ? List.of(given.remove("server-options").trim().split("\\s+"))
                            : d.serverOptions,
                    Boolean.parseBoolean(given.getOrDefault("keep", "false")),
                    Optional.ofNullable(given.remove("db-url")),
                    given.containsKey("only") ? groups(given.remove("only")) : d.only);
            given.remove("heap");
            given.remove("keep");
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + given.keySet()
                        + "; known: rows, clients, warm-up, seconds, reviewers, queue, "
                        + "filter-cancel, heap, pool-size, server-options, keep, db-url, only");
            }
            return options;
        }

        private static Set<String> groups(String list) {
            Set<String> picked = new LinkedHashSet<>(List.of(list.split(",")));
            if (!GROUPS.containsAll(picked)) {
                throw new IllegalArgumentException("--only takes some of " + GROUPS);
            }
            return picked;
        }

        private static int intOf(String value, int fallback) {
            return value == null ? fallback : Integer.parseInt(value.replace("_", ""));
        }

        private static Duration secondsOf(String value, Duration fallback) {
            return value == null ? fallback
                    : Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) {
        // The table is this program's output; what the product's classes log here is noise.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Options options = Options.parse(args);
        Report report = run(options, System.err);
        report.print(System.out);
        System.exit(0);
    }

    /** Runs every scenario; progress goes to {@code progress}, the result is the table. */
    public static Report run(Options options, PrintStream progress) {
        Path work = createWorkDir();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        Thread onExit = new Thread(() -> {
            stopAll(started);
            if (!options.keep()) {
                deleteTree(work);
            }
        }, "bench-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
        try {
            progress.println("[bench] work directory " + work);
            progress.println("[bench] load average at start: " + Machine.loadAverage());
            String dbUrl = options.dbUrl().orElseGet(() -> {
                EmbeddedMariaDb mariaDb = EmbeddedMariaDb.start(work.resolve("db"));
                started.push(mariaDb);
                return mariaDb.jdbcUrl();
            });
            Database database = Database.open(Settings.fromEnvironment(Map.of(
                    "DB_URL", dbUrl, "DATA_DIR", work.toString(),
                    "DB_POOL_SIZE", Integer.toString(options.poolSize())), false));
            started.push(database);

            ServerProcess server = startServer(options, dbUrl, work);
            started.push(server);
            Report report = new Report();
            Scenarios scenarios = new Scenarios(options, server, database, report, progress,
                    work);
            try {
                scenarios.runAll();
            } catch (RuntimeException e) {
                progress.println("[bench] failed; the server " + (server.isAlive() ? "is running"
                        : "has exited") + ", its log ends:\n" + server.logTail(60));
                throw e;
            }
            report.note("load average at end: " + Machine.loadAverage() + " (" + Machine.cores()
                    + " cores); server " + String.join(" ", deployedJvmOptions(options))
                    + ", pool "
                    + options.poolSize() + ", " + options.rows() + " requests in the listed "
                    + "account");
            return report;
        } finally {
            stopAll(started);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            if (!options.keep()) {
                deleteTree(work);
            }
        }
    }

    static ServerProcess startServer(Options options, String dbUrl, Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("DB_URL", dbUrl);
        env.put("DB_USER", "root");
        env.put("DB_PASSWORD", "");
        env.put("DATA_DIR", work.resolve("server").toString());
        env.put("DB_POOL_SIZE", Integer.toString(options.poolSize()));
        env.put("HOURLY_QUOTA", "1000000000");
        env.put("BIND_ADDRESS", "127.0.0.1");
        ServerProcess server = ServerProcess.start("server", "io.loopdesk.Main",
                jvmOptions(options), env, work.resolve("server.log"));
        try {
            server.awaitHealthy("/v1/health", Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    static List<String> jvmOptions(Options options) {
        List<String> jvm = new ArrayList<>(deployedJvmOptions(options));
        jvm.addAll(options.serverOptions());
        return jvm;
    }

    /**
     * The JVM options the README gives a deployment, for the server and the HTTP floor alike.
     * With G1's adaptive start of concurrent marking, the threshold learned under the write
     * scenarios had the list scenarios after them mark the heap about 90 times a minute,
     * though its live part was no larger than in a run of the lists alone, which marked none:
     * the same pages cost the server a fifth more CPU. A fixed threshold (45% of the heap)
     * marks when the heap is that full.
     */
    static List<String> deployedJvmOptions(Options options) {
        return List.of("-Xmx" + options.heap(), "-XX:-G1UseAdaptiveIHOP");
    }

    private static synchronized void stopAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("[bench] could not stop cleanly: " + e);
            }
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("loopdesk-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("[bench] could not delete " + root + ": " + e.getMessage());
        }
    }
}
