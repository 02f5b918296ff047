package io.loopdesk.review;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.account.Permission;
import io.loopdesk.request.RequestService;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.web.Api;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.RouteSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reviewer API of SPEC 2.12: queue, claim, release, respond. */
public final class ReviewRoutes implements RouteSet {

    private final ReviewService reviews;
    private final RequestService requests;

    public ReviewRoutes(ReviewService reviews, RequestService requests) {
        this.reviews = reviews;
        this.requests = requests;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes)
                .get("/queue", this::queue)
                .post("/requests/{id}/claim", this::claim)
                .post("/requests/{id}/release", this::release)
                .post("/requests/{id}/respond", this::respond);
    }

    private void queue(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.REQUESTS_READ, "Access denied to the queue");
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReviewRequest r : reviews.queue(caller.accountId())) {
            items.add(requests.toJson(r));
        }
        ctx.json(Envelope.success("Queue retrieved successfully",
                Map.of("requests", items, "count", items.size())));
    }

    private void claim(Context ctx) {
        Caller caller = writer(ctx);
        ReviewRequest r = reviews.claim(caller.accountId(), ctx.pathParam("id"));
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
        ctx.json(Envelope.success("Request released successfully",
                Map.of("request_id", r.id(), "status", r.status().wireName())));
    }

    private void respond(Context ctx) {
        Caller caller = writer(ctx);
        Body body = Body.of(ctx);
        ReviewRequest r = reviews.respond(caller.accountId(), ctx.pathParam("id"),
                body.raw("response_data"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", r.id());
        data.put("status", r.status().wireName());
        data.put("response_data", r.responseData());
        data.put("response_at", r.responseAt());
        data.put("response_by", r.responseBy());
        ctx.json(Envelope.success("Response submitted successfully", data));
    }

    private static Caller writer(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.REQUESTS_WRITE, "Access denied to this request");
        return caller;
    }
}
