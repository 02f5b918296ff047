package io.loopdesk.request;

import java.time.Instant;
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
