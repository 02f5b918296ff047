package io.loopdesk.bench;

import io.loopdesk.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final DataSource pool;
    private final String accountId = Ids.next();
    private final String loopId = Ids.next();
    private final String keyId = Ids.next();
    private final ConcurrentLinkedQueue<String> inserted = new ConcurrentLinkedQueue<>();

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
                ps.executeUpdate();
            }
            inserted.add(id);
            return Load.Outcome.OK;
        });
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
