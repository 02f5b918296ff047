package io.loopdesk.quota;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** One row per API key and clock hour: how many requests it created in that hour. */
public final class QuotaRepository {

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
     * Takes one unit if fewer than {@code limit} are used, in one conditional write so that
     * concurrent creates can never overshoot. Returns false when the hour is used up.
     */
    public boolean take(String apiKeyId, String accountId, Instant hour, int limit) {
        if (limit <= 0) {
            return false;
        }
        // The hour's row exists for all but the first create of the hour: one statement then.
        if (takeFromRow(apiKeyId, hour, limit)) {
            return true;
        }
        // No row yet, or the hour is used up. An upsert, not INSERT IGNORE, makes sure the row
        // exists: on an existing row IGNORE takes a shared lock that the UPDATE must then
        // upgrade, and two creates doing so at once deadlock. The upsert takes the row's
        // exclusive lock at once, so concurrent creates simply queue.
        dsl.insertInto(QUOTA_USAGE)
                .set(QUOTA_USAGE.API_KEY_ID, apiKeyId)
                .set(QUOTA_USAGE.HOUR_START, hour)
                .set(QUOTA_USAGE.ACCOUNT_ID, accountId)
                .set(QUOTA_USAGE.USED, 0)
                .onDuplicateKeyUpdate()
                .set(QUOTA_USAGE.USED, QUOTA_USAGE.USED)
                .execute();
        return takeFromRow(apiKeyId, hour, limit);
    }

    private boolean takeFromRow(String apiKeyId, Instant hour, int limit) {
        return dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, QUOTA_USAGE.USED.plus(1))
                .where(QUOTA_USAGE.API_KEY_ID.eq(apiKeyId)
                        .and(QUOTA_USAGE.HOUR_START.eq(hour))
                        .and(QUOTA_USAGE.USED.lt(limit)))
                .execute() == 1;
    }

    /** Gives back up to {@code units}; use never falls below zero. */
    public void giveBack(String apiKeyId, Instant hour, int units) {
        dsl.update(QUOTA_USAGE)
                .set(QUOTA_USAGE.USED, DSL.greatest(QUOTA_USAGE.USED.minus(units), DSL.inline(0)))
                .where(QUOTA_USAGE.API_KEY_ID.eq(apiKeyId)
                        .and(QUOTA_USAGE.HOUR_START.eq(hour))
                        .and(QUOTA_USAGE.USED.gt(0)))
                .execute();
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
