package io.loopdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.TransactionProvider;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the schema migrations and the jOOQ context, over either the embedded
 * MariaDB or an external MySQL/MariaDB server named by {@code DB_URL}.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Optional<EmbeddedMariaDb> embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(Optional<EmbeddedMariaDb> embedded, HikariDataSource pool, DSLContext dsl) {
        this.embedded = embedded;
        this.pool = pool;
        this.dsl = dsl;
    }

    public static Database open(io.loopdesk.Settings settings) {
        Optional<EmbeddedMariaDb> embedded = settings.dbUrl().isPresent()
                ? Optional.empty()
                : Optional.of(EmbeddedMariaDb.start(settings.dataDir()));
        try {
            String url = settings.dbUrl().orElseGet(() -> embedded.get().jdbcUrl());
            HikariDataSource pool = pool(url, settings);
            SQLDialect dialect = detectDialect(pool);
            requireCheckConstraints(pool, dialect);
            migrate(pool);
            ExplicitTransactions transactions = new ExplicitTransactions(pool);
            DSLContext dsl = DSL.using(new DefaultConfiguration()
                    .set(dialect)
                    .set((ConnectionProvider) transactions)
                    .set((TransactionProvider) transactions)
                    .set((ExecuteListener) transactions)
                    .set(new Settings()
                            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                            // Per-statement debug logging and a warnings fetch after each
                            // statement cost every request; nothing reads either.
                            .withExecuteLogging(false)
                            .withFetchWarnings(false)
                            // Statements are prepared on the server and kept there per
                            // connection (below), each with a description of every parameter:
                            // an IN list of every length from 1 to 400 ids, as a reviewer's
                            // queue reads, made hundreds of them and held a hundred MB of heap.
                            // Padded to the next power of two, by repeating its last value, a
                            // list takes one of ten lengths.
                            .withInListPadding(true)));
            log.info("database ready mode={} dialect={}",
                    embedded.isPresent() ? "embedded" : "external", dialect);
            return new Database(embedded, pool, dsl);
        } catch (RuntimeException e) {
            embedded.ifPresent(EmbeddedMariaDb::close);
            throw e;
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public Transactions transactions() {
        return new Transactions(dsl);
    }

    public DataSource dataSource() {
        return pool;
    }

    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** True when the server answers a trivial query within a second. */
    public boolean isHealthy() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        embedded.ifPresent(EmbeddedMariaDb::close);
    }

    private static HikariDataSource pool(String url, io.loopdesk.Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(settings.dbUser());
        config.setPassword(settings.dbPassword());
        config.setMaximumPoolSize(settings.dbPoolSize());
        config.setPoolName("loopdesk");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", "250");
        // jOOQ's statements are longer than the driver's default limit of 256 characters, and
        // a statement not cached is parsed again on every execution.
        config.addDataSourceProperty("prepStmtCacheSqlLimit", "4096");
        // Statements prepared on the server are parsed there once per connection, and their
        // rows come back in binary, cheaper for both sides to read: a list page cost the
        // database a fifth less CPU. A statement of several, such as a transaction's first
        // select (see ExplicitTransactions), the driver still sends as text. Moments are bound
        // as wall-clock times (InstantBinding): the server compares a moment sent as the
        // TIMESTAMP type after 2038 with an indexed DATETIME wrongly. Should the server refuse
        // to prepare one more (max_prepared_stmt_count), the driver sends that one as text.
        config.addDataSourceProperty("useServerPrepStmts", "true");
        // A transaction sends its writes to shared counters together with its COMMIT, in one
        // round trip (see ExplicitTransactions). Every statement is built by jOOQ with bind
        // values; none is put together from text a user sent.
        config.addDataSourceProperty("allowMultiQueries", "true");
        // Without these the driver asks the server for state it set itself: a
        // "SELECT @@session.transaction_read_only" before every write, for one.
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("cacheServerConfiguration", "true");
        config.addDataSourceProperty("cacheResultSetMetadata", "true");
        config.addDataSourceProperty("maintainTimeStats", "false");
        config.addDataSourceProperty("socketFactory", BlockingSocketFactory.class.getName());
        config.addDataSourceProperty("connectionTimeZone", "UTC");
        config.addDataSourceProperty("forceConnectionTimeZoneToSession", "true");
        config.setConnectionInitSql("SET time_zone = '+00:00'");
        return new HikariDataSource(config);
    }

    /** jOOQ reports MariaDB as MySQL; the server's version string tells them apart. */
    private static SQLDialect detectDialect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            return version.toLowerCase().contains("mariadb") ? SQLDialect.MARIADB
                    : SQLDialect.MYSQL;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * The quota relies on a CHECK constraint (migration V12), which MySQL enforces from 8.0.16
     * on and earlier releases accept but ignore; every MariaDB this runs on enforces it.
     */
    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private static void requireCheckConstraints(DataSource dataSource, SQLDialect dialect) {
        if (dialect != SQLDialect.MYSQL) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            String version = connection.getMetaData().getDatabaseProductVersion();
            Matcher m = RELEASE.matcher(version);
            if (m.find() && Integer.parseInt(m.group(1)) * 10_000
                    + Integer.parseInt(m.group(2)) * 100 + Integer.parseInt(m.group(3)) < 80_016) {
                throw new IllegalStateException("MySQL " + version + " does not enforce CHECK"
                        + " constraints, which the hourly quota needs: use MySQL 8.0.16 or later");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource dataSource) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db")
                .load()
                .migrate();
        log.info("migrations applied count={} schema_version={}", result.migrationsExecuted,
                result.targetSchemaVersion != null ? result.targetSchemaVersion
                        : result.initialSchemaVersion);
    }
}
