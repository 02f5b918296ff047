package io.loopdesk.dashboard;

import io.loopdesk.webhook.EventType;
import io.loopdesk.webhook.WebhookEndpoint;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A webhook endpoint as the dashboard shows it. It never holds the secret, only the hint that
 * tells two secrets apart.
 */
public record WebhookRow(
        String id,
        String url,
        String description,
        List<String> events,
        boolean isEnabled,
        String disabledReason,
        String secretHint,
        Instant createdAt) {

    /** An event an endpoint may subscribe to, with what it means in a few words. */
    public record EventChoice(String name, String about) {
    }

    static WebhookRow of(WebhookEndpoint endpoint) {
        return new WebhookRow(endpoint.id(), endpoint.url(), endpoint.description(),
                endpoint.eventNames(), endpoint.enabled(), endpoint.disabledReason(),
                endpoint.secretHint(), endpoint.createdAt());
    }

    static List<EventChoice> choices() {
        return Arrays.stream(EventType.values())
                .map(type -> new EventChoice(type.wireName(), about(type)))
                .toList();
    }

    public boolean subscribesToAll() {
        return events.size() == EventType.values().length;
    }

    public boolean subscribes(String event) {
        return events.contains(event);
    }

    public boolean hasDescription() {
        return description != null && !description.isBlank();
    }

    private static String about(EventType type) {
        return switch (type) {
            case REQUEST_CREATED -> "a request was sent to a loop";
            case REQUEST_CLAIMED -> "a reviewer claimed it";
            case REQUEST_RELEASED -> "it went back to the queue unanswered";
            case REQUEST_COMPLETED -> "a reviewer answered it";
            case REQUEST_TIMEOUT -> "its deadline passed; the default answer applies";
            case REQUEST_CANCELLED -> "it was cancelled";
        };
    }
}
