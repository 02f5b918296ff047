package io.loopdesk.request;

import static io.loopdesk.db.schema.Tables.REQUEST_TALLY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record6;
import org.jooq.impl.DSL;

/**
 * How many requests each account has, per loop, status and priority, kept in step with the
 * requests themselves: every change of a request's status or priority moves its unit between
 * tallies in the same transaction. Counting an account's requests then reads a few hundred
 * small rows instead of an index of millions.
 *
 * <p>Each tally is split over {@link #SLOTS} rows and a change picks one at random, so that
 * concurrent creates and cancels in one loop do not queue on a single row lock; a count sums
 * the slots. One change writes its two rows in one statement in primary-key order, so two
 * changes never wait on each other's rows crosswise.
 */
final class RequestTally {

    static final int SLOTS = 8;

    private final DSLContext dsl;

    RequestTally(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A request was created in {@code to}, moved from {@code from} to {@code to}, or both. */
    void move(ReviewRequest request, Status from, Priority fromPriority, Status to,
              Priority toPriority) {
        byte slot = (byte) ThreadLocalRandom.current().nextInt(SLOTS);
        List<Record6<String, String, String, Byte, Byte, Integer>> rows = new ArrayList<>(2);
        if (from != null) {
            rows.add(row(request, from, fromPriority, slot, -1));
        }
        if (to != null) {
            rows.add(row(request, to, toPriority, slot, 1));
        }
        rows.sort(Comparator.comparing((Record6<String, String, String, Byte, Byte, Integer> r)
                -> r.value3()).thenComparing(Record6::value4));
        var insert = dsl.insertInto(REQUEST_TALLY, REQUEST_TALLY.ACCOUNT_ID, REQUEST_TALLY.LOOP_ID,
                REQUEST_TALLY.STATUS, REQUEST_TALLY.PRIORITY_RANK, REQUEST_TALLY.SLOT,
                REQUEST_TALLY.REQUESTS);
        for (var row : rows) {
            insert = insert.values(row.value1(), row.value2(), row.value3(), row.value4(),
                    row.value5(), row.value6());
        }
        insert.onDuplicateKeyUpdate()
                .set(REQUEST_TALLY.REQUESTS,
                        REQUEST_TALLY.REQUESTS.plus(DSL.excluded(REQUEST_TALLY.REQUESTS)))
                .execute();
    }

    /** Whether {@link #count} can answer this query: no text, no lower time bound. */
    static boolean canCount(RequestQuery q) {
        return q.text().isEmpty() && q.createdAfter().isEmpty();
    }

    /** The requests matching the query's account, status, priority and loop. */
    int count(RequestQuery q) {
        List<Condition> where = new ArrayList<>();
        where.add(REQUEST_TALLY.ACCOUNT_ID.eq(q.accountId()));
        q.loopId().ifPresent(id -> where.add(REQUEST_TALLY.LOOP_ID.eq(id)));
        q.status().ifPresent(s -> where.add(REQUEST_TALLY.STATUS.eq(s.wireName())));
        q.priority().ifPresent(p -> where.add(REQUEST_TALLY.PRIORITY_RANK.eq((byte) p.rank())));
        Number sum = dsl.select(DSL.sum(REQUEST_TALLY.REQUESTS)).from(REQUEST_TALLY)
                .where(DSL.and(where)).fetchOne(0, Number.class);
        return sum == null ? 0 : sum.intValue();
    }

    Map<String, Integer> byStatus(String accountId) {
        return dsl.select(REQUEST_TALLY.STATUS, DSL.sum(REQUEST_TALLY.REQUESTS))
                .from(REQUEST_TALLY)
                .where(REQUEST_TALLY.ACCOUNT_ID.eq(accountId))
                .groupBy(REQUEST_TALLY.STATUS)
                .fetchMap(r -> r.value1(), r -> r.value2() == null ? 0 : r.value2().intValue());
    }

    private Record6<String, String, String, Byte, Byte, Integer> row(ReviewRequest request,
            Status status, Priority priority, byte slot, int delta) {
        return dsl.newRecord(REQUEST_TALLY.ACCOUNT_ID, REQUEST_TALLY.LOOP_ID, REQUEST_TALLY.STATUS,
                        REQUEST_TALLY.PRIORITY_RANK, REQUEST_TALLY.SLOT, REQUEST_TALLY.REQUESTS)
                .values(request.accountId(), request.loopId(), status.wireName(),
                        (byte) priority.rank(), slot, delta);
    }
}
