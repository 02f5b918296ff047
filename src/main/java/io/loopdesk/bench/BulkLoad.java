package io.loopdesk.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Writes many review requests straight into the database with multi-row INSERTs, for the
 * scenarios that need an account with a long history. The API is not used: loading a million
 * rows through it would measure the create path for minutes and prove nothing new. The rows have
 * no history events and use no quota, like requests created in the browser long ago.
 */
final class BulkLoad {

    /** What the rows look like. */
    enum Mix {
        /**
         * An account's history: mostly answered, some timed out or cancelled, a few still open
         * (their deadlines lie ahead, so the sweeper leaves them alone).
         */
        HISTORY,
        /** A queue: every row pending, with mixed priorities. */
        PENDING
    }

    private static final int ROWS_PER_STATEMENT = 1_000;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String[] PRIORITIES = {"low", "medium", "high", "critical"};
    private static final String COLUMNS = "INSERT INTO review_request (id, account_id, loop_id,"
            + " processing_type, content_type, priority, priority_rank, request_text, platform,"
            + " response_type, response_config, default_response, timeout_at, tags, status,"
            + " claimed_by, claimed_at, claim_expires_at, response_by, response_at, response_data,"
            + " response_source, cancelled_at, created_at, updated_at, version) VALUES ";

    private final DataSource pool;
    private final int threads;

    BulkLoad(DataSource pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * Writes {@code count} rows for {@code accountId}, spread over {@code loopIds}, created one
     * after another between {@code from} and {@code until}.
     */
    void load(String accountId, List<String> loopIds, String reviewerId, int count, Mix mix,
              Instant from, Instant until) {
        long spanMicros = Math.max(count, ChronoUnit.MICROS.between(from, until));
        long stepMicros = spanMicros / count;
        Instant now = Instant.now();
        Map<String, LongAdder> tallies = new ConcurrentHashMap<>();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            int chunks = (count + ROWS_PER_STATEMENT - 1) / ROWS_PER_STATEMENT;
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(workers.submit(() -> {
                    SplittableRandom random = new SplittableRandom();
                    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                        c.setAutoCommit(false);
                        st.execute("SET SESSION unique_checks = 0");
                        for (int chunk = first; chunk < chunks; chunk += threads) {
                            int start = chunk * ROWS_PER_STATEMENT;
                            int end = Math.min(count, start + ROWS_PER_STATEMENT);
                            StringBuilder sql = new StringBuilder(COLUMNS.length() + 700 * 1000);
                            sql.append(COLUMNS);
                            for (int i = start; i < end; i++) {
                                if (i > start) {
                                    sql.append(',');
                                }
                                Instant created = from.plus(i * stepMicros, ChronoUnit.MICROS);
                                String tally = row(sql, random, accountId,
                                        loopIds.get(i % loopIds.size()), reviewerId, mix, created,
                                        now);
                                tallies.computeIfAbsent(tally, k -> new LongAdder()).increment();
                            }
                            st.execute(sql.toString());
                            c.commit();
                        }
                        st.execute("SET SESSION unique_checks = 1");
                        c.setAutoCommit(true);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            addToTallies(accountId, tallies);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bulk load failed: " + e.getCause(), e.getCause());
        } catch (SQLException e) {
            throw new IllegalStateException("bulk load could not add to the tallies", e);
        } finally {
            workers.shutdownNow();
        }
    }

    /**
     * The product keeps per-account tallies in step with every request it writes; rows written
     * behind its back must be added to them, or its counts would be wrong.
     */
    private void addToTallies(String accountId, Map<String, LongAdder> tallies)
            throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO request_tally (account_id, loop_id, status, priority_rank, slot,"
                        + " requests) VALUES (?, ?, ?, ?, 0, ?)"
                        + " ON DUPLICATE KEY UPDATE requests = requests + VALUES(requests)")) {
            for (Map.Entry<String, LongAdder> tally : tallies.entrySet()) {
                String[] key = tally.getKey().split(" ");
                ps.setString(1, accountId);
                ps.setString(2, key[0]);
                ps.setString(3, key[1]);
                ps.setInt(4, Integer.parseInt(key[2]));
                ps.setLong(5, tally.getValue().sum());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Appends one row's values; answers its tally key, "loop status rank". */
    private static String row(StringBuilder sql, SplittableRandom random, String accountId,
                              String loopId, String reviewerId, Mix mix, Instant created,
                              Instant now) {
        int rank = pickPriority(random);
        String status = mix == Mix.PENDING ? "pending" : pickStatus(random);
        boolean open = status.equals("pending") || status.equals("claimed");
        Instant timeoutAt = open ? now.plus(Duration.ofDays(30)) : created.plus(Duration.ofDays(1));
        Instant settled = created.plus(Duration.ofMinutes(5 + random.nextInt(600)));

        sql.append('(');
        text(sql, id(random)).append(',');
        text(sql, accountId).append(',');
        text(sql, loopId).append(',');
        text(sql, "deferred").append(',');
        text(sql, "markdown").append(',');
        text(sql, PRIORITIES[rank - 1]).append(',');
        sql.append(rank).append(',');
        text(sql, "Is this comment acceptable? Request number " + random.nextInt(1_000_000))
                .append(',');
        text(sql, "api").append(',');
        text(sql, "single_select").append(',');
        text(sql, "{\"options\":[{\"value\":\"approve\",\"label\":\"approve\"},"
                + "{\"value\":\"reject\",\"label\":\"reject\"}]}").append(',');
        text(sql, "\"reject\"").append(',');
        stamp(sql, timeoutAt).append(',');
        text(sql, "[]").append(',');
        text(sql, status).append(',');
        boolean reviewed = status.equals("claimed") || status.equals("completed");
        nullable(sql, reviewed ? reviewerId : null).append(',');
        stampOrNull(sql, reviewed ? settled.minus(Duration.ofMinutes(2)) : null).append(',');
        stampOrNull(sql, status.equals("claimed") ? now.plus(Duration.ofDays(1)) : null)
                .append(',');
        nullable(sql, status.equals("completed") ? reviewerId : null).append(',');
        boolean answered = status.equals("completed") || status.equals("timeout");
        stampOrNull(sql, answered ? settled : null).append(',');
        nullable(sql, status.equals("completed") ? "\"approve\""
                : status.equals("timeout") ? "\"reject\"" : null).append(',');
        nullable(sql, status.equals("completed") ? "reviewer"
                : status.equals("timeout") ? "timeout_default" : null).append(',');
        stampOrNull(sql, status.equals("cancelled") ? settled : null).append(',');
        stamp(sql, created).append(',');
        stamp(sql, open ? created : settled).append(',');
        sql.append(open ? 1 : 3);
        sql.append(')');
        return loopId + " " + status + " " + rank;
    }

    private static int pickPriority(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 30 ? 1 : roll < 75 ? 2 : roll < 95 ? 3 : 4;
    }

    private static String pickStatus(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 60 ? "completed" : roll < 75 ? "timeout" : roll < 90 ? "cancelled"
                : roll < 97 ? "pending" : "claimed";
    }

    private static String id(SplittableRandom random) {
        byte[] bytes = new byte[12];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return HexFormat.of().formatHex(bytes);
    }

    /** Only our own constant text goes through here; quotes are doubled all the same. */
    private static StringBuilder text(StringBuilder sql, String value) {
        return sql.append('\'').append(value.replace("\\", "\\\\").replace("'", "''")).append('\'');
    }

    private static StringBuilder nullable(StringBuilder sql, String value) {
        return value == null ? sql.append("NULL") : text(sql, value);
    }

    private static StringBuilder stamp(StringBuilder sql, Instant instant) {
        return sql.append('\'').append(STAMP.format(LocalDateTime.ofInstant(instant,
                ZoneOffset.UTC))).append('\'');
    }

    private static StringBuilder stampOrNull(StringBuilder sql, Instant instant) {
        return instant == null ? sql.append("NULL") : stamp(sql, instant);
    }
}
