package io.loopdesk.quota;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;

import io.loopdesk.db.RenderedWrite;
import io.loopdesk.db.Transactions;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** One row per API key and clock hour: how many requests it created in that hour. */
public final class QuotaRepository {

    /** The check constraint that keeps a row's use within its limit (migration V12). */
    private static final String WITHIN_LIMIT = "quota_usage_within_limit";
    private static final int MARIADB_CHECK_FAILED = 4025;
    private static final int MYSQL_CHECK_FAILED = 3819;

    private final DSLContext dsl;
    /** Every create and every refunding cancel sends one of these (see RenderedWrite). */
    private final RenderedWrite take;
    private final RenderedWrite giveBack;

    public QuotaRepository(DSLContext dsl) {
        this.dsl = dsl;
        Field<Integer> limit = DSL.param("allowed", QUOTA_USAGE.ALLOWED);
        this.take = RenderedWrite.of(dsl, dsl.insertInto(QUOTA_USAGE)
                .set(QUOTA_USAGE.API_KEY_ID, DSL.param("api_key_id", QUOTA_USAGE.API_KEY_ID))
                .set(QUOTA_USAGE.HOUR_START, DSL.param("hour_start", QUOTA_USAGE.HOUR_START))
                .set(QUOTA_USAGE.ACCOUNT_ID, DSL.param("account_id", QUOTA_USAGE.ACCOUNT_ID))
                .set(QUOTA_USAGE.USED, DSL.inline(1))
                .set(QUOTA_USAGE.ALLOWED, limit)
                .onDuplicateKeyUpdate()
                .set(QUOTA_USAGE.USED, QUOTA_USAGE.USED.plus(DSL.inline(1)))
                .set(QUOTA_USAGE.ALLOWED, DSL.excluded(QUOTA_USAGE.ALLOWED)));
        Field<Integer> units = DSL.param("units", QUOTA_USAGE.USED);
        this.giveBack = RenderedWrite.of(dsl, dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, DSL.greatest(QUOTA_USAGE.USED.minus(units), DSL.inline(0)))
                .where(QUOTA_USAGE.API_KEY_ID.eq(DSL.param("key", QUOTA_USAGE.API_KEY_ID))
                        .and(QUOTA_USAGE.HOUR_START.eq(DSL.param("hour", QUOTA_USAGE.HOUR_START)))
                        .and(QUOTA_USAGE.USED.gt(DSL.inline(0)))));
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
        Transactions.atCommit(take.with(apiKeyId, hour, accountId, limit));
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
        Transactions.atCommit(giveBack.with(units, apiKeyId, hour));
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
