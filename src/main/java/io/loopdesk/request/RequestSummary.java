package io.loopdesk.request;

import java.time.Instant;

/**
 * What a line of a list shows of a request: no answer form, context or answer, so that a page of
 * them reads only these columns. {@code textStart} is the beginning of the request text, long
 * enough for any excerpt.
 */
public record RequestSummary(
        String id,
        String loopId,
        Priority priority,
        Status status,
        String textStart,
        Instant createdAt,
        Instant timeoutAt,
        Instant responseAt,
        Instant cancelledAt,
        String cancelReason,
        Instant updatedAt) {

    /** How much of the request text a summary carries. */
    public static final int TEXT_START_LENGTH = 2000;

    public static RequestSummary of(ReviewRequest r) {
        return new RequestSummary(r.id(), r.loopId(), r.priority(), r.status(),
                start(r.requestText()),
                r.createdAt(), r.timeoutAt(), r.responseAt(), r.cancelledAt(), r.cancelReason(),
                r.updatedAt());
    }

    /** The first {@link #TEXT_START_LENGTH} characters, as the database counts them. */
    static String start(String text) {
        return text.codePointCount(0, text.length()) <= TEXT_START_LENGTH ? text
                : text.substring(0, text.offsetByCodePoints(0, TEXT_START_LENGTH));
    }

    /** The time that matters now: the deadline while open, else when it ended. */
    public Instant moment() {
        return switch (status) {
            case PENDING, CLAIMED -> timeoutAt;
            case COMPLETED, TIMEOUT -> responseAt != null ? responseAt : updatedAt;
            case CANCELLED -> cancelledAt != null ? cancelledAt : updatedAt;
        };
    }
}
