package io.loopdesk.dashboard;

import io.javalin.http.Context;
import io.loopdesk.Ids;
import io.loopdesk.request.Priority;
import io.loopdesk.request.RequestQuery;
import io.loopdesk.request.RequestQuery.Cursor;
import io.loopdesk.request.SearchText;
import io.loopdesk.request.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests page's filter and position, read from and written back to its URL so that a
 * filtered page can be bookmarked and shared. A value the page does not know is ignored.
 * The position is a keyset cursor ({@code after=<created micros>_<id>}), never an offset.
 * The text is read as {@link SearchText} reads it, so "cancel all matching" gets it back alike.
 */
public record ListFilter(Optional<Status> status, Optional<Priority> priority,
                         Optional<String> loopId, Optional<String> text,
                         Optional<Cursor> after) {

    /**
     * The last moment a cursor may name: the end of the year 9999, the last a DATETIME column
     * holds. A cursor before 1970 or after it names no request and is ignored like a garbled one.
     */
    private static final long LATEST_MICROS =
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() * 1_000_000 + 999_999;

    static ListFilter from(Context ctx) {
        return new ListFilter(
                param(ctx, "status").flatMap(Status::fromWire),
                param(ctx, "priority").flatMap(Priority::fromWire),
                param(ctx, "loop").filter(Ids::isWellFormed),
                Optional.ofNullable(ctx.queryParam("q")).flatMap(SearchText::fromAddress),
                param(ctx, "after").flatMap(ListFilter::cursor));
    }

    /** No filter at all: every request, newest first. */
    static ListFilter none() {
        return new ListFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** The filter as a query; {@code before} bounds it to what existed at one moment. */
    RequestQuery query(String accountId, Optional<Instant> before, int limit) {
        return new RequestQuery(accountId, status, priority, loopId, before, Optional.empty(),
                text, RequestQuery.Sort.CREATED_AT_DESC, limit, 0, after);
    }

    ListFilter withStatus(Status other) {
        return new ListFilter(Optional.of(other), priority, loopId, text, after);
    }

    ListFilter at(Cursor position) {
        return new ListFilter(status, priority, loopId, text, Optional.ofNullable(position));
    }

    public boolean isFiltered() {
        return status.isPresent() || priority.isPresent() || loopId.isPresent() || text.isPresent();
    }

    /** Whether any request this filter shows could still be cancelled. */
    public boolean canMatchOpen() {
        return status.map(Status::isOpen).orElse(true);
    }

    public boolean is(Status candidate) {
        return status.filter(candidate::equals).isPresent();
    }

    public boolean is(Priority candidate) {
        return priority.filter(candidate::equals).isPresent();
    }

    public boolean isLoop(String id) {
        return loopId.filter(id::equals).isPresent();
    }

    public String textValue() {
        return text.orElse("");
    }

    public String statusValue() {
        return status.map(Status::wireName).orElse("");
    }

    public String priorityValue() {
        return priority.map(Priority::wireName).orElse("");
    }

    public String loopValue() {
        return loopId.orElse("");
    }

    /** This filter's page, from its current position. */
    public String href() {
        List<String> parts = new ArrayList<>();
        status.ifPresent(s -> parts.add("status=" + s.wireName()));
        priority.ifPresent(p -> parts.add("priority=" + p.wireName()));
        loopId.ifPresent(id -> parts.add("loop=" + id));
        text.ifPresent(q -> parts.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
        after.ifPresent(c -> parts.add("after=" + encode(c)));
        return "/requests" + (parts.isEmpty() ? "" : "?" + String.join("&", parts));
    }

    static String encode(Cursor cursor) {
        Instant at = cursor.createdAt();
        return (at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000) + "_" + cursor.id();
    }

    private static Optional<Cursor> cursor(String raw) {
        int split = raw.indexOf('_');
        if (split < 1 || !Ids.isWellFormed(raw.substring(split + 1))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(raw.substring(0, split));
            if (micros < 0 || micros > LATEST_MICROS) {
                return Optional.empty();
            }
            return Optional.of(new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
                    raw.substring(split + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip)
                .filter(value -> !value.isEmpty());
    }
}
