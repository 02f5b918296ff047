package io.loopdesk.request;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One line of a request's history: who did what, when, and the status it moved between. */
public record RequestEvent(
        long id,
        String requestId,
        String actorId,
        String actorKind,
        String action,
        Status fromStatus,
        Status toStatus,
        JsonNode details,
        Instant createdAt) {

    public static final String BY_CUSTOMER = "customer";
    public static final String BY_REVIEWER = "reviewer";
    public static final String BY_SYSTEM = "system";
}
