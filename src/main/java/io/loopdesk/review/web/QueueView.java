package io.loopdesk.review.web;

import io.loopdesk.form.ResponseType;
import io.loopdesk.request.Priority;
import java.time.Instant;
import java.util.List;

/**
 * A reviewer's queue: the requests they hold first, then the open ones of their loops, most
 * urgent first. {@code marker} is what the page sends back when it polls for changes.
 */
public record QueueView(String marker, List<Item> mine, List<Item> open, int loopCount) {

    /** One request in the queue; the lease fields are null unless the reviewer holds it. */
    public record Item(String id, Priority priority, String loopName, String excerpt,
                       String answerKind, Instant createdAt, Instant timeoutAt, String timeLeft,
                       boolean isUrgent, Instant leaseEndsAt, String leaseLeft) {

        public String title() {
            return excerpt.isEmpty() ? "Image request " + id.substring(0, 8) : excerpt;
        }
    }

    public String pollUrl() {
        return "/v1/api/queue?since=" + marker;
    }

    public boolean isEmpty() {
        return mine.isEmpty() && open.isEmpty();
    }

    public int size() {
        return mine.size() + open.size();
    }

    /** What answering takes, in a reviewer's words. */
    public static String answerKind(ResponseType type) {
        return switch (type) {
            case TEXT -> "Written answer";
            case SINGLE_SELECT -> "Pick one";
            case MULTI_SELECT -> "Pick several";
            case RATING -> "Rating";
            case NUMBER -> "Number";
            case BOOLEAN -> "Yes or no";
        };
    }
}
