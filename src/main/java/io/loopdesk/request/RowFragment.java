package io.loopdesk.request;

import io.javalin.http.Context;
import io.loopdesk.web.Caller;

/**
 * Renders a request's dashboard row for htmx callers of the JSON routes, so that one route
 * answers both the browser (HTML fragment) and scripts (JSON).
 */
@FunctionalInterface
public interface RowFragment {

    /** @param notice a short message shown in the row (why a cancel did not happen), or null */
    void render(Context ctx, Caller caller, ReviewRequest request, String notice);
}
