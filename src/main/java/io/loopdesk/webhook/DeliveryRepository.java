package io.loopdesk.webhook;

import static io.loopdesk.db.schema.Tables.WEBHOOK_ATTEMPT;
import static io.loopdesk.db.schema.Tables.WEBHOOK_DELIVERY;
import static io.loopdesk.db.schema.Tables.WEBHOOK_EVENT;

import io.loopdesk.db.schema.tables.records.WebhookAttemptRecord;
import io.loopdesk.db.schema.tables.records.WebhookDeliveryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The webhook outbox: events as they were sent, one delivery per event and target, and every
 * attempt. Deliveries are claimed with a lease (a conditional update), so several processes
 * polling the same table never hold the same delivery at once.
 */
// LIMITATION: delivered and failed deliveries, their attempts and their events are kept for
// ever — a retention job deleting them after some weeks would keep the tables bounded.
public final class DeliveryRepository {

    private static final String PENDING = DeliveryStatus.PENDING.wireName();
    private static final int MAX_ERROR = 500;

    private final DSLContext dsl;

    public DeliveryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    // ---- outbox -------------------------------------------------------------------------

    /**
     * The next position in the request's event order. Called after the request's row was
     * changed in the same transaction, so its row lock orders concurrent callers.
     */
    public int nextRequestSeq(String requestId) {
        Integer last = dsl.select(DSL.max(WEBHOOK_EVENT.REQUEST_SEQ)).from(WEBHOOK_EVENT)
                .where(WEBHOOK_EVENT.REQUEST_ID.eq(requestId)).fetchOne(0, Integer.class);
        return last == null ? 1 : last + 1;
    }

    public void insertEvent(String id, String accountId, String requestId, int requestSeq,
                            String event, String payload, Instant now) {
        dsl.insertInto(WEBHOOK_EVENT)
                .set(WEBHOOK_EVENT.ID, id)
                .set(WEBHOOK_EVENT.ACCOUNT_ID, accountId)
                .set(WEBHOOK_EVENT.REQUEST_ID, requestId)
                .set(WEBHOOK_EVENT.REQUEST_SEQ, requestSeq)
                .set(WEBHOOK_EVENT.EVENT, event)
                .set(WEBHOOK_EVENT.PAYLOAD, payload)
                .set(WEBHOOK_EVENT.CREATED_AT, now)
                .execute();
    }

    /** A new delivery, due now; {@code leaseToken} non-null when the caller sends it itself. */
    public void insertDelivery(String id, String eventId, String accountId, String requestId,
                               int requestSeq, String event, String endpointId, String url,
                               Instant now, String leaseToken, Instant leaseUntil) {
        dsl.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ID, id)
                .set(WEBHOOK_DELIVERY.EVENT_ID, eventId)
                .set(WEBHOOK_DELIVERY.ACCOUNT_ID, accountId)
                .set(WEBHOOK_DELIVERY.REQUEST_ID, requestId)
                .set(WEBHOOK_DELIVERY.REQUEST_SEQ, requestSeq)
                .set(WEBHOOK_DELIVERY.EVENT, event)
                .set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId)
                .set(WEBHOOK_DELIVERY.URL, url)
                .set(WEBHOOK_DELIVERY.STATUS, PENDING)
                .set(WEBHOOK_DELIVERY.ATTEMPT_COUNT, 0)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .set(WEBHOOK_DELIVERY.LEASE_TOKEN, leaseToken)
                .set(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT, leaseUntil)
                .set(WEBHOOK_DELIVERY.CREATED_AT, now)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .execute();
    }

    // ---- claiming and recording ---------------------------------------------------------

    /**
     * Leases up to {@code limit} due deliveries to {@code token} and returns them. A delivery is
     * due when it is pending, its time has come, nobody holds a live lease on it, and no earlier
     * event of the same request is still pending for the same target (events of one request
     * reach a target in order). The lease is taken by a conditional update, so when two
     * processes pick the same row only one of them gets it.
     */
    public List<ClaimedDelivery> claimDue(String token, Instant now, Instant leaseUntil,
                                          int limit) {
        var d = WEBHOOK_DELIVERY.as("d");
        var earlier = WEBHOOK_DELIVERY.as("earlier");
        List<String> candidates = dsl.select(d.ID).from(d)
                .where(d.STATUS.eq(PENDING))
                .and(d.NEXT_ATTEMPT_AT.le(now))
                .and(d.LEASE_EXPIRES_AT.isNull().or(d.LEASE_EXPIRES_AT.le(now)))
                .andNotExists(DSL.selectOne().from(earlier)
                        .where(earlier.REQUEST_ID.eq(d.REQUEST_ID))
                        .and(earlier.REQUEST_SEQ.lt(d.REQUEST_SEQ))
                        .and(earlier.STATUS.eq(PENDING))
                        .and(earlier.ENDPOINT_ID.isNotDistinctFrom(d.ENDPOINT_ID)))
                .orderBy(d.NEXT_ATTEMPT_AT, d.ID)
                .limit(limit)
                .fetch(d.ID);
        if (candidates.isEmpty()) {
            return List.of();
        }
        int leased = dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.LEASE_TOKEN, token)
                .set(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT, leaseUntil)
                .where(WEBHOOK_DELIVERY.ID.in(candidates))
                .and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .and(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT.isNull()
                        .or(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT.le(now)))
                .execute();
        return leased == 0 ? List.of() : claimedWith(token);
    }

    public List<ClaimedDelivery> claimedWith(String token) {
        return dsl.select(WEBHOOK_DELIVERY.fields()).select(WEBHOOK_EVENT.PAYLOAD)
                .from(WEBHOOK_DELIVERY)
                .join(WEBHOOK_EVENT).on(WEBHOOK_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(WEBHOOK_DELIVERY.LEASE_TOKEN.eq(token))
                .and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.ID)
                .fetch(DeliveryRepository::toClaimed);
    }

    /** How many attempts a delivery has had, across every "send again". */
    public int attemptsMade(String deliveryId) {
        return dsl.fetchCount(WEBHOOK_ATTEMPT, WEBHOOK_ATTEMPT.DELIVERY_ID.eq(deliveryId));
    }

    public void insertAttempt(String deliveryId, DeliveryAttempt attempt) {
        dsl.insertInto(WEBHOOK_ATTEMPT)
                .set(WEBHOOK_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(WEBHOOK_ATTEMPT.ATTEMPT_NUMBER, attempt.number())
                .set(WEBHOOK_ATTEMPT.WORKER, attempt.worker())
                .set(WEBHOOK_ATTEMPT.ATTEMPTED_AT, attempt.attemptedAt())
                .set(WEBHOOK_ATTEMPT.DURATION_MS, attempt.durationMs())
                .set(WEBHOOK_ATTEMPT.STATUS_CODE, attempt.statusCode())
                .set(WEBHOOK_ATTEMPT.RESPONSE_EXCERPT, attempt.responseExcerpt())
                .set(WEBHOOK_ATTEMPT.ERROR, clip(attempt.error()))
                .execute();
    }

    /**
     * Records where a claimed delivery stands after an attempt and gives up the lease. False
     * when the lease was lost (it expired and another process took the delivery over).
     */
    public boolean settle(ClaimedDelivery claimed, DeliveryStatus status, int attemptCount,
                          Instant nextAttemptAt, Integer statusCode, String error, Instant now) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, status.wireName())
                .set(WEBHOOK_DELIVERY.ATTEMPT_COUNT, attemptCount)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(WEBHOOK_DELIVERY.LAST_STATUS_CODE, statusCode)
                .set(WEBHOOK_DELIVERY.LAST_ERROR, clip(error))
                .set(WEBHOOK_DELIVERY.DELIVERED_AT,
                        status == DeliveryStatus.DELIVERED ? now : null)
                .setNull(WEBHOOK_DELIVERY.LEASE_TOKEN)
                .setNull(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERY.ID.eq(claimed.id()))
                .and(WEBHOOK_DELIVERY.LEASE_TOKEN.eq(claimed.leaseToken()))
                .execute() == 1;
    }

    /** Fails what is still pending for an endpoint that was deleted. */
    public int failPendingOfEndpoint(String endpointId, String error, Instant now) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, DeliveryStatus.FAILED.wireName())
                .set(WEBHOOK_DELIVERY.LAST_ERROR, error)
                .setNull(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                .and(WEBHOOK_DELIVERY.STATUS.eq(PENDING))
                .execute();
    }

    /**
     * Makes a delivery due again now with a fresh retry schedule. False while an attempt at it
     * is in flight.
     */
    public boolean redeliver(String id, String accountId, Instant now) {
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, PENDING)
                .set(WEBHOOK_DELIVERY.ATTEMPT_COUNT, 0)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .setNull(WEBHOOK_DELIVERY.DELIVERED_AT)
                .set(WEBHOOK_DELIVERY.UPDATED_AT, now)
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .and(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(accountId))
                .and(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT.isNull()
                        .or(WEBHOOK_DELIVERY.LEASE_EXPIRES_AT.le(now)))
                .execute() == 1;
    }

    // ---- reading ------------------------------------------------------------------------

    public List<WebhookDelivery> listForEndpoint(String accountId, String endpointId, int limit,
                                                 int offset) {
        return withAttempts(dsl.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(accountId))
                .and(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.ID.desc())
                .limit(limit).offset(offset)
                .fetch(r -> toDelivery(r, null)));
    }

    public int countForEndpoint(String accountId, String endpointId) {
        return dsl.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ACCOUNT_ID.eq(accountId)
                .and(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId)));
    }

    /** Every delivery of a request's events, in the order the events happened. */
    public List<WebhookDelivery> listForRequest(String accountId, String requestId) {
        return withAttempts(dsl.selectFrom(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(accountId))
                .and(WEBHOOK_DELIVERY.REQUEST_ID.eq(requestId))
                .orderBy(WEBHOOK_DELIVERY.REQUEST_SEQ, WEBHOOK_DELIVERY.CREATED_AT,
                        WEBHOOK_DELIVERY.ID)
                .fetch(r -> toDelivery(r, null)));
    }

    /** One delivery of the account, with its attempts and the payload it carries. */
    public Optional<WebhookDelivery> find(String accountId, String id) {
        return dsl.select(WEBHOOK_DELIVERY.fields()).select(WEBHOOK_EVENT.PAYLOAD)
                .from(WEBHOOK_DELIVERY)
                .join(WEBHOOK_EVENT).on(WEBHOOK_EVENT.ID.eq(WEBHOOK_DELIVERY.EVENT_ID))
                .where(WEBHOOK_DELIVERY.ID.eq(id))
                .and(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(accountId))
                .fetchOptional(r -> toDelivery(r.into(WEBHOOK_DELIVERY),
                        r.get(WEBHOOK_EVENT.PAYLOAD)))
                .map(found -> withAttempts(List.of(found)).get(0));
    }

    /** Deliveries matching a condition, for checks that look across accounts (tests, ops). */
    public List<WebhookDelivery> where(Condition condition) {
        return withAttempts(dsl.selectFrom(WEBHOOK_DELIVERY).where(condition)
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT, WEBHOOK_DELIVERY.ID)
                .fetch(r -> toDelivery(r, null)));
    }

    private List<WebhookDelivery> withAttempts(List<WebhookDelivery> found) {
        if (found.isEmpty()) {
            return found;
        }
        Map<String, List<DeliveryAttempt>> byDelivery = new LinkedHashMap<>();
        found.forEach(d -> byDelivery.put(d.id(), new ArrayList<>()));
        attemptsOf(byDelivery.keySet()).forEach(r ->
                byDelivery.get(r.getDeliveryId()).add(toAttempt(r)));
        return found.stream().map(d -> d.withAttempts(List.copyOf(byDelivery.get(d.id()))))
                .toList();
    }

    private List<WebhookAttemptRecord> attemptsOf(Collection<String> deliveryIds) {
        return dsl.selectFrom(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(deliveryIds))
                .orderBy(WEBHOOK_ATTEMPT.ID)
                .fetch();
    }

    private static ClaimedDelivery toClaimed(Record r) {
        return new ClaimedDelivery(r.get(WEBHOOK_DELIVERY.ID), r.get(WEBHOOK_DELIVERY.EVENT_ID),
                r.get(WEBHOOK_DELIVERY.EVENT), r.get(WEBHOOK_DELIVERY.ACCOUNT_ID),
                r.get(WEBHOOK_DELIVERY.REQUEST_ID), r.get(WEBHOOK_DELIVERY.ENDPOINT_ID),
                r.get(WEBHOOK_DELIVERY.URL), r.get(WEBHOOK_EVENT.PAYLOAD),
                r.get(WEBHOOK_DELIVERY.ATTEMPT_COUNT), r.get(WEBHOOK_DELIVERY.LEASE_TOKEN));
    }

    private static WebhookDelivery toDelivery(WebhookDeliveryRecord r, String payload) {
        return new WebhookDelivery(r.getId(), r.getEventId(), r.getEvent(), r.getRequestId(),
                r.getEndpointId(), r.getUrl(), DeliveryStatus.fromWire(r.getStatus()),
                r.getAttemptCount(), r.getNextAttemptAt(), r.getLastStatusCode(),
                r.getLastError(), r.getDeliveredAt(), r.getCreatedAt(), r.getUpdatedAt(),
                List.of(), payload);
    }

    private static DeliveryAttempt toAttempt(WebhookAttemptRecord r) {
        return new DeliveryAttempt(r.getId(), r.getAttemptNumber(), r.getWorker(),
                r.getAttemptedAt(), r.getDurationMs(), r.getStatusCode(), r.getResponseExcerpt(),
                r.getError());
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }
}
