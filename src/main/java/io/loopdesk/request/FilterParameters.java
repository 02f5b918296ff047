package io.loopdesk.request;

import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code filter} of a cancel-by-filter (SPEC 2.9). {@code created_before} is required so
 * that the set acted on is fixed when the caller decides, whatever is created afterwards.
 */
final class FilterParameters {

    private FilterParameters() {
    }

    static RequestQuery parse(Body body, String accountId) {
        Body filter = body.optionalBody("filter")
                .orElseThrow(() -> InvalidInput.validation("filter must be an object"));
        filter.allowOnly("status", "priority", "loop_id", "created_before", "text");
        Optional<Status> status = filter.optionalEnum("status", Status::fromWire,
                "pending, claimed, completed, timeout, cancelled");
        Optional<Priority> priority = filter.optionalEnum("priority", Priority::fromWire,
                "low, medium, high, critical");
        Optional<String> loopId = filter.optionalString("loop_id", 1, 64);
        Instant before = filter.optionalInstant("created_before").orElseThrow(
                () -> InvalidInput.validation("filter.created_before is required"));
        // Bounded after normal form: a page's form may send each line break as CR LF.
        Optional<String> text = filter.optionalString("text", 0, Integer.MAX_VALUE)
                .map(raw -> SearchText.parse("filter.text", raw));
        return new RequestQuery(accountId, status, priority, loopId, Optional.of(before),
                Optional.empty(), text, RequestQuery.Sort.CREATED_AT_DESC, RequestService.MAX_BATCH,
                0, Optional.empty());
    }
}
