package io.loopdesk.request;

import io.javalin.http.Context;
import io.loopdesk.request.RequestService.BatchItem;
import io.loopdesk.web.Caller;
import java.util.List;

/**
 * Renders the outcome of a cancel-many for htmx callers, as {@link RowFragment} does for a
 * single cancel: the same results the JSON answer lists, as HTML.
 */
@FunctionalInterface
public interface SummaryFragment {

    void render(Context ctx, Caller caller, List<BatchItem> items);
}
