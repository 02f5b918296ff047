package io.loopdesk.dashboard;

import io.loopdesk.request.Priority;
import io.loopdesk.request.Status;
import java.time.Instant;

/**
 * One line of the requests list, the same in the full page and in the fragment htmx swaps in.
 * {@code moment} is the time that matters now: the deadline while open, else when it ended.
 */
public record RequestRow(
        String id,
        Priority priority,
        Status status,
        String excerpt,
        String loopName,
        Instant createdAt,
        String momentLabel,
        Instant moment,
        String cancelReason,
        String notice) {

    public boolean canCancel() {
        return status.isOpen();
    }

    public String shortId() {
        return id.substring(0, 8);
    }
}
