package io.loopdesk.request;

import java.util.List;
import java.util.Map;

/**
 * Told of every state change of a request, inside the transaction that makes it, so that what
 * it writes (a webhook outbox row, say) commits or rolls back with the change itself.
 */
@FunctionalInterface
public interface RequestListener {

    /**
     * @param event    {@code request.created}, {@code request.claimed}, {@code request.released},
     *                 {@code request.completed}, {@code request.timeout} or
     *                 {@code request.cancelled}
     * @param request  the request as it is after the change
     * @param previous the status before the change (null for creation)
     * @param extra    event-specific fields, such as {@code refund_info} and {@code cancel_reason}
     * @param endpointsMayListen false when the caller is known to have no enabled webhook
     *                 endpoint (see {@code Caller}); the request's own callback URL still listens
     */
    void changed(String event, ReviewRequest request, Status previous, Map<String, Object> extra,
                 boolean endpointsMayListen);

    /** One request's part in a change made to many at once. */
    record Change(ReviewRequest request, Status previous, Map<String, Object> extra) {
    }

    /**
     * Many requests changed alike in one transaction (a batch cancel). By default this is one
     * {@link #changed} call each; a listener that looks something up per call can do it once.
     */
    default void changedAll(String event, List<Change> changes) {
        changes.forEach(c -> changed(event, c.request(), c.previous(), c.extra(), true));
    }
}
