package io.loopdesk.request;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Which of an account's requests to list and in what order. Paging is either by offset (the
 * public API) or by a keyset cursor after a (created_at, id) position (the dashboard), which
 * stays fast at any depth.
 */
public record RequestQuery(
        String accountId,
        Optional<Status> status,
        Optional<Priority> priority,
        Optional<String> loopId,
        Optional<Instant> createdBefore,
        Optional<Instant> createdAfter,
        Optional<String> text,
        Sort sort,
        int limit,
        int offset,
        Optional<Cursor> after) {

    /**
     * Creation times are stored to the microsecond, and a bound finer than that is moved to
     * the whole microsecond that selects the same requests: created before 10:00:00.0000005 is
     * created before 10:00:00.000001, created after it is created after 10:00:00.000000.
     * Left to the driver, such a bound was rounded, and a request created in that microsecond
     * fell on the wrong side of it.
     */
    public RequestQuery {
        createdBefore = createdBefore.map(RequestQuery::upToMicros);
        createdAfter = createdAfter.map(t -> t.truncatedTo(ChronoUnit.MICROS));
    }

    private static Instant upToMicros(Instant t) {
        Instant down = t.truncatedTo(ChronoUnit.MICROS);
        return down.equals(t) ? t : down.plus(1, ChronoUnit.MICROS);
    }

    public enum Sort {
        CREATED_AT_DESC("created_at_desc"),
        CREATED_AT_ASC("created_at_asc"),
        PRIORITY_DESC("priority_desc"),
        STATUS_ASC("status_asc");

        private final String wireName;

        Sort(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Sort> fromWire(String name) {
            for (Sort sort : values()) {
                if (sort.wireName.equals(name)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }
    }

    /** A position in the newest-first list: the last row the reader has seen. */
    public record Cursor(Instant createdAt, String id) {
    }

    public static RequestQuery all(String accountId) {
        return new RequestQuery(accountId, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Sort.CREATED_AT_DESC, 50, 0,
                Optional.empty());
    }
}
