package io.loopdesk.webhook;

import io.loopdesk.web.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event on its way to one target (an endpoint or the request's callback URL), with every
 * attempt made so far. The payload is filled in only when a single delivery is read.
 */
public record WebhookDelivery(
        String id,
        String eventId,
        String event,
        String requestId,
        String endpointId,
        String url,
        DeliveryStatus status,
        int attemptCount,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt,
        List<DeliveryAttempt> attempts,
        String payload) {

    public static final String TO_ENDPOINT = "endpoint";
    public static final String TO_CALLBACK_URL = "callback_url";

    public String target() {
        return endpointId == null ? TO_CALLBACK_URL : TO_ENDPOINT;
    }

    public WebhookDelivery withAttempts(List<DeliveryAttempt> all) {
        return new WebhookDelivery(id, eventId, event, requestId, endpointId, url, status,
                attemptCount, nextAttemptAt, lastStatusCode, lastError, deliveredAt, createdAt,
                updatedAt, all, payload);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("event_id", eventId);
        json.put("event", event);
        json.put("request_id", requestId);
        json.put("target", target());
        json.put("endpoint_id", endpointId);
        json.put("url", url);
        json.put("status", status.wireName());
        json.put("attempt_count", attempts.size());
        json.put("next_attempt_at", status == DeliveryStatus.PENDING ? nextAttemptAt : null);
        json.put("last_status_code", lastStatusCode);
        json.put("last_error", lastError);
        json.put("delivered_at", deliveredAt);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        json.put("attempts", attempts.stream().map(DeliveryAttempt::toJson).toList());
        if (payload != null) {
            json.put("payload", Json.readStored(payload));
        }
        return json;
    }
}
