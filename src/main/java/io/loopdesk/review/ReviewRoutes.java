package io.loopdesk.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.account.Permission;
import io.loopdesk.request.RequestService;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.web.Api;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.Htmx;
import io.loopdesk.web.RouteSet;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reviewer API of SPEC 2.12: queue, claim, release, respond. Each route also answers the
 * reviewer pages' htmx calls, with the HTML fragment to swap in instead of JSON.
 */
public final class ReviewRoutes implements RouteSet {

    private final ReviewService reviews;
    private final RequestService requests;
    private final ReviewFragments fragments;

    public ReviewRoutes(ReviewService reviews, RequestService requests,
                        ReviewFragments fragments) {
        this.reviews = reviews;
        this.requests = requests;
        this.fragments = fragments;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes)
                .get("/queue", this::queue)
                .post("/queue/claim", this::claimNext)
                .post("/requests/{id}/claim", this::claim)
                .post("/requests/{id}/release", this::release)
                .post("/requests/{id}/respond", this::respond);
    }

    private void queue(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.REQUESTS_READ, "Access denied to the queue");
        if (Htmx.isHtmx(ctx)) {
            queueFragment(ctx, caller);
            return;
        }
        List<ObjectNode> items = new ArrayList<>();
        for (ReviewRequest r : reviews.queue(caller.accountId())) {
            ObjectNode item = requests.toJson(r);
            if (!r.isOwnedBy(caller.accountId())) {
                // Where the owner's program listens, and with which key, is not a reviewer's
                // business: a callback URL often carries a token.
                item.remove("callback_url");
                item.remove("api_key_id");
            }
            items.add(item);
        }
        ctx.json(Envelope.success("Queue retrieved successfully",
                Map.of("requests", items, "count", items.size())));
    }

    /**
     * The open queue page polls every second with the marker it was built from; while the
     * marker holds, nothing changed and the answer is an empty 204 that htmx leaves alone.
     */
    private void queueFragment(Context ctx, Caller caller) {
        QueueMarker current = reviews.queueMarker(caller.accountId());
        Optional<QueueMarker> seen = QueueMarker.parse(ctx.queryParam("since"));
        if (seen.isPresent() && seen.get().stillHolds(current, requests.clock().instant())) {
            ctx.status(204);
            return;
        }
        List<ReviewRequest> queue = reviews.queue(caller.accountId());
        fragments.queue(ctx, caller, current.until(queue), queue);
    }

    private void claim(Context ctx) {
        Caller caller = writer(ctx);
        claimed(ctx, caller, reviews.claim(caller.accountId(), ctx.pathParam("id")));
    }

    private void claimNext(Context ctx) {
        Caller caller = writer(ctx);
        claimed(ctx, caller, reviews.claimNext(caller.accountId()));
    }

    private void claimed(Context ctx, Caller caller, ReviewRequest r) {
        if (Htmx.isHtmx(ctx)) {
            fragments.work(ctx, caller, r);
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", r.id());
        data.put("status", r.status().wireName());
        data.put("claimed_by", r.claimedBy());
        data.put("claimed_at", r.claimedAt());
        data.put("claim_expires_at", r.claimExpiresAt());
        ctx.json(Envelope.success("Request claimed successfully", data));
    }

    private void release(Context ctx) {
        Caller caller = writer(ctx);
        ReviewRequest r = reviews.release(caller.accountId(), ctx.pathParam("id"));
        if (Htmx.isHtmx(ctx)) {
            fragments.work(ctx, caller, r);
            return;
        }
        ctx.json(Envelope.success("Request released successfully",
                Map.of("request_id", r.id(), "status", r.status().wireName())));
    }

    private void respond(Context ctx) {
        Caller caller = writer(ctx);
        String id = ctx.pathParam("id");
        ReviewRequest r = reviews.respond(caller.accountId(), id, answer(ctx, caller, id));
        if (Htmx.isHtmx(ctx)) {
            fragments.work(ctx, caller, r);
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", r.id());
        data.put("status", r.status().wireName());
        data.put("response_data", r.responseData());
        data.put("response_at", r.responseAt());
        data.put("response_by", r.responseBy());
        ctx.json(Envelope.success("Response submitted successfully", data));
    }

    /** Scripts send JSON; the answer form sends text fields that its type gives meaning to. */
    private JsonNode answer(Context ctx, Caller caller, String id) {
        if (!isFormPost(ctx)) {
            return Body.of(ctx).raw(AnswerFields.FIELD);
        }
        ReviewRequest seen = reviews.visible(caller.accountId(), id);
        return AnswerFields.read(seen.responseType(), ctx.formParamMap());
    }

    private static boolean isFormPost(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded")
                && !ctx.body().stripLeading().startsWith("{");
    }

    private static Caller writer(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        return caller;
    }
}
