package io.loopdesk.request;

import io.javalin.http.Context;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import java.time.Instant;
import java.util.Optional;

/** The query string of {@code GET /v1/api/requests} (SPEC 2.7), checked. */
final class ListParameters {

    private ListParameters() {
    }

    static RequestQuery parse(Context ctx, String accountId, Optional<String> loopScope) {
        Optional<Status> status = param(ctx, "status").map(value -> Status.fromWire(value)
                .orElseThrow(() -> new InvalidInput("Invalid status filter value",
                        "status must be one of pending, claimed, completed, timeout, cancelled")));
        Optional<Priority> priority = param(ctx, "priority").map(value -> Priority.fromWire(value)
                .orElseThrow(() -> new InvalidInput("Invalid priority filter value",
                        "priority must be one of low, medium, high, critical")));
        Optional<String> loopId = loopScope.or(() -> param(ctx, "loop_id"));
        Optional<Instant> before = param(ctx, "created_before")
                .map(v -> Body.parseInstant("created_before", v));
        Optional<Instant> after = param(ctx, "created_after")
                .map(v -> Body.parseInstant("created_after", v));
        RequestQuery.Sort sort = param(ctx, "sort").map(value -> RequestQuery.Sort.fromWire(value)
                .orElseThrow(() -> new InvalidInput("Invalid sort value", "sort must be one of "
                        + "created_at_desc, created_at_asc, priority_desc, status_asc")))
                .orElse(RequestQuery.Sort.CREATED_AT_DESC);
        int limit = whole(ctx, "limit", 50, 1, 100);
        int offset = whole(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        return new RequestQuery(accountId, status, priority, loopId, before, after,
                Optional.empty(),
                sort, limit, offset, Optional.empty());
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip)
                .filter(v -> !v.isEmpty());
    }

    private static int whole(Context ctx, String name, int fallback, int min, int max) {
        Optional<String> raw = param(ctx, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw invalidPaging();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw invalidPaging();
        }
    }

    private static InvalidInput invalidPaging() {
        return new InvalidInput("Invalid pagination parameters",
                "limit must be 1 to 100 and offset 0 or more");
    }
}
