package io.loopdesk.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import io.loopdesk.web.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A PATCH of an open request (SPEC 2.10): a new priority, context keys merged in, a later
 * deadline, new tags. Any other field is refused rather than silently ignored.
 */
public record Adjustment(
        Optional<Priority> priority,
        Optional<ObjectNode> context,
        Optional<Instant> timeoutAt,
        Optional<List<String>> tags) {

    private static final Set<String> CHANGEABLE = Set.of("priority", "context", "timeout_at",
            "tags");
    private static final Duration LONGEST_EXTENSION = Duration.ofDays(30);

    public static Adjustment parse(Body body) {
        if (body.isEmpty()) {
            throw new InvalidInput("At least one field must be provided for update");
        }
        Iterator<String> names = body.node().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!CHANGEABLE.contains(name)) {
                throw InvalidInput.validation(name + " cannot be changed; only priority, context, "
                        + "timeout_at and tags can");
            }
        }
        Adjustment adjustment = new Adjustment(
                body.optionalEnum("priority", Priority::fromWire, "low, medium, high, critical"),
                body.optionalObject("context"),
                // To the microsecond, as it is stored, so that the history says what was kept.
                body.optionalInstant("timeout_at").map(t -> t.truncatedTo(ChronoUnit.MICROS)),
                body.optionalStrings("tags", 20, 50));
        if (adjustment.changesNothing()) {
            throw new InvalidInput("At least one field must be provided for update");
        }
        return adjustment;
    }

    private boolean changesNothing() {
        return priority.isEmpty() && context.isEmpty() && timeoutAt.isEmpty() && tags.isEmpty();
    }

    public ReviewRequest applyTo(ReviewRequest r) {
        Instant timeout = timeoutAt.orElse(r.timeoutAt());
        if (timeoutAt.isPresent()) {
            if (!timeout.isAfter(r.timeoutAt())) {
                throw InvalidInput.validation("timeout_at can only move later (an extension)");
            }
            if (timeout.isAfter(r.createdAt().plus(LONGEST_EXTENSION))) {
                throw InvalidInput.validation("timeout_at can be at most 30 days after creation");
            }
        }
        ObjectNode mergedContext = context.map(extra -> merge(r.context(), extra))
                .orElse(r.context() instanceof ObjectNode existing ? existing : null);
        if (mergedContext != null && Json.write(mergedContext).getBytes(StandardCharsets.UTF_8)
                .length
                > NewRequest.MAX_CONTEXT_BYTES) {
            throw InvalidInput.validation("context must be at most 64 KiB when serialised");
        }
        return new ReviewRequest(r.id(), r.accountId(), r.loopId(), r.apiKeyId(),
                r.processingType(), r.contentType(), priority.orElse(r.priority()),
                r.requestText(), r.imageUrl(), mergedContext, r.platform(), r.platformVersion(),
                r.responseType(), r.responseConfig(), r.defaultResponse(), timeout,
                r.callbackUrl(), tags.orElse(r.tags()), r.status(), r.claimedBy(), r.claimedAt(),
                r.claimExpiresAt(), r.responseBy(), r.responseAt(), r.responseData(),
                r.responseSource(), r.cancelledAt(), r.cancelReason(), r.feedback(),
                r.feedbackId(), r.feedbackAt(), r.quotaKeyId(), r.quotaHour(), r.createdAt(),
                r.updatedAt(), r.version());
    }

    /** What changed, for the request's history. */
    public ObjectNode describe() {
        ObjectNode details = Json.object();
        priority.ifPresent(p -> details.put("priority", p.wireName()));
        context.ifPresent(c -> details.set("context", c));
        timeoutAt.ifPresent(t -> details.put("timeout_at", t.toString()));
        tags.ifPresent(t -> details.set("tags", Json.MAPPER.valueToTree(t)));
        return details;
    }

    private static ObjectNode merge(JsonNode existing, ObjectNode extra) {
        ObjectNode merged = existing instanceof ObjectNode object ? object.deepCopy()
                : Json.object();
        merged.setAll(extra);
        return merged;
    }
}
