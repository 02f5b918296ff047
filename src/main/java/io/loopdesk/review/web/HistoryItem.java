package io.loopdesk.review.web;

import io.loopdesk.request.Priority;
import java.time.Instant;
import java.util.List;

/**
 * A request the reviewer answered: their answer in words and what the requester thought of it.
 *
 * @param comment the requester's written feedback, or null
 * @param feedback the requester's scores and flags, each as a label and its value
 */
public record HistoryItem(String id, Priority priority, String loopName, String excerpt,
                          Instant answeredAt, String answer, String comment,
                          List<Fact> feedback) {

    /** One piece of feedback, e.g. "Accuracy" and "4 of 5". */
    public record Fact(String label, String value) {
    }

    public boolean hasFeedback() {
        return comment != null || !feedback.isEmpty();
    }

    public String title() {
        return excerpt.isEmpty() ? "Image request " + id.substring(0, 8) : excerpt;
    }
}
