package io.loopdesk.request;

import static io.loopdesk.db.schema.Tables.ACCOUNT;
import static io.loopdesk.db.schema.Tables.LOOP_MEMBER;
import static io.loopdesk.db.schema.Tables.REQUEST_EVENT;
import static io.loopdesk.db.schema.Tables.REVIEW_REQUEST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.db.RenderedSelect;
import io.loopdesk.db.RenderedWrite;
import io.loopdesk.db.Transactions;
import io.loopdesk.db.schema.tables.records.RequestEventRecord;
import io.loopdesk.db.schema.tables.records.ReviewRequestRecord;
import io.loopdesk.form.ResponseType;
import io.loopdesk.web.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectWhereStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Review requests and their history. Every state change is one conditional UPDATE whose WHERE
 * names the statuses it may start from, so of two racing actors exactly one changes the row.
 */
public final class RequestRepository {

    private static final List<String> OPEN = List.of("pending", "claimed");
    private static final String QUEUE_INDEX = "review_request_loop_queue";
    private static final String CLAIMED_BY_INDEX = "review_request_claimed_by";

    private final DSLContext dsl;
    private final RequestTally tally;
    /** What every read of one request by a script runs: rendered once (see RenderedSelect). */
    private final RenderedSelect<ReviewRequestRecord> byIdForAccount;
    private final RenderedSelect<ReviewRequestRecord> lockByIdForAccount;
    /** The writes of every create and cancel, rendered once (see RenderedWrite). */
    private final RenderedWrite insert;
    private final RenderedWrite appendEvent;
    private final RenderedWrite cancel;

    public RequestRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.tally = new RequestTally(dsl);
        Condition idForAccount = REVIEW_REQUEST.ID.eq(DSL.param("id", REVIEW_REQUEST.ID))
                .and(REVIEW_REQUEST.ACCOUNT_ID.eq(
                        DSL.param("account_id", REVIEW_REQUEST.ACCOUNT_ID)));
        this.byIdForAccount = RenderedSelect.of(dsl, REVIEW_REQUEST,
                dsl.selectFrom(REVIEW_REQUEST).where(idForAccount));
        this.lockByIdForAccount = RenderedSelect.of(dsl, REVIEW_REQUEST,
                dsl.selectFrom(REVIEW_REQUEST).where(idForAccount).forUpdate());
        this.insert = RenderedWrite.insert(dsl, REVIEW_REQUEST, REVIEW_REQUEST.ID,
                REVIEW_REQUEST.ACCOUNT_ID, REVIEW_REQUEST.LOOP_ID, REVIEW_REQUEST.API_KEY_ID,
                REVIEW_REQUEST.PROCESSING_TYPE, REVIEW_REQUEST.CONTENT_TYPE,
                REVIEW_REQUEST.PRIORITY, REVIEW_REQUEST.PRIORITY_RANK,
                REVIEW_REQUEST.REQUEST_TEXT, REVIEW_REQUEST.IMAGE_URL, REVIEW_REQUEST.CONTEXT,
                REVIEW_REQUEST.PLATFORM, REVIEW_REQUEST.PLATFORM_VERSION,
                REVIEW_REQUEST.RESPONSE_TYPE, REVIEW_REQUEST.RESPONSE_CONFIG,
                REVIEW_REQUEST.DEFAULT_RESPONSE, REVIEW_REQUEST.TIMEOUT_AT,
                REVIEW_REQUEST.CALLBACK_URL, REVIEW_REQUEST.TAGS, REVIEW_REQUEST.STATUS,
                REVIEW_REQUEST.QUOTA_KEY_ID, REVIEW_REQUEST.QUOTA_HOUR,
                REVIEW_REQUEST.IDEMPOTENCY_KEY, REVIEW_REQUEST.IDEMPOTENCY_HASH,
                REVIEW_REQUEST.CREATED_AT, REVIEW_REQUEST.UPDATED_AT, REVIEW_REQUEST.VERSION);
        this.appendEvent = RenderedWrite.insert(dsl, REQUEST_EVENT, REQUEST_EVENT.REQUEST_ID,
                REQUEST_EVENT.ACTOR_ID, REQUEST_EVENT.ACTOR_KIND, REQUEST_EVENT.ACTION,
                REQUEST_EVENT.FROM_STATUS, REQUEST_EVENT.TO_STATUS, REQUEST_EVENT.DETAILS,
                REQUEST_EVENT.CREATED_AT);
        this.cancel = RenderedWrite.of(dsl, dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, DSL.inline(Status.CANCELLED.wireName()))
                .set(REVIEW_REQUEST.CANCELLED_AT,
                        DSL.param("cancelled_at", REVIEW_REQUEST.CANCELLED_AT))
                .set(REVIEW_REQUEST.CANCEL_REASON,
                        DSL.param("reason", REVIEW_REQUEST.CANCEL_REASON))
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT,
                        DSL.inline(null, REVIEW_REQUEST.CLAIM_EXPIRES_AT))
                .set(REVIEW_REQUEST.UPDATED_AT,
                        DSL.param("updated_at", REVIEW_REQUEST.UPDATED_AT))
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(DSL.inline(1)))
                .where(REVIEW_REQUEST.ID.eq(DSL.param("id", REVIEW_REQUEST.ID))
                        .and(REVIEW_REQUEST.VERSION.eq(
                                DSL.param("version", REVIEW_REQUEST.VERSION)))));
    }

    /**
     * Adds the request with the commit of the surrounding transaction
     * ({@link Transactions#atCommit}): nothing in a create reads it again, and a second request
     * with the same idempotency key then fails the commit.
     */
    public void insert(ReviewRequest r, String idempotencyKey, String idempotencyHash) {
        Transactions.atCommit(insert.with(r.id(), r.accountId(), r.loopId(), r.apiKeyId(),
                r.processingType().wireName(), r.contentType().wireName(),
                r.priority().wireName(), (byte) r.priority().rank(), r.requestText(),
                r.imageUrl(), r.context() == null ? null : Json.write(r.context()),
                r.platform(), r.platformVersion(), r.responseType().wireName(),
                Json.write(r.responseConfig()), Json.write(r.defaultResponse()), r.timeoutAt(),
                r.callbackUrl(), Json.write(r.tags()), r.status().wireName(), r.quotaKeyId(),
                r.quotaHour(), idempotencyKey, idempotencyHash, r.createdAt(), r.updatedAt(),
                r.version()));
    }

    public Optional<ReviewRequest> findById(String id) {
        return dsl.selectFrom(REVIEW_REQUEST).where(REVIEW_REQUEST.ID.eq(id))
                .fetchOptional(RequestRepository::toRequest);
    }

    public Optional<ReviewRequest> findForAccount(String id, String accountId) {
        return byIdForAccount.with(id, accountId).fetchOptional(RequestRepository::toRequest);
    }

    /**
     * The account's request, locked for update until the transaction ends: a change decided
     * on what is read here can be written with the commit, as nobody else can change the row
     * in between.
     */
    public Optional<ReviewRequest> lockForAccount(String id, String accountId) {
        return lockByIdForAccount.with(id, accountId)
                .fetchOptional(RequestRepository::toRequest);
    }

    public List<ReviewRequest> findForAccount(Collection<String> ids, String accountId) {
        return dsl.selectFrom(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.ID.in(ids).and(REVIEW_REQUEST.ACCOUNT_ID.eq(accountId)))
                .fetch(RequestRepository::toRequest);
    }

    public Map<String, ReviewRequest> findAllById(Collection<String> ids) {
        Map<String, ReviewRequest> found = new LinkedHashMap<>();
        dsl.selectFrom(REVIEW_REQUEST).where(REVIEW_REQUEST.ID.in(ids))
                .forEach(r -> found.put(r.getId(), toRequest(r)));
        return found;
    }

    /**
     * The account's requests among {@code ids}, locked for update until the transaction ends,
     * in primary-key order (so that two batches over the same rows never wait crosswise).
     */
    public Map<String, ReviewRequest> lockForAccount(Collection<String> ids, String accountId) {
        Map<String, ReviewRequest> found = new LinkedHashMap<>();
        dsl.selectFrom(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.ID.in(ids).and(REVIEW_REQUEST.ACCOUNT_ID.eq(accountId)))
                .orderBy(REVIEW_REQUEST.ID)
                .forUpdate()
                .forEach(r -> found.put(r.getId(), toRequest(r)));
        return found;
    }

    /** The request an idempotency key created, with the hash of the body that created it. */
    public Optional<Map.Entry<ReviewRequest, String>> findByIdempotencyKey(String accountId,
                                                                           String key) {
        return dsl.selectFrom(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.ACCOUNT_ID.eq(accountId)
                        .and(REVIEW_REQUEST.IDEMPOTENCY_KEY.eq(key)))
                .fetchOptional(r -> Map.entry(toRequest(r), r.getIdempotencyHash()));
    }

    /** A request as the API lists it: with the account that answered it, if one did. */
    public record Listed(ReviewRequest request, Account responder) {
    }

    /** The page of {@code query}'s matches; the responders come in the same read. */
    public List<Listed> list(RequestQuery query) {
        var from = dsl.select(REVIEW_REQUEST.fields()).select(AccountRepository.SHOWN)
                .from(byAccount(query).leftJoin(ACCOUNT)
                        .on(ACCOUNT.ID.eq(REVIEW_REQUEST.RESPONSE_BY)));
        return page(from, query).fetch(r -> new Listed(toRequest(r.into(REVIEW_REQUEST)),
                AccountRepository.toAccount(r)));
    }

    /** {@link #list}, reading only what a line of the dashboard's list shows. */
    public List<RequestSummary> summaries(RequestQuery query) {
        var from = dsl.select(REVIEW_REQUEST.ID, REVIEW_REQUEST.LOOP_ID, REVIEW_REQUEST.PRIORITY,
                        REVIEW_REQUEST.STATUS,
                        DSL.substring(REVIEW_REQUEST.REQUEST_TEXT, 1,
                                RequestSummary.TEXT_START_LENGTH),
                        REVIEW_REQUEST.CREATED_AT, REVIEW_REQUEST.TIMEOUT_AT,
                        REVIEW_REQUEST.RESPONSE_AT, REVIEW_REQUEST.CANCELLED_AT,
                        REVIEW_REQUEST.CANCEL_REASON, REVIEW_REQUEST.UPDATED_AT)
                .from(byAccount(query));
        return page(from, query).fetch(r -> new RequestSummary(r.value1(), r.value2(),
                Priority.fromStored(r.value3()), Status.fromStored(r.value4()), r.value5(),
                r.value6(), r.value7(), r.value8(), r.value9(), r.value10(), r.value11()));
    }

    /** The page of {@code query}'s matches, newest or oldest first, read from {@code from}. */
    private static <R extends Record> ResultQuery<R> page(SelectWhereStep<R> from,
                                                           RequestQuery query) {
        var select = from.where(conditions(query))
                .and(query.after().map(RequestRepository::afterCursor).orElse(DSL.noCondition()))
                .orderBy(order(query.sort()));
        return query.after().isPresent()
                ? select.limit(query.limit())
                : select.limit(query.limit()).offset(query.offset());
    }

    /**
     * How many requests match. Counting an index of a million rows takes longer than a page
     * may, so filters the tallies can answer are answered from them; a time bound is no
     * obstacle while no request of the account was created at or after it.
     */
    public int count(RequestQuery query) {
        if (!RequestTally.canCount(query)) {
            return dsl.fetchCount(byAccount(query), conditions(query));
        }
        if (query.createdBefore().isEmpty()) {
            return tally.count(query);
        }
        // One round trip: the tallies' answer, and whether a request as new as the bound exists.
        var answer = dsl.select(RequestTally.sum(query), DSL.field(DSL.exists(dsl.selectOne()
                        .from(REVIEW_REQUEST)
                        .where(REVIEW_REQUEST.ACCOUNT_ID.eq(query.accountId())
                                .and(REVIEW_REQUEST.CREATED_AT.ge(query.createdBefore().get()))))))
                .fetchOne();
        if (Boolean.TRUE.equals(answer.value2())) {
            return dsl.fetchCount(byAccount(query), conditions(query));
        }
        return answer.value1() == null ? 0 : answer.value1().intValue();
    }

    public Map<String, Integer> countByStatus(String accountId) {
        return tally.byStatus(accountId);
    }

    /**
     * The account's requests per status among those created before {@code moment}, all and
     * within a loop and priority, in one round trip from the tallies; empty when a request that
     * new exists already, whose unit the tallies would count too.
     */
    public Optional<RequestCounts> countsBefore(String accountId, Optional<String> loopId,
                                                Optional<Priority> priority, Instant moment) {
        return tally.countsUnless(accountId, loopId, priority, DSL.exists(dsl.selectOne()
                .from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.ACCOUNT_ID.eq(accountId)
                        .and(REVIEW_REQUEST.CREATED_AT.ge(moment)))));
    }

    /**
     * Moves the request's unit in the tallies: from nothing when it was just created, from
     * {@code from} when its status changed. Call inside the change's transaction, after the
     * change, with the request as it now stands.
     */
    public void tally(ReviewRequest after, Status from) {
        if (from != after.status()) {
            tally.move(after, from, after.priority(), after.status(), after.priority());
        }
    }

    /** {@link #tally} for many requests at once, each from its status in {@code from}. */
    public void tallyAll(Collection<ReviewRequest> after, Map<String, Status> from) {
        tally.moveAll(after, from);
    }

    /** Its priority changed from {@code before}; same transaction, after the change. */
    public void tallyPriority(ReviewRequest after, Priority before) {
        if (before != after.priority()) {
            tally.move(after, after.status(), before, after.status(), after.priority());
        }
    }

    /** Ids matching a cancel-by-filter, newest first, never beyond {@code limit}. */
    public List<String> matchingIds(RequestQuery query, int limit) {
        return dsl.select(REVIEW_REQUEST.ID).from(byAccount(query))
                .where(conditions(query))
                .orderBy(REVIEW_REQUEST.CREATED_AT.desc(), REVIEW_REQUEST.ID.desc())
                .limit(limit)
                .fetch(REVIEW_REQUEST.ID);
    }

    // ---- transitions: each one conditional write ------------------------------------------

    /**
     * Cancels a request whose row the transaction has locked ({@link #lockForAccount}), with the
     * commit; the lock makes the version read the version changed. What is written here is what
     * {@link ReviewRequest#cancelled} answers.
     *
     * <p>The write names the row by id and version only. Every change of a request raises its
     * version, so the version read is also the open status read. A status condition as well
     * would make the database weigh the indexes that start with the status for a one-row
     * write: it took 6% of the database's CPU in a cancel's profile.
     */
    public void cancelAtCommit(ReviewRequest locked, String reason, Instant now) {
        Transactions.atCommit(cancel.with(now, reason, now, locked.id(), locked.version()));
    }

    /** Cancels open requests whose rows the caller has locked; answers how many changed. */
    public int markAllCancelled(Collection<String> ids, String reason, Instant now) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, Status.CANCELLED.wireName())
                .set(REVIEW_REQUEST.CANCELLED_AT, now)
                .set(REVIEW_REQUEST.CANCEL_REASON, reason)
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT, (Instant) null)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(1))
                .where(REVIEW_REQUEST.ID.in(ids).and(REVIEW_REQUEST.STATUS.in(OPEN)))
                .execute();
    }

    /**
     * Claims the pending request if it is still the version read; what is written here is what
     * {@link ReviewRequest#claimed} answers.
     */
    public boolean markClaimed(ReviewRequest read, String reviewerId, Instant now,
                               Instant leaseEnd) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, Status.CLAIMED.wireName())
                .set(REVIEW_REQUEST.CLAIMED_BY, reviewerId)
                .set(REVIEW_REQUEST.CLAIMED_AT, now)
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT, leaseEnd)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, read.version() + 1)
                .where(REVIEW_REQUEST.ID.eq(read.id())
                        .and(REVIEW_REQUEST.VERSION.eq(read.version()))
                        .and(REVIEW_REQUEST.STATUS.eq(Status.PENDING.wireName()))
                        .and(REVIEW_REQUEST.TIMEOUT_AT.gt(now)))
                .execute() == 1;
    }

    /** Back to pending: the reviewer's own release, or (with reviewer null) a lapsed lease. */
    public boolean markReleased(String id, String reviewerId, Instant now) {
        Condition whose = reviewerId == null
                ? REVIEW_REQUEST.CLAIM_EXPIRES_AT.le(now)
                : REVIEW_REQUEST.CLAIMED_BY.eq(reviewerId);
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, Status.PENDING.wireName())
                .set(REVIEW_REQUEST.CLAIMED_BY, (String) null)
                .set(REVIEW_REQUEST.CLAIMED_AT, (Instant) null)
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT, (Instant) null)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(1))
                .where(REVIEW_REQUEST.ID.eq(id)
                        .and(REVIEW_REQUEST.STATUS.eq(Status.CLAIMED.wireName()))
                        .and(whose))
                .execute() == 1;
    }

    /**
     * From {@code from}, which is pending (an implicit claim) or claimed by this reviewer, and
     * still inside its deadline. The starting status is named so that the tallies move exactly.
     */
    /**
     * Completes the request, pending or claimed by this reviewer, if it is still the version
     * read; what is written here is what {@link ReviewRequest#completed} answers.
     */
    public boolean markCompleted(ReviewRequest read, String reviewerId, JsonNode answer,
                                 Instant now) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, Status.COMPLETED.wireName())
                .set(REVIEW_REQUEST.RESPONSE_BY, reviewerId)
                .set(REVIEW_REQUEST.RESPONSE_AT, now)
                .set(REVIEW_REQUEST.RESPONSE_DATA, Json.write(answer))
                .set(REVIEW_REQUEST.RESPONSE_SOURCE, ReviewRequest.FROM_REVIEWER)
                .set(REVIEW_REQUEST.CLAIMED_BY, reviewerId)
                .set(REVIEW_REQUEST.CLAIMED_AT, read.claimedAt() == null ? now : read.claimedAt())
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT, (Instant) null)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, read.version() + 1)
                .where(REVIEW_REQUEST.ID.eq(read.id())
                        .and(REVIEW_REQUEST.VERSION.eq(read.version()))
                        .and(REVIEW_REQUEST.TIMEOUT_AT.gt(now))
                        .and(REVIEW_REQUEST.STATUS.eq(Status.PENDING.wireName())
                                .or(REVIEW_REQUEST.STATUS.eq(Status.CLAIMED.wireName())
                                        .and(REVIEW_REQUEST.CLAIMED_BY.eq(reviewerId)))))
                .execute() == 1;
    }

    /** The deadline passed while open: the default answer becomes the answer. */
    public boolean markTimedOut(String id, Status from, JsonNode defaultResponse, Instant now) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.STATUS, Status.TIMEOUT.wireName())
                .set(REVIEW_REQUEST.RESPONSE_AT, now)
                .set(REVIEW_REQUEST.RESPONSE_DATA, Json.write(defaultResponse))
                .set(REVIEW_REQUEST.RESPONSE_SOURCE, ReviewRequest.FROM_TIMEOUT)
                .set(REVIEW_REQUEST.CLAIM_EXPIRES_AT, (Instant) null)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(1))
                .where(REVIEW_REQUEST.ID.eq(id)
                        .and(REVIEW_REQUEST.STATUS.eq(from.wireName()))
                        .and(REVIEW_REQUEST.TIMEOUT_AT.le(now)))
                .execute() == 1;
    }

    /** An adjustment applies only to the version it was decided on, and only while open. */
    public boolean adjust(ReviewRequest changed, int expectedVersion, Instant now) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.PRIORITY, changed.priority().wireName())
                .set(REVIEW_REQUEST.PRIORITY_RANK, (byte) changed.priority().rank())
                .set(REVIEW_REQUEST.CONTEXT,
                        changed.context() == null ? null : Json.write(changed.context()))
                .set(REVIEW_REQUEST.TIMEOUT_AT, changed.timeoutAt())
                .set(REVIEW_REQUEST.TAGS, Json.write(changed.tags()))
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(1))
                .where(REVIEW_REQUEST.ID.eq(changed.id())
                        .and(REVIEW_REQUEST.VERSION.eq(expectedVersion))
                        .and(REVIEW_REQUEST.STATUS.in(OPEN)))
                .execute() == 1;
    }

    public boolean addFeedback(String id, String feedbackId, JsonNode feedback, Instant now) {
        return dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.FEEDBACK, Json.write(feedback))
                .set(REVIEW_REQUEST.FEEDBACK_ID, feedbackId)
                .set(REVIEW_REQUEST.FEEDBACK_AT, now)
                .set(REVIEW_REQUEST.UPDATED_AT, now)
                .set(REVIEW_REQUEST.VERSION, REVIEW_REQUEST.VERSION.plus(1))
                .where(REVIEW_REQUEST.ID.eq(id)
                        .and(REVIEW_REQUEST.STATUS.eq(Status.COMPLETED.wireName()))
                        .and(REVIEW_REQUEST.FEEDBACK_ID.isNull()))
                .execute() == 1;
    }

    /** Moves a new request's creation and deadline into the past; used to seed demo data. */
    public void backdate(String id, Instant createdAt, Instant timeoutAt) {
        dsl.update(REVIEW_REQUEST)
                .set(REVIEW_REQUEST.CREATED_AT, createdAt)
                .set(REVIEW_REQUEST.UPDATED_AT, createdAt)
                .set(REVIEW_REQUEST.TIMEOUT_AT, timeoutAt)
                .where(REVIEW_REQUEST.ID.eq(id))
                .execute();
        dsl.update(REQUEST_EVENT)
                .set(REQUEST_EVENT.CREATED_AT, createdAt)
                .where(REQUEST_EVENT.REQUEST_ID.eq(id))
                .execute();
    }

    // ---- background work ------------------------------------------------------------------

    public List<String> overdueIds(Instant now, int limit) {
        return dsl.select(REVIEW_REQUEST.ID).from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.STATUS.in(OPEN).and(REVIEW_REQUEST.TIMEOUT_AT.le(now)))
                .limit(limit)
                .fetch(REVIEW_REQUEST.ID);
    }

    public List<String> lapsedClaimIds(Instant now, int limit) {
        return dsl.select(REVIEW_REQUEST.ID).from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.STATUS.eq(Status.CLAIMED.wireName())
                        .and(REVIEW_REQUEST.CLAIM_EXPIRES_AT.le(now)))
                .limit(limit)
                .fetch(REVIEW_REQUEST.ID);
    }

    public List<String> claimedIdsInLoop(String loopId, String reviewerId) {
        return dsl.select(REVIEW_REQUEST.ID).from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.CLAIMED_BY.eq(reviewerId)
                        .and(REVIEW_REQUEST.STATUS.eq(Status.CLAIMED.wireName()))
                        .and(REVIEW_REQUEST.LOOP_ID.eq(loopId)))
                .fetch(REVIEW_REQUEST.ID);
    }

    public List<String> openIdsInLoop(String loopId) {
        return dsl.select(REVIEW_REQUEST.ID).from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.LOOP_ID.eq(loopId).and(REVIEW_REQUEST.STATUS.in(OPEN)))
                .fetch(REVIEW_REQUEST.ID);
    }

    // ---- the reviewer's view ------------------------------------------------------------

    /**
     * Open work for a reviewer: pending requests of every loop they are an active member of,
     * plus those claimed by them, at most {@code limit} of each; most urgent first, then oldest
     * first.
     *
     * <p>Asked as one ORDER BY over all of it, the database sorts every open request of the
     * reviewer's loops to return the first 200 (over a second for a loop with thousands
     * waiting). So each loop and priority is read on its own, in the order of the
     * {@code (loop_id, status, priority_rank, created_at)} index and cut at the limit, the
     * candidates' keys are merged, and only the rows that made the cut are read.
     */
    public List<ReviewRequest> queueFor(String reviewerId, Instant now, int limit) {
        List<String> loops = loopsOfReviewer(reviewerId);
        if (loops.isEmpty()) {
            return List.of();
        }
        List<Select<Record3<String, Byte, Instant>>> parts = new ArrayList<>();
        for (String loop : loops) {
            for (Priority priority : Priority.values()) {
                parts.add(queueCandidates(QUEUE_INDEX, REVIEW_REQUEST.LOOP_ID.eq(loop)
                        .and(REVIEW_REQUEST.STATUS.eq(Status.PENDING.wireName()))
                        .and(REVIEW_REQUEST.PRIORITY_RANK.eq((byte) priority.rank())), limit));
            }
        }
        var candidates = unionAll(parts).asTable("candidate");
        List<String> ids = new ArrayList<>(dsl.select(candidates.field(REVIEW_REQUEST.ID))
                .from(candidates)
                .orderBy(candidates.field(REVIEW_REQUEST.PRIORITY_RANK).desc(),
                        candidates.field(REVIEW_REQUEST.CREATED_AT).asc(),
                        candidates.field(REVIEW_REQUEST.ID).asc())
                .limit(limit)
                .fetch(candidates.field(REVIEW_REQUEST.ID)));
        // The reviewer's own claims are cut at the limit apart from the pending requests, so
        // that holding many claims never hides what waits.
        ids.addAll(dsl.fetch(queueCandidates(CLAIMED_BY_INDEX,
                REVIEW_REQUEST.CLAIMED_BY.eq(reviewerId)
                        .and(REVIEW_REQUEST.STATUS.eq(Status.CLAIMED.wireName()))
                        .and(REVIEW_REQUEST.LOOP_ID.in(loops)), limit))
                .getValues(REVIEW_REQUEST.ID));
        // The deadline is checked here, on the rows that made the cut, so that the parts above
        // read their index alone; an overdue request the sweeper has not settled yet is left out.
        return findAllById(ids).values().stream()
                .filter(r -> r.timeoutAt().isAfter(now))
                .sorted(Comparator.comparing((ReviewRequest r) -> r.priority().rank()).reversed()
                        .thenComparing(ReviewRequest::createdAt)
                        .thenComparing(ReviewRequest::id))
                .toList();
    }

    /** The loops the reviewer is an active member of. */
    public List<String> loopsOfReviewer(String reviewerId) {
        return dsl.select(LOOP_MEMBER.LOOP_ID).from(LOOP_MEMBER)
                .where(LOOP_MEMBER.ACCOUNT_ID.eq(reviewerId).and(LOOP_MEMBER.STATUS.eq("active")))
                .fetch(LOOP_MEMBER.LOOP_ID);
    }

    /** Pending requests of one loop and one priority: a queue within the reviewer's queue. */
    public record QueueGroup(String loopId, byte priorityRank) {
    }

    /**
     * The groups of these loops that have a pending request, in the order the queue serves
     * them: most urgent first, then the group whose oldest request is oldest. Each group's head
     * is read from the queue index alone.
     */
    public List<QueueGroup> pendingGroups(List<String> loops) {
        if (loops.isEmpty()) {
            return List.of();
        }
        List<Select<Record3<String, Byte, Instant>>> heads = new ArrayList<>();
        for (String loop : loops) {
            for (Priority priority : Priority.values()) {
                heads.add(DSL.select(REVIEW_REQUEST.LOOP_ID, REVIEW_REQUEST.PRIORITY_RANK,
                                REVIEW_REQUEST.CREATED_AT)
                        .from(REVIEW_REQUEST.forceIndex(QUEUE_INDEX))
                        .where(REVIEW_REQUEST.LOOP_ID.eq(loop)
                                .and(REVIEW_REQUEST.STATUS.eq(Status.PENDING.wireName()))
                                .and(REVIEW_REQUEST.PRIORITY_RANK.eq((byte) priority.rank())))
                        .orderBy(REVIEW_REQUEST.CREATED_AT.asc())
                        .limit(1));
            }
        }
        var head = unionAll(heads).asTable("head");
        return dsl.select(head.field(REVIEW_REQUEST.LOOP_ID),
                        head.field(REVIEW_REQUEST.PRIORITY_RANK))
                .from(head)
                .orderBy(head.field(REVIEW_REQUEST.PRIORITY_RANK).desc(),
                        head.field(REVIEW_REQUEST.CREATED_AT).asc())
                .fetch(r -> new QueueGroup(r.value1(), r.value2()));
    }

    /**
     * Locks the group's oldest pending request that no other transaction has locked, skipping
     * those that one has (SKIP LOCKED): reviewers asking for their next request at the same
     * moment each get a different one instead of waiting on one row. The index is read in
     * order and the read stops at the first row it can lock, so only that row is locked.
     */
    public Optional<ReviewRequest> lockOldestPending(QueueGroup group, Instant now) {
        return dsl.selectFrom(REVIEW_REQUEST.forceIndex(QUEUE_INDEX))
                .where(REVIEW_REQUEST.LOOP_ID.eq(group.loopId())
                        .and(REVIEW_REQUEST.STATUS.eq(Status.PENDING.wireName()))
                        .and(REVIEW_REQUEST.PRIORITY_RANK.eq(group.priorityRank()))
                        .and(REVIEW_REQUEST.TIMEOUT_AT.gt(now)))
                .orderBy(REVIEW_REQUEST.CREATED_AT.asc(), REVIEW_REQUEST.ID.asc())
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional(RequestRepository::toRequest);
    }

    private static <R extends Record> Select<R> unionAll(List<Select<R>> parts) {
        Select<R> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionAll(parts.get(i));
        }
        return all;
    }

    /**
     * The index is named: left to itself the optimizer sometimes prefers
     * {@code (status, timeout_at)} for one part, and then sorts every pending request there is.
     */
    private Select<Record3<String, Byte, Instant>> queueCandidates(String index, Condition which,
                                                                   int limit) {
        return DSL.select(REVIEW_REQUEST.ID, REVIEW_REQUEST.PRIORITY_RANK,
                        REVIEW_REQUEST.CREATED_AT)
                .from(REVIEW_REQUEST.forceIndex(index))
                .where(which)
                .orderBy(REVIEW_REQUEST.PRIORITY_RANK.desc(), REVIEW_REQUEST.CREATED_AT.asc(),
                        REVIEW_REQUEST.ID.asc())
                .limit(limit);
    }

    public List<ReviewRequest> answeredBy(String reviewerId, int limit) {
        return dsl.selectFrom(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.RESPONSE_BY.eq(reviewerId))
                .orderBy(REVIEW_REQUEST.RESPONSE_AT.desc())
                .limit(limit)
                .fetch(RequestRepository::toRequest);
    }

    // ---- history ----------------------------------------------------------------------------

    /** Adds a line to the request's history with the commit: no change reads it again. */
    public void appendEvent(String requestId, String actorId, String actorKind, String action,
                            Status from, Status to, JsonNode details, Instant now) {
        Transactions.atCommit(appendEvent.with(requestId, actorId, actorKind, action,
                from == null ? null : from.wireName(), to == null ? null : to.wireName(),
                details == null ? null : Json.write(details), now));
    }

    /** Many history lines in one statement; their ids come from the database. */
    public void appendEvents(List<RequestEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(REQUEST_EVENT, REQUEST_EVENT.REQUEST_ID,
                REQUEST_EVENT.ACTOR_ID, REQUEST_EVENT.ACTOR_KIND, REQUEST_EVENT.ACTION,
                REQUEST_EVENT.FROM_STATUS, REQUEST_EVENT.TO_STATUS, REQUEST_EVENT.DETAILS,
                REQUEST_EVENT.CREATED_AT);
        for (RequestEvent e : events) {
            insert = insert.values(e.requestId(), e.actorId(), e.actorKind(), e.action(),
                    e.fromStatus() == null ? null : e.fromStatus().wireName(),
                    e.toStatus() == null ? null : e.toStatus().wireName(),
                    e.details() == null ? null : Json.write(e.details()), e.createdAt());
        }
        insert.execute();
    }

    public List<RequestEvent> events(String requestId) {
        return dsl.selectFrom(REQUEST_EVENT)
                .where(REQUEST_EVENT.REQUEST_ID.eq(requestId))
                .orderBy(REQUEST_EVENT.ID)
                .fetch(RequestRepository::toEvent);
    }

    /** The newest event id: a cheap change marker that every server process sees alike. */
    public long latestEventId() {
        Long max = dsl.select(DSL.max(REQUEST_EVENT.ID)).from(REQUEST_EVENT).fetchOne(0,
                Long.class);
        return max == null ? 0 : max;
    }

    // ---- mapping ----------------------------------------------------------------------------

    private static Condition conditions(RequestQuery q) {
        List<Condition> where = new ArrayList<>();
        where.add(REVIEW_REQUEST.ACCOUNT_ID.eq(q.accountId()));
        q.status().ifPresent(s -> where.add(REVIEW_REQUEST.STATUS.eq(s.wireName())));
        q.priority().ifPresent(p -> where.add(REVIEW_REQUEST.PRIORITY_RANK.eq((byte) p.rank())));
        q.loopId().ifPresent(id -> where.add(REVIEW_REQUEST.LOOP_ID.eq(id)));
        q.createdBefore().ifPresent(t -> where.add(REVIEW_REQUEST.CREATED_AT.lt(t)));
        q.createdAfter().ifPresent(t -> where.add(REVIEW_REQUEST.CREATED_AT.gt(t)));
        q.text().ifPresent(text -> where.add(
                REVIEW_REQUEST.REQUEST_TEXT.containsIgnoreCase(text)));
        return DSL.and(where);
    }

    /**
     * Spelled out rather than as a row comparison {@code (created_at, id) < (?, ?)}: MariaDB
     * does not seek an index with the row form, and page 1,000 then walks 25,000 entries.
     */
    /**
     * The requests table for a query of one account's requests, limited to the indexes that
     * start with the account: by creation, and by the status, loop or priority the query fixes
     * or sorts by. Left to itself with a large limit (cancel by filter asks for up to 100,000
     * ids), the optimizer sometimes takes {@code (status, timeout_at)} and reads the matching
     * requests of every account, seconds instead of milliseconds.
     */
    private static Table<ReviewRequestRecord> byAccount(RequestQuery q) {
        List<String> indexes = new ArrayList<>();
        indexes.add("review_request_account_created");
        if (q.status().isPresent() || q.sort() == RequestQuery.Sort.STATUS_ASC) {
            indexes.add("review_request_account_status");
        }
        if (q.loopId().isPresent()) {
            indexes.add("review_request_account_loop");
        }
        if (q.priority().isPresent() || q.sort() == RequestQuery.Sort.PRIORITY_DESC) {
            indexes.add("review_request_account_priority");
        }
        return REVIEW_REQUEST.useIndex(indexes.toArray(String[]::new));
    }

    private static Condition afterCursor(RequestQuery.Cursor cursor) {
        return REVIEW_REQUEST.CREATED_AT.lt(cursor.createdAt())
                .or(REVIEW_REQUEST.CREATED_AT.eq(cursor.createdAt())
                        .and(REVIEW_REQUEST.ID.lt(cursor.id())));
    }

    private static List<SortField<?>> order(RequestQuery.Sort sort) {
        return switch (sort) {
            case CREATED_AT_DESC -> List.of(REVIEW_REQUEST.CREATED_AT.desc(),
                    REVIEW_REQUEST.ID.desc());
            case CREATED_AT_ASC -> List.of(REVIEW_REQUEST.CREATED_AT.asc(),
                    REVIEW_REQUEST.ID.asc());
            case PRIORITY_DESC -> List.of(REVIEW_REQUEST.PRIORITY_RANK.desc(),
                    REVIEW_REQUEST.CREATED_AT.desc(), REVIEW_REQUEST.ID.desc());
            case STATUS_ASC -> List.of(REVIEW_REQUEST.STATUS.asc(),
                    REVIEW_REQUEST.CREATED_AT.desc(), REVIEW_REQUEST.ID.desc());
        };
    }

    static ReviewRequest toRequest(ReviewRequestRecord r) {
        return new ReviewRequest(
                r.getId(), r.getAccountId(), r.getLoopId(), r.getApiKeyId(),
                ProcessingType.fromWire(r.getProcessingType()).orElseThrow(),
                ContentType.fromWire(r.getContentType()).orElseThrow(),
                Priority.fromStored(r.getPriority()),
                r.getRequestText(), r.getImageUrl(), Json.readStored(r.getContext()),
                r.getPlatform(), r.getPlatformVersion(),
                ResponseType.fromWire(r.getResponseType()).orElseThrow(),
                Json.readStored(r.getResponseConfig()), Json.readStored(r.getDefaultResponse()),
                r.getTimeoutAt(), r.getCallbackUrl(), tags(r.getTags()),
                Status.fromStored(r.getStatus()),
                r.getClaimedBy(), r.getClaimedAt(), r.getClaimExpiresAt(),
                r.getResponseBy(), r.getResponseAt(), Json.readStored(r.getResponseData()),
                r.getResponseSource(), r.getCancelledAt(), r.getCancelReason(),
                Json.readStored(r.getFeedback()), r.getFeedbackId(), r.getFeedbackAt(),
                r.getQuotaKeyId(), r.getQuotaHour(), r.getCreatedAt(), r.getUpdatedAt(),
                r.getVersion());
    }

    private static List<String> tags(String stored) {
        JsonNode node = Json.readStored(stored);
        List<String> tags = new ArrayList<>();
        if (node instanceof ArrayNode array) {
            array.forEach(tag -> tags.add(tag.asText()));
        }
        return List.copyOf(tags);
    }

    private static RequestEvent toEvent(RequestEventRecord r) {
        return new RequestEvent(r.getId(), r.getRequestId(), r.getActorId(), r.getActorKind(),
                r.getAction(),
                r.getFromStatus() == null ? null : Status.fromStored(r.getFromStatus()),
                r.getToStatus() == null ? null : Status.fromStored(r.getToStatus()),
                Json.readStored(r.getDetails()), r.getCreatedAt());
    }
}
