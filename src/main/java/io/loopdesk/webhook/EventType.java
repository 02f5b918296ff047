package io.loopdesk.webhook;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What happened to a request, as named in webhook payloads and endpoint subscriptions. */
public enum EventType {
    REQUEST_CREATED("request.created"),
    REQUEST_CLAIMED("request.claimed"),
    REQUEST_RELEASED("request.released"),
    REQUEST_COMPLETED("request.completed"),
    REQUEST_TIMEOUT("request.timeout"),
    REQUEST_CANCELLED("request.cancelled");

    /** The event of a test send; it goes to one endpoint and is never subscribed to. */
    public static final String TEST = "webhook.test";

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));
    }

    /** Stored as a comma-separated list of wire names. */
    public static String encode(Set<EventType> events) {
        return events.stream().sorted().map(EventType::wireName).collect(Collectors.joining(","));
    }

    public static Set<EventType> decode(String stored) {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : stored.split(",")) {
            fromWire(name.trim()).ifPresent(events::add);
        }
        return events;
    }
}
