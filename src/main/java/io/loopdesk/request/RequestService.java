package io.loopdesk.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.Ids;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.account.Permission;
import io.loopdesk.account.Secrets;
import io.loopdesk.db.Transactions;
import io.loopdesk.loop.Loop;
import io.loopdesk.loop.LoopRepository;
import io.loopdesk.problem.Conflict;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.quota.Quota;
import io.loopdesk.request.CancelOutcome.Cancelled;
import io.loopdesk.request.CancelOutcome.NotCancellable;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.exception.SQLStateClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's side of a request's life: create, read, adjust, cancel, feedback, and the timeout
 * that ends it by default. Each change runs in one transaction with its history event and its
 * listeners' writes; each status change is a single conditional write.
 */
public final class RequestService {

    public static final int MAX_BATCH = 500;
    public static final int MAX_FILTER_CANCEL = 100_000;
    /**
     * Chunks of a cancel by filter run two at a time, each in its own transaction: one keeps
     * the database busy while the other's rows are worked on here, so both cores do work.
     */
    private static final ExecutorService BULK = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "loopdesk-bulk-cancel");
        thread.setDaemon(true);
        return thread;
    });
    private static final Logger log = LoggerFactory.getLogger(RequestService.class);
    private static final int MAX_REASON = 500;
    /** How often a create rolled back by a deadlock is started again. */
    private static final int MAX_ATTEMPTS = 5;

    private final Transactions tx;
    private final RequestRepository requests;
    private final LoopRepository loops;
    private final AccountRepository accounts;
    private final Quota quota;
    private final Clock clock;
    private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();
    private volatile java.util.function.UnaryOperator<String> callbackUrlCheck =
            java.util.function.UnaryOperator.identity();

    public RequestService(Transactions tx, RequestRepository requests, LoopRepository loops,
                          AccountRepository accounts, Quota quota, Clock clock) {
        this.tx = tx;
        this.requests = requests;
        this.loops = loops;
        this.accounts = accounts;
        this.quota = quota;
        this.clock = clock;
    }

    public void addListener(RequestListener listener) {
        listeners.add(listener);
    }

    /** Checks every new request's {@code callback_url}: the webhook address guard (SPEC 4). */
    public void checkCallbackUrlsWith(java.util.function.UnaryOperator<String> check) {
        callbackUrlCheck = check;
    }

    public Clock clock() {
        return clock;
    }

    // ---- create -----------------------------------------------------------------------------

    /** A created (or, for a repeated idempotency key, the earlier) request and its audience. */
    public record Created(ReviewRequest request, int broadcastedTo, boolean replayed) {
    }

    public Created create(Caller caller, String loopId, Body body,
            Optional<String> idempotencyKey) {
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this loop");
        if (!Ids.isWellFormed(loopId)) {
            throw NotFound.loop();
        }
        idempotencyKey.ifPresent(RequestService::checkIdempotencyKey);
        NewRequest draft = NewRequest.parse(body, callbackUrlCheck);
        // Only a request sent with an idempotency key needs its body remembered.
        String bodyHash = idempotencyKey.isEmpty() ? null
                : Secrets.sha256(loopId + "\n" + canonical(body.node()));

        Optional<Created> replay = idempotencyKey.flatMap(key -> replay(caller, key, bodyHash));
        if (replay.isPresent()) {
            return replay.get();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Retries with one idempotency key wait on each other's insert of it. When the first
        // is then refused for the quota and rolls back, the waiters deadlock; so a retry does
        // not insert at all while its key's hour is used up. The unit that used it up may be
        // this very request's, committed since the look above: then it is a replay.
        if (idempotencyKey.isPresent() && caller.apiKey().isPresent()
                && quota.isUsedUp(caller.apiKey().get(), now)) {
            return replay(caller, idempotencyKey.get(), bodyHash)
                    .orElseThrow(() -> quota.exceeded(caller.apiKey().get(), now));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Created created = tx.inTransaction(() -> insert(caller, loopId, draft,
                        idempotencyKey.orElse(null), bodyHash, now));
                log.info("request created request_id={} account={} loop={} to=pending",
                        created.request().id(), caller.accountId(), loopId);
                return created;
            } catch (DataAccessException e) {
                // The quota unit is taken with the commit, which fails when the hour is used up.
                if (Quota.isUsedUp(e)) {
                    throw quota.exceeded(caller.apiKey().orElseThrow(), now);
                }
                // Waiters on a rolled-back insert of one idempotency key can still deadlock (the
                // hour used up between the check above and the commit); the database then rolls
                // one back whole, and it starts again a moment later.
                if (e.sqlStateClass() == SQLStateClass.C40_TRANSACTION_ROLLBACK) {
                    if (attempt < MAX_ATTEMPTS) {
                        pauseBeforeAttempt(attempt);
                        continue;
                    }
                    throw new Conflict("Concurrent retries of this request kept colliding;"
                            + " try again");
                }
                if (!(e instanceof IntegrityConstraintViolationException)) {
                    throw e;
                }
                // Two retries with one idempotency key raced; the loser answers like a replay.
                return idempotencyKey.flatMap(key -> replay(caller, key, bodyHash))
                        .orElseThrow(() -> e);
            }
        }
    }

    /** A few random milliseconds, more for each attempt, so that colliding retries spread. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a request", e);
        }
    }

    private Created insert(Caller caller, String loopId, NewRequest draft,
                           String idempotencyKey, String bodyHash, Instant now) {
        // Read with a shared lock: the loop cannot be deleted under a request being added.
        LoopRepository.Destination loop = loops.findForShare(loopId)
                .filter(l -> l.isOwnedBy(caller.accountId()))
                .orElseThrow(NotFound::loop);
        Instant quotaHour = caller.apiKey().map(key -> Quota.hourOf(now)).orElse(null);
        ReviewRequest request = new ReviewRequest(Ids.next(), caller.accountId(), loop.id(),
                caller.apiKeyId().orElse(null), draft.processingType(), draft.contentType(),
                draft.priority(), draft.requestText(), draft.imageUrl(), draft.context(),
                draft.platform(), draft.platformVersion(), draft.form().type(),
                draft.form().toJson(), draft.defaultResponse(),
                now.plusSeconds(draft.timeoutSeconds()), draft.callbackUrl(), draft.tags(),
                Status.PENDING, null, null, null, null, null, null, null, null, null, null, null,
                null, caller.apiKeyId().orElse(null), quotaHour, now, now, 1);
        requests.insert(request, idempotencyKey, bodyHash);
        record(request, null, caller.accountId(), RequestEvent.BY_CUSTOMER, "created", null,
                "request.created", Map.of(), caller.endpointsMayListen());
        // Every create of a key writes the same quota row: its unit is taken with the commit,
        // so the row's lock is held only while the database commits. Over quota, the commit
        // fails and the whole create rolls back.
        caller.apiKey().ifPresent(key -> quota.consume(key, now));
        return new Created(request, loop.activeMembers(), false);
    }

    private Optional<Created> replay(Caller caller, String key, String bodyHash) {
        return requests.findByIdempotencyKey(caller.accountId(), key).map(found -> {
            if (!Objects.equals(found.getValue(), bodyHash)) {
                throw new Conflict(
                        "Idempotency key was already used with a different request body");
            }
            ReviewRequest original = found.getKey();
            return new Created(original, loops.activeMemberCount(original.loopId()), true);
        });
    }

    private static void checkIdempotencyKey(String key) {
        if (key.isBlank() || key.length() > 255) {
            throw InvalidInput.validation("Idempotency-Key must be 1 to 255 characters");
        }
    }

    /** Key order does not change what a body means, so it does not change its hash either. */
    private static String canonical(ObjectNode body) {
        Object plain = Json.MAPPER.convertValue(body, Object.class);
        try {
            return Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(plain);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- read -------------------------------------------------------------------------------

    public ReviewRequest get(Caller caller, String id) {
        caller.require(Permission.REQUESTS_READ, "Access denied to this request");
        return find(caller, id);
    }

    public record Page(List<RequestRepository.Listed> requests, int total, boolean hasMore) {
    }

    /** One page of the requests' summaries, without the total a script's list answers with. */
    public List<RequestSummary> summaries(Caller caller, RequestQuery query) {
        caller.require(Permission.REQUESTS_READ, "Access denied to requests");
        return requests.summaries(query);
    }

    public Page list(Caller caller, RequestQuery query) {
        caller.require(Permission.REQUESTS_READ, "Access denied to requests");
        List<RequestRepository.Listed> found = requests.list(query);
        int total = requests.count(query);
        boolean hasMore = query.after().isPresent()
                ? found.size() == query.limit() && total > 0
                : query.offset() + found.size() < total;
        return new Page(found, total, hasMore);
    }

    /** Requests of one loop, for its owner (SPEC 2.4); others see the loop as missing. */
    public Page listInLoop(Caller caller, String loopId, RequestQuery query) {
        ownedLoop(caller, loopId);
        return list(caller, query);
    }

    public Map<Status, Integer> countsByStatus(Caller caller) {
        return byStatus(requests.countByStatus(caller.accountId()));
    }

    /**
     * The account's requests per status among those created before {@code moment}, all of them
     * and those in {@code loopId} with {@code priority} (each when given); empty when the quick
     * way cannot tell (a request that new exists), and counting must filter rows.
     */
    public Optional<RequestCounts> countsBefore(Caller caller, Optional<String> loopId,
                                                Optional<Priority> priority, Instant moment) {
        caller.require(Permission.REQUESTS_READ, "Access denied to requests");
        return requests.countsBefore(caller.accountId(), loopId, priority, moment);
    }

    private static Map<Status, Integer> byStatus(Map<String, Integer> stored) {
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(status, stored.getOrDefault(status.wireName(), 0));
        }
        return counts;
    }

    public List<RequestEvent> events(Caller caller, String id) {
        caller.require(Permission.REQUESTS_READ, "Access denied to this request");
        find(caller, id);
        return requests.events(id);
    }

    public ObjectNode toJson(ReviewRequest request) {
        Account responder = request.responseBy() == null ? null
                : accounts.findById(request.responseBy()).orElse(null);
        return RequestJson.of(request, responder);
    }

    public long latestEventId() {
        return requests.latestEventId();
    }

    // ---- cancel -----------------------------------------------------------------------------

    public CancelOutcome cancel(Caller caller, String id, Optional<String> reason) {
        if (!Ids.isWellFormed(id)) {
            throw NotFound.request();
        }
        // The checks come in the order a reader of the request would meet them: another
        // account's request is not found, whatever the caller may do or sends.
        return tx.inTransaction(() -> cancelOne(id, caller.accountId(), () -> {
            caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
            return checkReason(reason);
        }, caller.endpointsMayListen()));
    }

    /** One outcome per id, each decided exactly as a single cancel would decide it. */
    public record BatchItem(String requestId, String outcome, Status status, boolean refunded) {
    }

    public List<BatchItem> cancelMany(Caller caller, List<String> ids, Optional<String> reason) {
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        String checkedReason = checkReason(reason);
        if (ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw InvalidInput.validation("ids must hold 1 to " + MAX_BATCH + " request ids");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        return cancelBatch(distinct, caller.accountId(), checkedReason);
    }

    public int countMatching(Caller caller, RequestQuery filter) {
        caller.require(Permission.REQUESTS_READ, "Access denied to requests");
        return requests.count(filter);
    }

    /**
     * Cancels what matches the filter now. The filter always carries {@code created_before},
     * so requests created after the caller looked are never touched.
     */
    public List<BatchItem> cancelMatching(Caller caller, RequestQuery filter,
                                          Optional<String> reason) {
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        String checkedReason = checkReason(reason);
        List<String> ids = requests.matchingIds(filter, MAX_FILTER_CANCEL);
        List<Future<List<BatchItem>>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += MAX_BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_BATCH));
            chunks.add(BULK.submit(() -> cancelBatch(chunk, caller.accountId(), checkedReason)));
        }
        List<BatchItem> results = new ArrayList<>(ids.size());
        for (Future<List<BatchItem>> chunk : chunks) {
            results.addAll(outcomeOf(chunk));
        }
        return results;
    }

    private static List<BatchItem> outcomeOf(Future<List<BatchItem>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Cancels every open request of a loop that is about to be deleted. */
    public int cancelOpenInLoop(String loopId, String accountId) {
        int cancelled = 0;
        for (String id : requests.openIdsInLoop(loopId)) {
            CancelOutcome outcome = tx.inTransaction(() -> cancelOne(id, accountId,
                    "Loop deleted by its owner"));
            if (outcome instanceof Cancelled) {
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Cancels up to {@link #MAX_BATCH} distinct ids in one transaction, deciding each exactly
     * as {@link #cancelOne} would: the rows are locked first, so the statuses read are the
     * statuses changed from. The writes are set-wise (one update, one insert of the history,
     * one move of the tallies, one refund per key and hour), which makes cancelling ten
     * thousand requests a matter of seconds rather than minutes.
     */
    private List<BatchItem> cancelBatch(List<String> ids, String accountId, String reason) {
        List<String> wellFormed = ids.stream().filter(Ids::isWellFormed).toList();
        if (wellFormed.isEmpty()) {
            return ids.stream().map(id -> new BatchItem(id, "not_found", null, false)).toList();
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Map<String, ReviewRequest> locked = requests.lockForAccount(wellFormed, accountId);
            Map<String, ReviewRequest> open = new LinkedHashMap<>();
            Map<String, BatchItem> decided = new HashMap<>();
            for (ReviewRequest current : locked.values()) {
                ReviewRequest settled = current.isOverdue(now) ? settleOverdue(current, now)
                        : current;
                if (settled.status().isFinal()) {
                    decided.put(settled.id(), new BatchItem(settled.id(), "not_cancellable",
                            settled.status(), false));
                } else {
                    open.put(settled.id(), settled);
                }
            }
            if (!open.isEmpty()) {
                decided.putAll(cancelLocked(open, accountId, reason, now));
            }
            return ids.stream().map(id -> decided.getOrDefault(id,
                    new BatchItem(id, "not_found", null, false))).toList();
        });
    }

    /** Inside {@link #cancelBatch}'s transaction: cancels open requests whose rows it holds. */
    private Map<String, BatchItem> cancelLocked(Map<String, ReviewRequest> open, String accountId,
                                                String reason, Instant now) {
        if (requests.markAllCancelled(open.keySet(), reason, now) != open.size()) {
            throw new IllegalStateException("locked requests changed under their lock");
        }
        // The rows are locked: each is now exactly what it was, cancelled.
        Map<String, ReviewRequest> after = new LinkedHashMap<>();
        open.values().forEach(before -> after.put(before.id(), before.cancelled(reason, now)));
        int refunded = 0;
        List<RequestEvent> history = new ArrayList<>(open.size());
        Map<String, Status> previous = new LinkedHashMap<>();
        // Sorted, so that two batches refunding to the same rows lock them in the same order.
        Map<List<Object>, Integer> refunds = new TreeMap<>(Comparator
                .comparing((List<Object> k) -> (String) k.get(0))
                .thenComparing(k -> (Instant) k.get(1)));
        Map<String, BatchItem> decided = new HashMap<>();
        List<RequestListener.Change> changes = new ArrayList<>(open.size());
        for (ReviewRequest before : open.values()) {
            ReviewRequest changed = after.get(before.id());
            Cancelled cancelled = new Cancelled(changed, before.status());
            ObjectNode details = Json.object().put("refunded", cancelled.refunded());
            details.put("reason", reason);
            history.add(new RequestEvent(0, before.id(), accountId, RequestEvent.BY_CUSTOMER,
                    "cancelled", before.status(), Status.CANCELLED, details,
                    changed.updatedAt()));
            previous.put(before.id(), before.status());
            if (cancelled.refunded() && before.quotaKeyId() != null
                    && before.quotaHour() != null) {
                refunds.merge(List.of(before.quotaKeyId(), before.quotaHour()), 1, Integer::sum);
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("refund_info", RequestJson.refundInfo(cancelled));
            extra.put("cancel_reason", reason);
            changes.add(new RequestListener.Change(changed, before.status(), extra));
            decided.put(before.id(), new BatchItem(before.id(), "cancelled", Status.CANCELLED,
                    cancelled.refunded()));
            refunded += cancelled.refunded() ? 1 : 0;
            log.debug("request cancelled request_id={} account={} from={} to=cancelled "
                    + "refunded={}", before.id(), accountId, before.status().wireName(),
                    cancelled.refunded());
        }
        // One line per batch: the history of each request has its own line in the database.
        log.info("requests cancelled in a batch account={} count={} refunded={} to=cancelled",
                accountId, open.size(), refunded);
        requests.appendEvents(history);
        requests.tallyAll(after.values(), previous);
        listeners.forEach(listener -> listener.changedAll("request.cancelled", changes));
        // Last, as in a single cancel: the quota rows are shared by all of a key's requests.
        refunds.forEach((keyAndHour, units) -> quota.refund((String) keyAndHour.get(0),
                (Instant) keyAndHour.get(1), units));
        return decided;
    }

    /** Must run inside a transaction: {@link #cancelOne(String, String, Supplier, boolean)}. */
    private CancelOutcome cancelOne(String id, String accountId, String reason) {
        return cancelOne(id, accountId, () -> reason, true);
    }

    /**
     * Cancels one request of the account, unless it is final. The request is read with its row
     * locked, so the status read is the status changed from: of two cancels racing, the second
     * waits for the first to commit and then reads a final request. The writes go with the
     * commit, in one round trip, and the answer is built from the row read.
     *
     * @param checks run once the request is known to be the account's; answers the reason
     * @param endpointsMayListen false when the caller's account is known to have no webhook
     *                           endpoints (see Caller)
     */
    private CancelOutcome cancelOne(String id, String accountId, Supplier<String> checks,
                                    boolean endpointsMayListen) {
        ReviewRequest current = requests.lockForAccount(id, accountId)
                .orElseThrow(NotFound::request);
        String reason = checks.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (current.isOverdue(now)) {
            current = settleOverdue(current, now);
        }
        if (current.status().isFinal()) {
            return new NotCancellable(current);
        }
        requests.cancelAtCommit(current, reason, now);
        Status previous = current.status();
        ReviewRequest after = current.cancelled(reason, now);
        Cancelled cancelled = new Cancelled(after, previous);
        ObjectNode details = Json.object().put("refunded", cancelled.refunded());
        details.put("reason", reason);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("refund_info", RequestJson.refundInfo(cancelled));
        extra.put("cancel_reason", reason);
        record(after, previous, accountId, RequestEvent.BY_CUSTOMER, "cancelled", details,
                "request.cancelled", extra, endpointsMayListen);
        // With the commit, like the create's: the key's quota row is shared by all its requests.
        if (previous == Status.PENDING && current.quotaKeyId() != null) {
            quota.refund(current.quotaKeyId(), current.quotaHour());
        }
        log.info("request cancelled request_id={} account={} from={} to=cancelled refunded={}",
                id, accountId, previous.wireName(), cancelled.refunded());
        return cancelled;
    }

    private static String checkReason(Optional<String> reason) {
        String text = reason.map(String::strip).filter(r -> !r.isEmpty()).orElse(null);
        if (text != null && text.codePointCount(0, text.length()) > MAX_REASON) {
            throw InvalidInput.validation("reason must be at most " + MAX_REASON + " characters");
        }
        return text;
    }

    // ---- adjust -----------------------------------------------------------------------------

    public ReviewRequest adjust(Caller caller, String id, Body body) {
        ReviewRequest current = find(caller, id);
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        Adjustment change = Adjustment.parse(body);

        ReviewRequest adjusted = tx.inTransaction(() -> {
            ReviewRequest fresh = requests.findForAccount(current.id(), caller.accountId())
                    .orElseThrow(NotFound::request);
            Instant now = clock.instant();
            if (fresh.isOverdue(now)) {
                fresh = settleOverdue(fresh, now);
            }
            if (fresh.status().isFinal()) {
                // Returned rather than thrown, so that a timeout settled just now is kept.
                return fresh;
            }
            ReviewRequest changed = change.applyTo(fresh);
            if (!requests.adjust(changed, fresh.version(), now)) {
                throw new Conflict("The request changed while it was being adjusted; try again");
            }
            ReviewRequest after = requests.findById(id).orElseThrow(NotFound::request);
            record(after, fresh.status(), caller.accountId(), RequestEvent.BY_CUSTOMER, "adjusted",
                    change.describe(), null, Map.of());
            requests.tallyPriority(after, fresh.priority());
            log.info("request adjusted request_id={} account={} version={}", id,
                    caller.accountId(), after.version());
            return after;
        });
        if (adjusted.status().isFinal()) {
            throw new InvalidInput("Request cannot be adjusted in current state",
                    Map.of("request_id", adjusted.id(), "status", adjusted.status().wireName()));
        }
        return adjusted;
    }

    // ---- feedback ---------------------------------------------------------------------------

    public record FeedbackGiven(ReviewRequest request, String feedbackId, JsonNode feedback,
                                Instant submittedAt) {
    }

    public FeedbackGiven addFeedback(Caller caller, String id, Body body) {
        ReviewRequest current = find(caller, id);
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        ObjectNode feedback = Feedback.parse(body);
        if (current.status() != Status.COMPLETED) {
            throw new InvalidInput("Feedback can only be added to completed requests");
        }
        if (current.feedbackId() != null) {
            throw new Conflict("Feedback has already been added to this request");
        }
        String feedbackId = Ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return tx.inTransaction(() -> {
            if (!requests.addFeedback(id, feedbackId, feedback, now)) {
                throw new Conflict("Feedback has already been added to this request");
            }
            ReviewRequest after = requests.findById(id).orElseThrow(NotFound::request);
            record(after, after.status(), caller.accountId(), RequestEvent.BY_CUSTOMER,
                    "feedback", feedback, null, Map.of());
            return new FeedbackGiven(after, feedbackId, feedback, now);
        });
    }

    // ---- timeout ----------------------------------------------------------------------------

    /** The sweeper's entry: times out one overdue request if it still is. */
    public void timeOut(String id) {
        tx.inTransaction(() -> requests.findById(id)
                .filter(r -> r.isOverdue(clock.instant()))
                .map(r -> settleOverdue(r, clock.instant())));
    }

    /**
     * Inside a transaction: moves an open request whose deadline has passed to {@code timeout}
     * with its default answer, and returns the request as it now stands (also when another
     * actor settled it first).
     */
    public ReviewRequest settleOverdue(ReviewRequest current, Instant now) {
        if (requests.markTimedOut(current.id(), current.status(), current.defaultResponse(), now)) {
            ReviewRequest after = requests.findById(current.id()).orElseThrow(NotFound::request);
            record(after, current.status(), null, RequestEvent.BY_SYSTEM, "timed_out", null,
                    "request.timeout", Map.of());
            log.info("request timed out request_id={} from={} to=timeout", current.id(),
                    current.status().wireName());
            return after;
        }
        return requests.findById(current.id()).orElseThrow(NotFound::request);
    }

    public List<String> overdueIds(int limit) {
        return requests.overdueIds(clock.instant(), limit);
    }

    /** Demo data only: places a just-created request in the past. */
    public void backdateForDemo(String id, Instant createdAt, Instant timeoutAt) {
        requests.backdate(id, createdAt, timeoutAt);
    }

    // ---- shared -----------------------------------------------------------------------------

    /**
     * Appends the history event, moves the request in the tallies and tells the listeners;
     * call inside the change's transaction, with {@code from} the status the change started
     * from (exactly: the one its conditional write required).
     */
    public void record(ReviewRequest after, Status from, String actorId, String actorKind,
                       String action, JsonNode details, String event, Map<String, Object> extra) {
        record(after, from, actorId, actorKind, action, details, event, extra, true);
    }

    /** {@link #record}, for a caller known to have no webhook endpoints or not (see Caller). */
    private void record(ReviewRequest after, Status from, String actorId, String actorKind,
                        String action, JsonNode details, String event, Map<String, Object> extra,
                        boolean endpointsMayListen) {
        requests.appendEvent(after.id(), actorId, actorKind, action, from, after.status(), details,
                after.updatedAt());
        if (event != null) {
            listeners.forEach(listener -> listener.changed(event, after, from, extra,
                    endpointsMayListen));
        }
        // Concurrent changes in one loop share a few tally rows: they are written with the
        // commit, so that their locks are held only while the database commits.
        requests.tally(after, from);
    }

    private ReviewRequest find(Caller caller, String id) {
        if (!Ids.isWellFormed(id)) {
            throw NotFound.request();
        }
        return requests.findForAccount(id, caller.accountId()).orElseThrow(NotFound::request);
    }

    private Loop ownedLoop(Caller caller, String loopId) {
        if (!Ids.isWellFormed(loopId)) {
            throw NotFound.loop();
        }
        return loops.findById(loopId).filter(loop -> loop.isOwnedBy(caller.accountId()))
                .orElseThrow(NotFound::loop);
    }
}
