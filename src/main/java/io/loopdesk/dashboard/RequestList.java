package io.loopdesk.dashboard;

import io.loopdesk.request.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The requests page: counts per status, the filter, one page of rows and the links to move
 * between pages. {@code matching} was counted at {@code countedAt}; "cancel all matching"
 * sends that moment as {@code created_before}, so it acts on exactly what was counted. After a
 * cancel the page fetches itself again and takes the counts, that moment with them, from the
 * new one; its rows stay as they were, so whether "select all matching" offers more than the
 * page shows is decided in the browser, from {@code openMatching} and the rows it has.
 */
public record RequestList(
        ListFilter filter,
        Map<Status, Integer> counts,
        List<LoopChoice> loops,
        List<RequestRow> rows,
        int matching,
        int openMatching,
        Instant countedAt,
        String olderHref,
        boolean isFirstPage) {

    /** A loop in the filter's choice list. */
    public record LoopChoice(String id, String name) {
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String countHref(Status status) {
        return ListFilter.none().withStatus(status).href();
    }

    public String newestHref() {
        return filter.at(null).href();
    }

    public boolean canCancelAny() {
        return filter.canMatchOpen() && rows.stream().anyMatch(RequestRow::canCancel);
    }

    public String countedAtIso() {
        return countedAt.toString();
    }
}
