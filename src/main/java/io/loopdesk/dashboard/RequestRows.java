package io.loopdesk.dashboard;

import io.javalin.http.Context;
import io.loopdesk.account.WebSession;
import io.loopdesk.loop.LoopService;
import io.loopdesk.request.RequestService.BatchItem;
import io.loopdesk.request.RequestSummary;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.RowFragment;
import io.loopdesk.request.Status;
import io.loopdesk.request.SummaryFragment;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Markdown;
import java.util.List;
import java.util.Map;

/**
 * The requests list's rows, built once for the page and for the fragments the cancel routes
 * answer htmx with. After a cancel the page's counts (per status, matching the filter, open
 * among those) refresh themselves on the event named in {@code HX-Trigger}: after one, the
 * row stays and only the counts are fetched; after many, the whole list is.
 */
public final class RequestRows implements RowFragment, SummaryFragment {

    static final String ONE_CHANGED = "request-changed";
    static final String MANY_CHANGED = "requests-changed";
    private static final int EXCERPT_LENGTH = 140;

    private final LoopService loops;

    RequestRows(LoopService loops) {
        this.loops = loops;
    }

    @Override
    public void render(Context ctx, Caller caller, ReviewRequest request, String notice) {
        String loopName = loopNames(caller.accountId()).getOrDefault(request.loopId(), "");
        ctx.header("HX-Trigger", ONE_CHANGED);
        String csrf = caller.session().map(WebSession::csrfToken).orElse("");
        ctx.render("_request_row.jte", Map.of("row",
                row(RequestSummary.of(request), loopName, notice),
                "csrf", csrf));
    }

    @Override
    public void render(Context ctx, Caller caller, List<BatchItem> items) {
        ctx.header("HX-Trigger", MANY_CHANGED);
        ctx.render("_cancel_summary.jte", Map.of("summary", CancelSummary.of(items)));
    }

    /** The names of the account's loops, where all of its requests are. */
    Map<String, String> loopNames(String accountId) {
        return loops.namesOwnedBy(accountId);
    }

    static RequestRow row(RequestSummary r, String loopName, String notice) {
        return new RequestRow(r.id(), r.priority(), r.status(),
                Markdown.excerpt(r.textStart(), EXCERPT_LENGTH), loopName, r.createdAt(),
                momentLabel(r.status()), r.moment(), r.cancelReason(), notice);
    }

    private static String momentLabel(Status status) {
        return switch (status) {
            case PENDING, CLAIMED -> "Due";
            case COMPLETED -> "Answered";
            case TIMEOUT -> "Timed out";
            case CANCELLED -> "Cancelled";
        };
    }
}
