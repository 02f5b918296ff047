package io.loopdesk.review.web;

import io.loopdesk.request.Priority;
import io.loopdesk.request.Status;
import java.time.Instant;
import java.util.List;

/**
 * One request as a reviewer's page shows it. {@code bodyHtml} is already sanitised by
 * {@link io.loopdesk.web.Markdown#toSafeHtml}; every other string is plain text.
 *
 * @param form the answer form while the reviewer holds the claim, else null
 * @param notice why the request cannot be worked on, when it cannot; else null
 */
public record ReviewView(
        String id,
        String loopName,
        Priority priority,
        Status status,
        String bodyHtml,
        String imageUrl,
        List<Entry> context,
        String formHint,
        Instant createdAt,
        Instant timeoutAt,
        Instant claimExpiresAt,
        String timeLeft,
        String leaseLeft,
        long leaseMinutes,
        int version,
        Stage stage,
        Notice notice,
        AnswerForm form) {

    /** What the reviewer can do with the request now. */
    public enum Stage { CLAIMABLE, ANSWERING, CLOSED }

    /** A context key and its value, both as text. */
    public record Entry(String key, String value) {
    }

    public boolean isClaimable() {
        return stage == Stage.CLAIMABLE;
    }

    public boolean isAnswering() {
        return stage == Stage.ANSWERING;
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public boolean isImage() {
        return imageUrl != null && !imageUrl.isBlank();
    }

    public String shortId() {
        return id.substring(0, 8);
    }

    public String statusLabel() {
        return switch (status) {
            case PENDING -> "waiting for a reviewer";
            case CLAIMED -> stage == Stage.ANSWERING ? "claimed by you" : "claimed";
            case COMPLETED -> "answered";
            case TIMEOUT -> "timed out";
            case CANCELLED -> "cancelled";
        };
    }
}
