package io.loopdesk.quota;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;

import io.loopdesk.db.Transactions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One row per API key and clock hour: how many requests it created in that hour. */
public final class QuotaRepository {

    /** The check constraint that keeps a row's use within its limit (migration V12). */
    private static final String WITHIN_LIMIT = "quota_usage_within_limit";
    private static final int MARIADB_CHECK_FAILED = 4025;
    private static final int MYSQL_CHECK_FAILED = 3819;

    private final DSLContext dsl;

    public QuotaRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public int used(String apiKeyId, Instant hour) {
        return dsl.select(QUOTA_USAGE.USED).from(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(apiKeyId).and(QUOTA_USAGE.HOUR_START.eq(hour)))
                .fetchOptional(QUOTA_USAGE.USED).orElse(0);
    }

    /**
     * Takes one unit at the commit of the caller's transaction, in the same round trip (see
     * {@link Transactions#atCommit}): every create of a key writes this one row, so its lock is
     * held only while the database commits. The row's check refuses a unit beyond
     * {@code limit}; the commit then fails with an error that {@link #isUsedUp} recognises, and
     * concurrent creates can never overshoot. The first unit of an hour creates the row.
     */
    public void takeAtCommit(String apiKeyId, String accountId, Instant hour, int limit) {
        Transactions.atCommit(dsl.insertInto(QUOTA_USAGE)
                .set(QUOTA_USAGE.API_KEY_ID, apiKeyId)
                .set(QUOTA_USAGE.HOUR_START, hour)
                .set(QUOTA_USAGE.ACCOUNT_ID, accountId)
                .set(QUOTA_USAGE.USED, 1)
                .set(QUOTA_USAGE.ALLOWED, limit)
                .onDuplicateKeyUpdate()
                .set(QUOTA_USAGE.USED, QUOTA_USAGE.USED.plus(1))
                .set(QUOTA_USAGE.ALLOWED, limit));
    }

    /** Whether {@code failure} is a unit refused by {@link #takeAtCommit}: the hour is used up. */
    public static boolean isUsedUp(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e
                    && (e.getErrorCode() == MARIADB_CHECK_FAILED
                            || e.getErrorCode() == MYSQL_CHECK_FAILED)
                    && String.valueOf(e.getMessage()).contains(WITHIN_LIMIT)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back up to {@code units} at the commit of the caller's transaction. */
    public void giveBack(String apiKeyId, Instant hour, int units) {
        Transactions.atCommit(dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, DSL.greatest(QUOTA_USAGE.USED.minus(units), DSL.inline(0)))
                .where(QUOTA_USAGE.API_KEY_ID.eq(apiKeyId)
                        .and(QUOTA_USAGE.HOUR_START.eq(hour))
                        .and(QUOTA_USAGE.USED.gt(0))));
    }

    /** Requests created per hour by all of an account's keys, from {@code since} on. */
    public List<HourlyUse> hourlyForAccount(String accountId, Instant since) {
        return dsl.select(QUOTA_USAGE.HOUR_START, DSL.sum(QUOTA_USAGE.USED))
                .from(QUOTA_USAGE)
                .where(QUOTA_USAGE.ACCOUNT_ID.eq(accountId).and(QUOTA_USAGE.HOUR_START.ge(since)))
                .groupBy(QUOTA_USAGE.HOUR_START)
                .orderBy(QUOTA_USAGE.HOUR_START)
                .fetch(r -> new HourlyUse(r.value1(), r.value2() == null ? 0 : r.value2()
                        .intValue()));
    }

    public record HourlyUse(Instant hour, int used) {
    }
}
