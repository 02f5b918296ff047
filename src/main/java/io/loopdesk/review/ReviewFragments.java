package io.loopdesk.review;

import io.javalin.http.Context;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.web.Caller;
import java.util.List;

/**
 * The HTML that the reviewer routes answer htmx with, so that one route serves the reviewer's
 * browser (a fragment to swap in) and scripts (JSON). The reviewer pages provide it.
 */
public interface ReviewFragments {

    /** The queue's items, built from {@code queue} as it stood at {@code marker}. */
    void queue(Context ctx, Caller caller, QueueMarker marker, List<ReviewRequest> queue);

    /** The request page's working area after a claim, release or answer. */
    void work(Context ctx, Caller caller, ReviewRequest request);
}
