package io.loopdesk.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One try at a delivery: when, how long it took, the receiver's status code and the first KiB of
 * its answer, or the error that stopped it (time-out, refused connection, refused address).
 */
public record DeliveryAttempt(
        long id,
        int number,
        String worker,
        Instant attemptedAt,
        int durationMs,
        Integer statusCode,
        String responseExcerpt,
        String error) {

    public boolean isSuccess() {
        return statusCode != null && RetrySchedule.isSuccess(statusCode);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("attempt", number);
        json.put("attempted_at", attemptedAt);
        json.put("duration_ms", durationMs);
        json.put("status_code", statusCode);
        json.put("success", isSuccess());
        json.put("response_body", responseExcerpt);
        json.put("error", error);
        return json;
    }
}
