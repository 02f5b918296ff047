package io.loopdesk.request;

import static io.loopdesk.db.schema.Tables.REQUEST_TALLY;

import io.loopdesk.db.RenderedWrite;
import io.loopdesk.db.Transactions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
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
 * changes never wait on each other's rows crosswise, and sends it with its transaction's commit
 * ({@link Transactions#atCommit}), so the rows' locks are held only while the database commits.
 * Every write of a tally goes that way, deletes too, so they keep their order.
 */
final class RequestTally {

    static final int SLOTS = 8;

    private final DSLContext dsl;
    /** A move into one tally (a create) and between two, rendered once (see RenderedWrite). */
    private final RenderedWrite addOne;
    private final RenderedWrite moveOne;

    RequestTally(DSLContext dsl) {
        this.dsl = dsl;
        this.addOne = RenderedWrite.of(dsl, upsert(1));
        this.moveOne = RenderedWrite.of(dsl, upsert(2));
    }

    /** Adds each row's units to its tally: {@code rows} rows of named parameters. */
    private Query upsert(int rows) {
        var insert = dsl.insertInto(REQUEST_TALLY, REQUEST_TALLY.ACCOUNT_ID, REQUEST_TALLY.LOOP_ID,
                REQUEST_TALLY.STATUS, REQUEST_TALLY.PRIORITY_RANK, REQUEST_TALLY.SLOT,
                REQUEST_TALLY.REQUESTS);
        for (int row = 0; row < rows; row++) {
            insert = insert.values(DSL.param("account_id_" + row, REQUEST_TALLY.ACCOUNT_ID),
                    DSL.param("loop_id_" + row, REQUEST_TALLY.LOOP_ID),
                    DSL.param("status_" + row, REQUEST_TALLY.STATUS),
                    DSL.param("priority_rank_" + row, REQUEST_TALLY.PRIORITY_RANK),
                    DSL.param("slot_" + row, REQUEST_TALLY.SLOT),
                    DSL.param("requests_" + row, REQUEST_TALLY.REQUESTS));
        }
        return insert.onDuplicateKeyUpdate().set(REQUEST_TALLY.REQUESTS,
                REQUEST_TALLY.REQUESTS.plus(DSL.excluded(REQUEST_TALLY.REQUESTS)));
    }

    /** A request was created in {@code to}, or moved from {@code from} to {@code to}. */
    void move(ReviewRequest request, Status from, Priority fromPriority, Status to,
              Priority toPriority) {
        byte slot = (byte) ThreadLocalRandom.current().nextInt(SLOTS);
        List<Change> changes = new ArrayList<>(2);
        if (from != null) {
            changes.add(new Change(from.wireName(), (byte) fromPriority.rank(), -1));
        }
        changes.add(new Change(to.wireName(), (byte) toPriority.rank(), 1));
        changes.sort(Comparator.comparing(Change::status).thenComparing(Change::rank));

        List<Object> values = new ArrayList<>(6 * changes.size());
        for (Change change : changes) {
            values.addAll(List.of(request.accountId(), request.loopId(), change.status(),
                    change.rank(), slot, change.delta()));
        }
        RenderedWrite write = changes.size() == 1 ? addOne : moveOne;
        Transactions.atCommit(write.with(values.toArray()));
    }

    /**
     * Many requests moved, each from its status in {@code from} to its present one; the units
     * are summed per tally first, so a batch of any size writes one row per tally it touches.
     */
    void moveAll(Collection<ReviewRequest> after, Map<String, Status> from) {
        Map<List<Object>, Integer> deltas = new TreeMap<>(Comparator
                .comparing((List<Object> k) -> (String) k.get(0))
                .thenComparing(k -> (String) k.get(1))
                .thenComparing(k -> (Byte) k.get(2)));
        for (ReviewRequest r : after) {
            byte rank = (byte) r.priority().rank();
            Status before = from.get(r.id());
            if (before == r.status()) {
                continue;
            }
            if (before != null) {
                deltas.merge(List.of(r.loopId(), before.wireName(), rank), -1, Integer::sum);
            }
            deltas.merge(List.of(r.loopId(), r.status().wireName(), rank), 1, Integer::sum);
        }
        deltas.values().removeIf(delta -> delta == 0);
        if (deltas.isEmpty()) {
            return;
        }
        String accountId = after.iterator().next().accountId();
        byte slot = (byte) ThreadLocalRandom.current().nextInt(SLOTS);
        var insert = dsl.insertInto(REQUEST_TALLY, REQUEST_TALLY.ACCOUNT_ID, REQUEST_TALLY.LOOP_ID,
                REQUEST_TALLY.STATUS, REQUEST_TALLY.PRIORITY_RANK, REQUEST_TALLY.SLOT,
                REQUEST_TALLY.REQUESTS);
        for (Map.Entry<List<Object>, Integer> d : deltas.entrySet()) {
            insert = insert.values(accountId, (String) d.getKey().get(0),
                    (String) d.getKey().get(1), (Byte) d.getKey().get(2), slot, d.getValue());
        }
        Transactions.atCommit(insert.onDuplicateKeyUpdate()
                .set(REQUEST_TALLY.REQUESTS,
                        REQUEST_TALLY.REQUESTS.plus(DSL.excluded(REQUEST_TALLY.REQUESTS))));
    }

    private record Change(String status, byte rank, int delta) {
    }

    /** Whether {@link #count} can answer this query: no text, no lower time bound. */
    static boolean canCount(RequestQuery q) {
        return q.text().isEmpty() && q.createdAfter().isEmpty();
    }

    /** The requests matching the query's account, status, priority and loop. */
    int count(RequestQuery q) {
        Number sum = dsl.select(sum(q)).fetchOne(0, Number.class);
        return sum == null ? 0 : sum.intValue();
    }

    /**
     * The count as a value to select, so that it can travel in one statement with whatever
     * decides whether it may be used.
     */
    static Field<BigDecimal> sum(RequestQuery q) {
        List<Condition> where = new ArrayList<>();
        where.add(REQUEST_TALLY.ACCOUNT_ID.eq(q.accountId()));
        q.loopId().ifPresent(id -> where.add(REQUEST_TALLY.LOOP_ID.eq(id)));
        q.status().ifPresent(s -> where.add(REQUEST_TALLY.STATUS.eq(s.wireName())));
        q.priority().ifPresent(p -> where.add(REQUEST_TALLY.PRIORITY_RANK.eq((byte) p.rank())));
        return DSL.field(DSL.select(DSL.sum(REQUEST_TALLY.REQUESTS)).from(REQUEST_TALLY)
                .where(DSL.and(where)));
    }

    /**
     * The account's requests per status, and those of them in {@code loopId} with
     * {@code priority} (each when given), unless {@code veto} holds (asked in the same
     * statement). The database sums the tallies, so at most one row per status comes back.
     */
    Optional<RequestCounts> countsUnless(String accountId, Optional<String> loopId,
                                         Optional<Priority> priority, Condition veto) {
        List<Condition> narrowing = new ArrayList<>(2);
        loopId.ifPresent(id -> narrowing.add(REQUEST_TALLY.LOOP_ID.eq(id)));
        priority.ifPresent(p -> narrowing.add(REQUEST_TALLY.PRIORITY_RANK.eq((byte) p.rank())));
        Field<BigDecimal> all = DSL.sum(REQUEST_TALLY.REQUESTS);
        Field<BigDecimal> narrowed = narrowing.isEmpty() ? all
                : DSL.sum(DSL.when(DSL.and(narrowing), REQUEST_TALLY.REQUESTS)
                        .else_(DSL.inline(0)));
        RequestCounts counts = new RequestCounts();
        for (var row : dsl.select(REQUEST_TALLY.STATUS, all, narrowed, DSL.field(veto))
                .from(REQUEST_TALLY)
                .where(REQUEST_TALLY.ACCOUNT_ID.eq(accountId))
                .groupBy(REQUEST_TALLY.STATUS)
                .fetch()) {
            if (Boolean.TRUE.equals(row.value4())) {
                return Optional.empty();
            }
            counts.add(Status.fromStored(row.value1()), row.value2().intValue(),
                    row.value3().intValue());
        }
        return Optional.of(counts);
    }

    Map<String, Integer> byStatus(String accountId) {
        return dsl.select(REQUEST_TALLY.STATUS, DSL.sum(REQUEST_TALLY.REQUESTS))
                .from(REQUEST_TALLY)
                .where(REQUEST_TALLY.ACCOUNT_ID.eq(accountId))
                .groupBy(REQUEST_TALLY.STATUS)
                .fetchMap(r -> r.value1(), r -> r.value2() == null ? 0 : r.value2().intValue());
    }
}
