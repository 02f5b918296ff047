package io.loopdesk.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An account's webhook endpoint: where to send, which events, the secret that signs them, and
 * whether it is switched on (a receiver answering 410 Gone switches it off).
 */
public record WebhookEndpoint(
        String id,
        String accountId,
        String url,
        String description,
        Set<EventType> events,
        String secret,
        boolean enabled,
        String disabledReason,
        Instant createdAt,
        Instant updatedAt) {

    public static final String SECRET_PREFIX = "whsec_";

    public boolean wants(EventType event) {
        return enabled && events.contains(event);
    }

    /** The wire form. The secret is shown only when it has just been made (create, rotate). */
    public Map<String, Object> toJson(boolean withSecret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("url", url);
        json.put("description", description);
        json.put("events", eventNames());
        json.put("enabled", enabled);
        json.put("disabled_reason", disabledReason);
        if (withSecret) {
            json.put("secret", secret);
        }
        json.put("secret_hint", secretHint());
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        return json;
    }

    public List<String> eventNames() {
        return events.stream().sorted().map(EventType::wireName).toList();
    }

    /** Enough of the secret to tell two apart, never enough to use it. */
    public String secretHint() {
        return SECRET_PREFIX + "…" + secret.substring(secret.length() - 4);
    }

    public WebhookEndpoint withSecret(String newSecret, Instant now) {
        return new WebhookEndpoint(id, accountId, url, description, events, newSecret, enabled,
                disabledReason, createdAt, now);
    }
}
