package io.loopdesk.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's requests counted by loop, status and priority, read from the tallies in one
 * statement: enough to count what any filter without a search text matches, so that a page of
 * the list needs no second count.
 */
public final class RequestCounts {

    /** The requests of one loop in one status and priority. */
    record Group(String loopId, Status status, Priority priority, int requests) {
    }

    private final List<Group> groups;

    RequestCounts(List<Group> groups) {
        this.groups = List.copyOf(groups);
    }

    /** Every status, in their order, with its count (0 for none). */
    public Map<Status, Integer> byStatus() {
        Map<Status, Integer> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(status, matching(Optional.of(status), Optional.empty(), Optional.empty()));
        }
        return counts;
    }

    /** The requests in the status, priority and loop given; an empty one does not narrow. */
    public int matching(Optional<Status> status, Optional<Priority> priority,
                        Optional<String> loopId) {
        int sum = 0;
        for (Group g : groups) {
            if (status.map(g.status()::equals).orElse(true)
                    && priority.map(g.priority()::equals).orElse(true)
                    && loopId.map(g.loopId()::equals).orElse(true)) {
                sum += g.requests();
            }
        }
        return sum;
    }
}
