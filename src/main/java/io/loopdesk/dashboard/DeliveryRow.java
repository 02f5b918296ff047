package io.loopdesk.dashboard;

import io.loopdesk.webhook.DeliveryAttempt;
import io.loopdesk.webhook.DeliveryStatus;
import io.loopdesk.webhook.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One webhook delivery in a delivery log: where it went, where it stands, and every attempt.
 * The receiver's answer is its text, untrusted: pages print it escaped, like any other text.
 */
public record DeliveryRow(
        String id,
        String eventId,
        String event,
        String requestId,
        String endpointId,
        String url,
        DeliveryStatus status,
        Instant createdAt,
        Instant deliveredAt,
        Instant nextAttemptAt,
        String lastError,
        List<Attempt> attempts,
        boolean isDue,
        boolean isWatched) {

    /** While a delivery's next attempt is this close, its log entry asks for news by itself. */
    private static final Duration WATCHED = Duration.ofMinutes(2);

    /** One try: when, what came back (a status code or what stopped it), how long it took. */
    public record Attempt(int number, Instant at, int durationMs, Integer statusCode,
                          String answer, String error, boolean isSuccess) {

        static Attempt of(DeliveryAttempt attempt) {
            return new Attempt(attempt.number(), attempt.attemptedAt(), attempt.durationMs(),
                    attempt.statusCode(), attempt.responseExcerpt(), attempt.error(),
                    attempt.isSuccess());
        }

        public String outcome() {
            return statusCode != null ? "HTTP " + statusCode
                    : error == null ? "no answer" : error;
        }

        public String duration() {
            return durationMs < 1000 ? durationMs + " ms"
                    : String.format(Locale.ROOT, "%.1f s", durationMs / 1000.0);
        }

        public boolean hasAnswer() {
            return answer != null && !answer.isBlank();
        }
    }

    static DeliveryRow of(WebhookDelivery delivery, Instant now) {
        boolean pending = delivery.status() == DeliveryStatus.PENDING;
        Instant next = pending ? delivery.nextAttemptAt() : null;
        boolean due = pending && (next == null || !next.isAfter(now));
        boolean watched = pending && (next == null || next.isBefore(now.plus(WATCHED)));
        return new DeliveryRow(delivery.id(), delivery.eventId(), delivery.event(),
                delivery.requestId(), delivery.endpointId(), delivery.url(), delivery.status(),
                delivery.createdAt(), delivery.deliveredAt(), next, delivery.lastError(),
                delivery.attempts().stream().map(Attempt::of).toList(), due, watched);
    }

    public String statusName() {
        return status.wireName();
    }

    public boolean isDelivered() {
        return status == DeliveryStatus.DELIVERED;
    }

    public boolean isFailed() {
        return status == DeliveryStatus.FAILED;
    }

    public boolean isToCallbackUrl() {
        return endpointId == null;
    }

    public boolean isForRequest() {
        return requestId != null;
    }

    public String shortRequestId() {
        return requestId == null ? "" : requestId.substring(0, Math.min(8, requestId.length()));
    }

    /** The number of the attempt that got a 2xx; 0 while none has. */
    public int deliveredOnAttempt() {
        return attempts.stream().filter(Attempt::isSuccess).mapToInt(Attempt::number).max()
                .orElse(0);
    }

    public int failedAttempts() {
        return (int) attempts.stream().filter(attempt -> !attempt.isSuccess()).count();
    }
}
