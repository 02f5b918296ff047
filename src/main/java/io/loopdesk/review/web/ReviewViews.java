package io.loopdesk.review.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.form.AnswerWords;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.request.RequestEvent;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.Status;
import io.loopdesk.review.ReviewService;
import io.loopdesk.web.Markdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds what the reviewer's request page shows, and the words for each way a claim ends. */
final class ReviewViews {

    private final ReviewService reviews;
    private final Duration lease;
    private final Clock clock;

    ReviewViews(ReviewService reviews, Duration lease, Clock clock) {
        this.reviews = reviews;
        this.lease = lease;
        this.clock = clock;
    }

    ReviewView view(ReviewRequest r, String reviewerId) {
        Instant now = clock.instant();
        ResponseForm form = ResponseForm.parse(r.responseType(), r.responseConfig());
        ReviewView.Stage stage = r.isClaimedBy(reviewerId) ? ReviewView.Stage.ANSWERING
                : r.status() == Status.PENDING ? ReviewView.Stage.CLAIMABLE
                : ReviewView.Stage.CLOSED;
        String loopName = reviews.loopNames(reviewerId).getOrDefault(r.loopId(), "");

        return new ReviewView(r.id(), loopName, r.priority(), r.status(),
                Markdown.toSafeHtml(r.requestText()), r.imageUrl(), entries(r.context()),
                form.describe(), r.createdAt(), r.timeoutAt(),
                stage == ReviewView.Stage.ANSWERING ? r.claimExpiresAt() : null,
                TimeLeft.until(r.timeoutAt(), now), TimeLeft.until(r.claimExpiresAt(), now),
                Math.max(1, lease.toMinutes()), r.version(), stage,
                stage == ReviewView.Stage.CLOSED ? closed(r, reviewerId, form) : null,
                stage == ReviewView.Stage.ANSWERING ? AnswerForm.of(form) : null);
    }

    /** The watcher as a freshly drawn page (or a freshly swapped working area) starts it. */
    Watch quietWatch(ReviewRequest r, String reviewerId) {
        return new Watch(r.id(), r.version(), r.isClaimedBy(reviewerId), r.status().isOpen(),
                null, false, false);
    }

    /**
     * The watcher after the request changed under an open page. A page that held the answer
     * form keeps it, disabled, under a banner saying why; other pages simply redraw.
     */
    Watch changedWatch(ReviewRequest r, String reviewerId, boolean answering) {
        if (!answering || r.isClaimedBy(reviewerId)) {
            return quietWatch(r, reviewerId);
        }
        boolean again = r.status() == Status.PENDING && !isRevoked(r);
        return new Watch(r.id(), r.version(), true, r.status().isOpen(),
                claimEnded(r, reviewerId), true, again);
    }

    /** The watcher once the reviewer may no longer see the request at all. */
    Watch goneWatch(String id, boolean answering) {
        String detail = answering
                ? "You are no longer a member of this request's loop, so your claim ended."
                : "You are no longer a member of this request's loop.";
        return new Watch(id, 0, answering, false,
                Notice.ended("You can no longer work on this request", detail), answering, false);
    }

    /** Why a request that is not the reviewer's to answer cannot be worked on. */
    private Notice closed(ReviewRequest r, String reviewerId, ResponseForm form) {
        return switch (r.status()) {
            case CLAIMED -> Notice.info("Another reviewer is working on this request",
                    "It is theirs while they hold the claim. If they release it or their claim "
                            + "runs out, it comes back to the queue.");
            case COMPLETED -> reviewerId.equals(r.responseBy())
                    ? Notice.info("You answered this request",
                            "Your answer: " + AnswerWords.of(form, r.responseData()))
                    : Notice.info("Another reviewer answered this request", null);
            case CANCELLED -> cancelled(r);
            case TIMEOUT -> Notice.ended("This request timed out",
                    "Nobody answered before the deadline, so the requester got its default "
                            + "answer.");
            case PENDING -> null;
        };
    }

    /** Why the claim the page was answering under has ended. */
    private Notice claimEnded(ReviewRequest r, String reviewerId) {
        ResponseForm form = ResponseForm.parse(r.responseType(), r.responseConfig());
        return switch (r.status()) {
            case CANCELLED -> cancelled(r);
            case TIMEOUT -> Notice.ended("Time ran out on this request",
                    "The deadline passed before your answer arrived, so the requester got its "
                            + "default answer.");
            case COMPLETED -> reviewerId.equals(r.responseBy())
                    ? Notice.info("You answered this request in another window",
                            "Your answer: " + AnswerWords.of(form, r.responseData()))
                    : Notice.ended("Another reviewer answered this request",
                            "Your claim had run out, and they answered it first.");
            case CLAIMED -> Notice.ended("Your claim ran out",
                    "Another reviewer has claimed this request since.");
            case PENDING -> backInQueue(r);
        };
    }

    private Notice backInQueue(ReviewRequest r) {
        String action = reviews.lastEvent(r.id()).map(RequestEvent::action).orElse("");
        return switch (action) {
            case "lease_expired" -> Notice.warning("Your claim ran out",
                    "A claim lasts " + Math.max(1, lease.toMinutes()) + " minutes; this one "
                            + "passed without an answer, so the request went back to the queue. "
                            + "Claim it again to send your answer.");
            case "claim_revoked" -> Notice.ended("Your claim was ended",
                    "The loop's owner removed you from the loop.");
            case "released" -> Notice.warning("You released this request",
                    "It went back to the queue, perhaps from another window. Claim it again "
                            + "to answer.");
            default -> Notice.warning("Your claim ended",
                    "The request is back in the queue. Claim it again to answer.");
        };
    }

    private boolean isRevoked(ReviewRequest r) {
        return reviews.lastEvent(r.id()).map(e -> "claim_revoked".equals(e.action()))
                .orElse(false);
    }

    private static Notice cancelled(ReviewRequest r) {
        String reason = r.cancelReason() == null || r.cancelReason().isBlank()
                ? "They gave no reason." : "Reason: " + r.cancelReason();
        return Notice.ended("The requester cancelled this request", reason);
    }

    private static List<ReviewView.Entry> entries(JsonNode object) {
        List<ReviewView.Entry> entries = new ArrayList<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(field -> entries.add(new ReviewView.Entry(
                    field.getKey(), field.getValue().isTextual() ? field.getValue().textValue()
                            : field.getValue().toString())));
        }
        return entries;
    }
}
