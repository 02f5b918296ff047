package io.loopdesk.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.Ids;
import io.loopdesk.db.Transactions;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.loop.Loop;
import io.loopdesk.loop.LoopRepository;
import io.loopdesk.problem.Conflict;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.request.RequestEvent;
import io.loopdesk.request.RequestRepository;
import io.loopdesk.request.RequestService;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.Status;
import io.loopdesk.web.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reviewer's side of a request: the queue, claiming with a lease, releasing, answering.
 * A reviewer sees a request only through a loop they are an active member of.
 */
public final class ReviewService {

    private static final Logger log = LoggerFactory.getLogger(ReviewService.class);
    private static final int QUEUE_LIMIT = 200;

    private final Transactions tx;
    private final RequestRepository requests;
    private final LoopRepository loops;
    private final RequestService lifecycle;
    private final Duration lease;
    private final Clock clock;

    public ReviewService(Transactions tx, RequestRepository requests, LoopRepository loops,
                         RequestService lifecycle, Duration lease, Clock clock) {
        this.tx = tx;
        this.requests = requests;
        this.loops = loops;
        this.lifecycle = lifecycle;
        this.lease = lease;
        this.clock = clock;
    }

    public List<ReviewRequest> queue(String reviewerId) {
        return requests.queueFor(reviewerId, clock.instant(), QUEUE_LIMIT);
    }

    /** Requests this reviewer answered, newest first. */
    public List<ReviewRequest> history(String reviewerId, int limit) {
        return requests.answeredBy(reviewerId, limit);
    }

    /** A request the reviewer may see: in one of their loops, or one they claimed or answered. */
    public ReviewRequest visible(String reviewerId, String id) {
        if (!Ids.isWellFormed(id)) {
            throw NotFound.request();
        }
        return requests.findById(id)
                .filter(r -> mayView(reviewerId, r))
                .orElseThrow(NotFound::request);
    }

    private boolean mayView(String reviewerId, ReviewRequest r) {
        return reviewerId.equals(r.claimedBy()) || reviewerId.equals(r.responseBy())
                || loops.isActiveMember(r.loopId(), reviewerId);
    }

    /**
     * A request as the reviewer's open page should show it now. A deadline or lease that has
     * passed is settled first, with the same conditional writes the sweeper makes, so the page
     * need not wait for the next sweep. Empty once the reviewer may no longer see it (removed
     * from the loop, say).
     */
    public Optional<ReviewRequest> lookIn(String reviewerId, String id) {
        if (!Ids.isWellFormed(id)) {
            return Optional.empty();
        }
        Optional<ReviewRequest> seen = requests.findById(id).filter(r -> mayView(reviewerId, r));
        if (seen.isEmpty()) {
            return seen;
        }
        Instant now = clock.instant();
        ReviewRequest current = seen.get();
        if (current.isOverdue(now)) {
            current = tx.inTransaction(() -> settled(
                    requests.findById(id).orElseThrow(NotFound::request), now));
        } else if (current.status() == Status.CLAIMED && current.claimExpiresAt() != null
                && !current.claimExpiresAt().isAfter(now)) {
            expireLease(id);
            current = requests.findById(id).orElseThrow(NotFound::request);
        }
        return Optional.of(current).filter(r -> mayView(reviewerId, r));
    }

    /** The request's newest history line: why a claim ended, for the reviewer's page. */
    public Optional<RequestEvent> lastEvent(String id) {
        List<RequestEvent> events = requests.events(id);
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /** The names of the loops this reviewer works in, by loop id. */
    public Map<String, String> loopNames(String reviewerId) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Loop loop : loops.findVisibleTo(reviewerId)) {
            names.put(loop.id(), loop.name());
        }
        return names;
    }

    /**
     * What the reviewer's queue depends on, read without reading the queue: the newest event of
     * any request (every transition appends one) and the loops the reviewer works in.
     */
    public QueueMarker queueMarker(String reviewerId) {
        long latest = requests.latestEventId();
        return QueueMarker.of(latest, loopNames(reviewerId).keySet());
    }

    /**
     * Claims a pending request for the reviewer. Anything but pending is refused with its
     * status, a claim the reviewer already holds included.
     */
    public ReviewRequest claim(String reviewerId, String id) {
        boolean[] won = new boolean[1];
        ReviewRequest claimed = tx.inTransaction(() -> {
            ReviewRequest current = reviewable(reviewerId, id);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            current = settled(current, now);
            Instant leaseEnd = now.plus(lease);
            if (current.status() != Status.PENDING
                    || !requests.markClaimed(current, reviewerId, now, leaseEnd)) {
                // Returned rather than thrown, so that a timeout settled just now is kept.
                return current.status() != Status.PENDING ? current
                        : requests.findById(current.id()).orElseThrow(NotFound::request);
            }
            won[0] = true;
            return recordClaim(current.claimed(reviewerId, now, leaseEnd), reviewerId);
        });
        if (!won[0]) {
            throw notOpen(claimed, reviewerId);
        }
        return claimed;
    }

    /**
     * Claims the request the reviewer's queue serves first among those nobody else is claiming
     * at this moment: the most urgent, then the oldest, of their loops. Reviewers asking at once
     * get different requests; none waits for another. Within a priority, a request another
     * reviewer is taking at that instant is passed over for the next one.
     */
    public ReviewRequest claimNext(String reviewerId) {
        return tx.inTransaction(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant leaseEnd = now.plus(lease);
            for (var group : requests.pendingGroups(requests.loopsOfReviewer(reviewerId))) {
                Optional<ReviewRequest> next = requests.lockOldestPending(group, now);
                // Locked, pending and before its deadline: the claim below cannot lose.
                if (next.isPresent() && requests.markClaimed(next.get(), reviewerId, now,
                        leaseEnd)) {
                    return recordClaim(next.get().claimed(reviewerId, now, leaseEnd), reviewerId);
                }
            }
            throw new NotFound("No pending request in your queue");
        });
    }

    /** The history, tallies and outbox of a claim just written; inside its transaction. */
    private ReviewRequest recordClaim(ReviewRequest after, String reviewerId) {
        lifecycle.record(after, Status.PENDING, reviewerId, RequestEvent.BY_REVIEWER, "claimed",
                null, "request.claimed", Map.of());
        log.info("request claimed request_id={} reviewer={} from=pending to=claimed",
                after.id(), reviewerId);
        return after;
    }

    public ReviewRequest release(String reviewerId, String id) {
        ReviewRequest seen = reviewable(reviewerId, id);
        return tx.inTransaction(() -> {
            if (!requests.markReleased(seen.id(), reviewerId, clock.instant())) {
                ReviewRequest current = requests.findById(seen.id()).orElseThrow(NotFound::request);
                throw new Conflict("Only your own claim can be released; the request is "
                        + current.status().wireName(), stateOf(current));
            }
            ReviewRequest after = requests.findById(seen.id()).orElseThrow(NotFound::request);
            lifecycle.record(after, Status.CLAIMED, reviewerId, RequestEvent.BY_REVIEWER,
                    "released", null, "request.released", Map.of());
            log.info("request released request_id={} reviewer={} from=claimed to=pending", id,
                    reviewerId);
            return after;
        });
    }

    public ReviewRequest respond(String reviewerId, String id, JsonNode answer) {
        boolean[] answered = new boolean[1];
        ReviewRequest result = tx.inTransaction(() -> {
            ReviewRequest seen = reviewable(reviewerId, id);
            if (answer == null || answer.isNull() || answer.isMissingNode()) {
                throw InvalidInput.validation("response_data is required");
            }
            JsonNode checked = ResponseForm.parse(seen.responseType(), seen.responseConfig())
                    .checkAnswer(answer);
            // The answer starts from the status just read and only from it, so the history
            // and the tallies name the right one; if it moved meanwhile (a lease ran out),
            // read again and decide anew.
            ReviewRequest read = seen;
            for (int attempt = 0; attempt < 10; attempt++) {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                ReviewRequest current = settled(read, now);
                if (current.status() != Status.PENDING && !current.isClaimedBy(reviewerId)) {
                    // Returned rather than thrown, so that a timeout settled just now is kept.
                    return current;
                }
                if (requests.markCompleted(current, reviewerId, checked, now)) {
                    ReviewRequest after = current.completed(reviewerId, checked, now);
                    lifecycle.record(after, current.status(), reviewerId,
                            RequestEvent.BY_REVIEWER, "responded",
                            Json.object().set("response_data", checked), "request.completed",
                            Map.of());
                    log.info("request completed request_id={} reviewer={} from={} "
                            + "to=completed", id, reviewerId, current.status().wireName());
                    answered[0] = true;
                    return after;
                }
                read = requests.findById(id).orElseThrow(NotFound::request);
            }
            throw new Conflict("The request kept changing while it was being answered; try again");
        });
        if (!answered[0]) {
            throw notOpen(result, reviewerId);
        }
        return result;
    }

    /** A member removed from a loop loses their claims in it at once. */
    public int releaseClaimsOf(String loopId, String reviewerId) {
        int released = 0;
        for (String id : requests.claimedIdsInLoop(loopId, reviewerId)) {
            boolean done = tx.inTransaction(() -> {
                if (!requests.markReleased(id, reviewerId, clock.instant())) {
                    return false;
                }
                ReviewRequest after = requests.findById(id).orElseThrow(NotFound::request);
                lifecycle.record(after, Status.CLAIMED, null, RequestEvent.BY_SYSTEM,
                        "claim_revoked", null, "request.released", Map.of());
                return true;
            });
            released += done ? 1 : 0;
        }
        return released;
    }

    /** The sweeper's entry: a claim whose lease passed goes back to pending. */
    public void expireLease(String id) {
        tx.inTransaction(() -> {
            if (requests.markReleased(id, null, clock.instant())) {
                ReviewRequest after = requests.findById(id).orElseThrow(NotFound::request);
                lifecycle.record(after, Status.CLAIMED, null, RequestEvent.BY_SYSTEM,
                        "lease_expired", null, "request.released", Map.of());
                log.info("claim lease expired request_id={} from=claimed to=pending", id);
            }
        });
    }

    public List<String> lapsedClaimIds(int limit) {
        return requests.lapsedClaimIds(clock.instant(), limit);
    }

    private ReviewRequest reviewable(String reviewerId, String id) {
        if (!Ids.isWellFormed(id)) {
            throw NotFound.request();
        }
        return requests.findById(id)
                .filter(r -> reviewerId.equals(r.claimedBy())
                        || loops.isActiveMember(r.loopId(), reviewerId))
                .orElseThrow(NotFound::request);
    }

    private ReviewRequest settled(ReviewRequest current, Instant now) {
        return current.isOverdue(now) ? lifecycle.settleOverdue(current, now) : current;
    }

    private static Conflict notOpen(ReviewRequest current, String reviewerId) {
        String why = switch (current.status()) {
            case CLAIMED -> reviewerId.equals(current.claimedBy())
                    ? "Request is already claimed by you"
                            : "Request is already claimed by another reviewer";
            case CANCELLED -> "Request was cancelled by the requester";
            case TIMEOUT -> "Request timed out";
            case COMPLETED -> "Request was already completed";
            case PENDING -> "Request is not claimed by you";
        };
        return new Conflict(why, stateOf(current));
    }

    private static Map<String, Object> stateOf(ReviewRequest current) {
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("request_id", current.id());
        data.put("status", current.status().wireName());
        if (current.status() == Status.CANCELLED) {
            data.put("cancel_reason", current.cancelReason());
        }
        return data;
    }
}
