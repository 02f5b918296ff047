package io.loopdesk.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of an endpoint create or update body, each checked: {@code url} (http or https,
 * through the address guard), {@code events} (names from {@link EventType}; an array, or one
 * string with commas, as a browser form sends it), {@code description}, {@code enabled}.
 */
public record EndpointForm(
        Optional<String> url,
        Optional<Set<EventType>> events,
        Optional<String> description,
        Optional<Boolean> enabled) {

    private static final int MAX_EVENT_ITEMS = 20;

    public static EndpointForm parse(Body body, AddressGuard guard) {
        Optional<String> url = body.optionalString("url", 1, 2048)
                .map(text -> guard.checkUrl("url", text));
        return new EndpointForm(url, events(body.raw("events")),
                body.optionalString("description", 0, 500).map(String::strip),
                body.optionalBoolean("enabled"));
    }

    public boolean isEmpty() {
        return url.isEmpty() && events.isEmpty() && description.isEmpty() && enabled.isEmpty();
    }

    private static Optional<Set<EventType>> events(JsonNode raw) {
        if (raw == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        if (raw.isTextual()) {
            for (String name : raw.textValue().split(",")) {
                names.add(name);
            }
        } else if (raw.isArray() && raw.size() <= MAX_EVENT_ITEMS) {
            for (JsonNode item : raw) {
                if (!item.isTextual()) {
                    throw InvalidInput.validation("events must be an array of event names ("
                            + EventType.allowed() + ")");
                }
                names.add(item.textValue());
            }
        } else {
            throw InvalidInput.validation("events must be an array of event names ("
                    + EventType.allowed() + ")");
        }

        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String name : names) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            events.add(EventType.fromWire(trimmed).orElseThrow(() -> InvalidInput.validation(
                    "events: unknown event '" + trimmed + "' (allowed: " + EventType.allowed()
                            + ")")));
        }
        if (events.isEmpty()) {
            throw InvalidInput.validation("events must name at least one event ("
                    + EventType.allowed() + ")");
        }
        return Optional.of(events);
    }
}
