package io.loopdesk.bench;

import io.loopdesk.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The database floors: the single-row write or read a request's life is built on, done in a
 * tight JDBC loop through a pool of the server's size, with nothing else around it. Every call
 * borrows a connection and returns it, as the server does.
 */
final class DbFloor {

    static final String INSERT = "INSERT INTO review_request (id, account_id, loop_id, api_key_id,"
            + " processing_type, content_type, priority, priority_rank, request_text, platform,"
            + " response_type, response_config, default_response, timeout_at, tags, status,"
            + " quota_key_id, quota_hour, created_at, updated_at, version)"
            + " VALUES (?, ?, ?, ?, 'deferred', 'markdown', 'medium', 2, ?, 'api', 'single_select',"
            + " ?, '\"reject\"', ?, '[]', 'pending', ?, ?, ?, ?, 1)";
    static final String UPDATE = "UPDATE review_request SET status = ?, cancelled_at = ?,"
            + " cancel_reason = NULL, claim_expires_at = NULL, updated_at = ?,"
            + " version = version + 1 WHERE id = ?";
    static final String READ = "SELECT * FROM review_request WHERE id = ?";
    static final String EVENT = "INSERT INTO request_event (request_id, actor_id, actor_kind,"
            + " action, from_status, to_status, details, created_at)"
            + " VALUES (?, ?, 'customer', ?, ?, ?, NULL, ?)";
    static final String QUOTA_ROW = "INSERT INTO quota_usage (api_key_id, hour_start, account_id,"
            + " used) VALUES (?, ?, ?, 0) ON DUPLICATE KEY UPDATE used = used";
    static final String TAKE = "UPDATE quota_usage SET used = used + 1"
            + " WHERE api_key_id = ? AND hour_start = ?";
    static final String GIVE_BACK = "UPDATE quota_usage SET used = GREATEST(used - 1, 0)"
            + " WHERE api_key_id = ? AND hour_start = ?";
    static final String CANCEL = UPDATE + " AND status = 'pending'";

    private final DataSource pool;
    private final String accountId = Ids.next();
    private final String loopId = Ids.next();
    private final String keyId = Ids.next();
    private final ConcurrentLinkedQueue<String> inserted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> transactionRows = new ConcurrentLinkedQueue<>();

    private final CpuMeter cpu;

    DbFloor(DataSource pool, CpuMeter cpu) {
        this.pool = pool;
        this.cpu = cpu;
    }

    Load.Result insert(int clients, Duration warmUp, Duration measured) {
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            String id = Ids.next();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement(INSERT)) {
                bindRequest(ps, id, now);
                ps.executeUpdate();
            }
            inserted.add(id);
            return Load.Outcome.OK;
        });
    }

    private void bindRequest(PreparedStatement ps, String id, Instant now) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, accountId);
        ps.setString(3, loopId);
        ps.setString(4, keyId);
        ps.setString(5, "Is this comment acceptable?\n\n> You are all wonderful");
        ps.setString(6, "{\"options\":[{\"value\":\"approve\",\"label\":\"approve\"},"
                + "{\"value\":\"reject\",\"label\":\"reject\"}]}");
        ps.setObject(7, utc(now.plus(Duration.ofDays(30))));
        ps.setString(8, keyId);
        ps.setObject(9, utc(now.truncatedTo(ChronoUnit.HOURS)));
        ps.setObject(10, utc(now));
        ps.setObject(11, utc(now));
    }

    /** Updates the rows the insert floor wrote, round robin, one by primary key per call. */
    Load.Result update(int clients, Duration warmUp, Duration measured) {
        List<String> ids = List.copyOf(inserted);
        AtomicLong next = new AtomicLong();
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            String id = ids.get((int) (next.getAndIncrement() % ids.size()));
            LocalDateTime now = utc(Instant.now());
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement(UPDATE)) {
                ps.setString(1, "cancelled");
                ps.setObject(2, now);
                ps.setObject(3, now);
                ps.setString(4, id);
                return ps.executeUpdate() == 1 ? Load.Outcome.OK : Load.Outcome.ERROR;
            }
        });
    }

    /** Reads those rows back at random, whole, by primary key. */
    Load.Result read(int clients, Duration warmUp, Duration measured) {
        List<String> ids = List.copyOf(inserted);
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement(READ)) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Load.Outcome.OK : Load.Outcome.ERROR;
                }
            }
        });
    }

    /**
     * The least a create must write: the request row, its history line and the key's quota
     * unit (SPEC 2: requests, their history, hourly quotas), as one transaction sent in one
     * round trip, begin and commit included. No HTTP, no JSON, no SQL building, no tallies or
     * outbox: a bound on creates per second that no code around these writes can pass.
     */
    Load.Result createTransaction(int clients, Duration warmUp, Duration measured) {
        try {
            ensureQuotaRow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the quota row", e);
        }
        String sql = "START TRANSACTION; " + INSERT + "; " + EVENT + "; " + TAKE + "; COMMIT";
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            String id = Ids.next();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (Connection c = pool.getConnection();
                 PreparedStatement ps = c.prepareStatement(sql)) {
                bindRequest(ps, id, now);
                bindEvent(ps, 12, id, "created", null, "pending", now);
                bindQuota(ps, 18, now);
                ps.execute();
            }
            transactionRows.add(id);
            return Load.Outcome.OK;
        });
    }

    /**
     * The least a cancel of a pending request must write: the conditional update of the
     * request, then, only when it changed the row, its history line and the refund of its unit.
     * Two round trips, as the second depends on the first: the transaction's begin with the
     * update, and the other writes with the commit.
     */
    Load.Result cancelTransaction(int clients, Duration warmUp, Duration measured) {
        String change = "START TRANSACTION; " + CANCEL;
        String rest = EVENT + "; " + GIVE_BACK + "; COMMIT";
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            String id = transactionRows.poll();
            if (id == null) {
                return Load.Outcome.DONE;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try (Connection c = pool.getConnection()) {
                int changed;
                try (PreparedStatement ps = c.prepareStatement(change)) {
                    ps.setString(1, "cancelled");
                    ps.setObject(2, utc(now));
                    ps.setObject(3, utc(now));
                    ps.setString(4, id);
                    ps.execute();
                    ps.getMoreResults();
                    changed = ps.getUpdateCount();
                }
                if (changed != 1) {
                    try (Statement rollback = c.createStatement()) {
                        rollback.execute("ROLLBACK");
                    }
                    return Load.Outcome.ERROR;
                }
                try (PreparedStatement ps = c.prepareStatement(rest)) {
                    bindEvent(ps, 1, id, "cancelled", "pending", "cancelled", now);
                    bindQuota(ps, 7, now);
                    ps.execute();
                }
            }
            return Load.Outcome.OK;
        });
    }

    /** A read to repeat: its SQL and the values of its parameters, in order. */
    record Read(String sql, List<Object> parameters) {
        static Read of(String sql, Object... parameters) {
            return new Read(sql, List.of(parameters));
        }
    }

    /**
     * {@code reads} one after another on one pooled connection per call, every value of every
     * row fetched, as a page would read them, with no SQL building, mapping or HTTP around them.
     * An instant parameter is bound as UTC wall-clock time, as the product stores it.
     */
    Load.Result reads(int clients, Duration warmUp, Duration measured, List<Read> reads) {
        return Load.run(clients, warmUp, measured, cpu, i -> () -> {
            try (Connection c = pool.getConnection()) {
                for (Read read : reads) {
                    try (PreparedStatement ps = c.prepareStatement(read.sql())) {
                        for (int p = 0; p < read.parameters().size(); p++) {
                            Object value = read.parameters().get(p);
                            ps.setObject(p + 1, value instanceof Instant t ? utc(t) : value);
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            int columns = rs.getMetaData().getColumnCount();
                            while (rs.next()) {
                                for (int col = 1; col <= columns; col++) {
                                    rs.getString(col);
                                }
                            }
                        }
                    }
                }
            }
            return Load.Outcome.OK;
        });
    }

    private void ensureQuotaRow() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(QUOTA_ROW)) {
            ps.setString(1, keyId);
            ps.setObject(2, utc(Instant.now().truncatedTo(ChronoUnit.HOURS)));
            ps.setString(3, accountId);
            ps.executeUpdate();
        }
    }

    /** Binds {@link #EVENT}'s parameters from parameter {@code first} on. */
    private void bindEvent(PreparedStatement ps, int first, String id, String action,
                           String from, String to, Instant now) throws SQLException {
        ps.setString(first, id);
        ps.setString(first + 1, accountId);
        ps.setString(first + 2, action);
        ps.setString(first + 3, from);
        ps.setString(first + 4, to);
        ps.setObject(first + 5, utc(now));
    }

    /** Binds {@link #TAKE}'s or {@link #GIVE_BACK}'s parameters from {@code first} on. */
    private void bindQuota(PreparedStatement ps, int first, Instant now) throws SQLException {
        ps.setString(first, keyId);
        ps.setObject(first + 1, utc(now.truncatedTo(ChronoUnit.HOURS)));
    }

    /** The floor's rows, so they can be removed before rows are counted elsewhere. */
    void deleteRows() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM review_request WHERE account_id = ?")) {
            ps.setString(1, accountId);
            ps.executeUpdate();
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
