package io.loopdesk.webhook;

/**
 * A delivery this process holds the lease on, with what it needs to send it. Only the holder of
 * {@code leaseToken} may record its outcome.
 */
public record ClaimedDelivery(
        String id,
        String eventId,
        String event,
        String accountId,
        String requestId,
        String endpointId,
        String url,
        String payload,
        int attemptCount,
        String leaseToken) {
}
