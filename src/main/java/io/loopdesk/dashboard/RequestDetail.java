package io.loopdesk.dashboard;

import io.loopdesk.request.Priority;
import io.loopdesk.request.Status;
import java.time.Instant;
import java.util.List;

/**
 * Everything the request page shows about one request. {@code bodyHtml} is already sanitised
 * by {@link io.loopdesk.web.Markdown#toSafeHtml}; every other string is plain text.
 */
public record RequestDetail(
        String id,
        String loopId,
        String loopName,
        Status status,
        Priority priority,
        String processingType,
        String bodyHtml,
        String imageUrl,
        List<Entry> context,
        List<String> tags,
        String formDescription,
        String defaultAnswer,
        Instant createdAt,
        Instant timeoutAt,
        Answer answer,
        Instant cancelledAt,
        String cancelReason,
        List<Entry> feedback,
        List<Moment> timeline,
        List<Extension> extensions) {

    /** A key and its value, both as text. */
    public record Entry(String key, String value) {
    }

    /** The answer, who gave it, and whether a reviewer or the timeout default decided it. */
    public record Answer(String text, String givenBy, boolean isDefault, Instant at,
                         Long secondsTaken) {
    }

    /** A line of the history. */
    public record Moment(Instant at, String what, String who, String detail) {
    }

    /** A later deadline the owner may choose, with the ISO value the API expects. */
    public record Extension(String label, Instant until) {

        public String iso() {
            return until.toString();
        }
    }

    public boolean isCompleted() {
        return status == Status.COMPLETED;
    }

    public boolean isCancelled() {
        return status == Status.CANCELLED;
    }

    public boolean isOpen() {
        return status.isOpen();
    }

    public boolean canGiveFeedback() {
        return status == Status.COMPLETED && feedback.isEmpty();
    }

    public boolean isImage() {
        return imageUrl != null && !imageUrl.isBlank();
    }

    public String shortId() {
        return id.substring(0, 8);
    }
}
