package io.loopdesk.request;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An account's requests counted per status, read from the tallies in one statement: all of
 * them, and those within one loop and priority (or any, when not given). That is enough to
 * count what a filter without a search text matches, so that a page of the list needs no
 * second count.
 */
public final class RequestCounts {

    private final Map<Status, Integer> all = new EnumMap<>(Status.class);
    private final Map<Status, Integer> narrowed = new EnumMap<>(Status.class);

    RequestCounts() {
    }

    /** Adds the counts read of one status: {@code narrowed} of its {@code all} are narrowed. */
    void add(Status status, int all, int narrowed) {
        this.all.merge(status, all, Integer::sum);
        this.narrowed.merge(status, narrowed, Integer::sum);
    }

    /** Every status, in their order, with its count (0 for none). */
    public Map<Status, Integer> byStatus() {
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(status, all.getOrDefault(status, 0));
        }
        return counts;
    }

    /**
     * The requests in the loop and priority these counts were read for, in {@code status} or,
     * when it is empty, in any.
     */
    public int matching(Optional<Status> status) {
        if (status.isPresent()) {
            return narrowed.getOrDefault(status.get(), 0);
        }
        return narrowed.values().stream().mapToInt(Integer::intValue).sum();
    }
}
