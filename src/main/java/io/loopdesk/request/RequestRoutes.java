package io.loopdesk.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.request.CancelOutcome.Cancelled;
import io.loopdesk.request.RequestService.BatchItem;
import io.loopdesk.web.Api;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.Htmx;
import io.loopdesk.web.QuotaHeaders;
import io.loopdesk.web.RouteSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON routes of SPEC 2.5–2.11. The two cancel routes also answer htmx, with the dashboard's
 * row and outcome summary.
 */
public final class RequestRoutes implements RouteSet {

    private final RequestService service;
    private final RowFragment rows;
    private final SummaryFragment summaries;

    public RequestRoutes(RequestService service, RowFragment rows, SummaryFragment summaries) {
        this.service = service;
        this.rows = rows;
        this.summaries = summaries;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes)
                .post("/loops/{loopId}/requests", this::create)
                .get("/loops/{loopId}/requests", this::listInLoop)
                .get("/requests", this::list)
                .post("/requests/cancel", this::cancelMany)
                .get("/requests/{id}", this::get)
                .get("/requests/{id}/events", this::events)
                .delete("/requests/{id}", this::cancel)
                .patch("/requests/{id}", this::adjust)
                .post("/requests/{id}/feedback", this::feedback);
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        Optional<String> idempotencyKey = Optional.ofNullable(ctx.header("Idempotency-Key"));
        var created = service.create(caller, ctx.pathParam("loopId"), Body.of(ctx),
                idempotencyKey);
        ReviewRequest r = created.request();

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", r.id());
        data.put("id", r.id());
        data.put("status", Status.PENDING.wireName());
        data.put("processing_type", r.processingType().wireName());
        data.put("type", r.contentType().wireName());
        data.put("priority", r.priority().wireName());
        data.put("timeout_at", r.timeoutAt());
        data.put("broadcasted_to", created.broadcastedTo());
        data.put("notifications_sent", created.broadcastedTo());
        data.put("polling_url", "/v1/api/requests/" + r.id());
        if (created.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        } else if (r.quotaKeyId() != null) {
            QuotaHeaders.took(ctx, r.quotaHour());
        }
        ctx.status(201).json(Envelope.success("Request created and broadcasted successfully",
                data));
    }

    private void get(Context ctx) {
        ReviewRequest request = service.get(Caller.of(ctx), ctx.pathParam("id"));
        ctx.json(Envelope.success("Request retrieved successfully",
                Map.of("request", service.toJson(request))));
    }

    private void list(Context ctx) {
        Caller caller = Caller.of(ctx);
        RequestQuery query = ListParameters.parse(ctx, caller.accountId(), Optional.empty());
        ctx.json(Envelope.success("Requests retrieved successfully",
                page(query, service.list(caller, query), null)));
    }

    private void listInLoop(Context ctx) {
        Caller caller = Caller.of(ctx);
        String loopId = ctx.pathParam("loopId");
        RequestQuery query = ListParameters.parse(ctx, caller.accountId(), Optional.of(loopId));
        ctx.json(Envelope.success("Requests retrieved successfully",
                page(query, service.listInLoop(caller, loopId, query), loopId)));
    }

    private void events(Context ctx) {
        var events = service.events(Caller.of(ctx), ctx.pathParam("id"));
        List<Map<String, Object>> history = new ArrayList<>();
        for (RequestEvent e : events) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", e.id());
            item.put("action", e.action());
            item.put("actor_id", e.actorId());
            item.put("actor_kind", e.actorKind());
            item.put("from_status", e.fromStatus() == null ? null : e.fromStatus().wireName());
            item.put("to_status", e.toStatus() == null ? null : e.toStatus().wireName());
            item.put("details", e.details());
            item.put("created_at", e.createdAt());
            history.add(item);
        }
        ctx.json(Envelope.success("Request events retrieved successfully",
                Map.of("request_id", ctx.pathParam("id"), "events", history,
                        "count", history.size())));
    }

    private void cancel(Context ctx) {
        Caller caller = Caller.of(ctx);
        CancelOutcome outcome = service.cancel(caller, ctx.pathParam("id"), reason(ctx));
        if (outcome instanceof Cancelled cancelled && cancelled.refunded()) {
            QuotaHeaders.gaveBack(ctx, cancelled.request().quotaKeyId(),
                    cancelled.request().quotaHour());
        }
        if (Htmx.isHtmx(ctx)) {
            String notice = outcome instanceof Cancelled ? null
                    : "Could not cancel: the request is already " + outcome.request().status()
                            .wireName();
            rows.render(ctx, caller, outcome.request(), notice);
            return;
        }
        if (outcome instanceof Cancelled cancelled) {
            ctx.json(Envelope.success("Request cancelled successfully",
                    RequestJson.cancelled(cancelled)));
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", outcome.request().id());
        data.put("status", outcome.request().status().wireName());
        throw new InvalidInput("Request cannot be cancelled in current state", data);
    }

    private void cancelMany(Context ctx) {
        Caller caller = Caller.of(ctx);
        QuotaHeaders.reread(ctx);
        Body body = Body.of(ctx);
        body.allowOnly("ids", "filter", "reason", "dry_run");
        Optional<String> reason = body.optionalString("reason", 0, Integer.MAX_VALUE);
        boolean hasIds = body.has("ids");
        boolean hasFilter = body.has("filter");
        if (hasIds == hasFilter) {
            throw InvalidInput.validation("Give either ids or filter");
        }

        if (hasIds) {
            // Any string is taken as an id: one that cannot be a request is reported not_found
            // rather than failing the batch.
            List<String> ids = body.optionalStrings("ids", RequestService.MAX_BATCH,
                    Integer.MAX_VALUE).orElseThrow();
            summarise(ctx, caller, service.cancelMany(caller, ids, reason));
            return;
        }
        RequestQuery filter = FilterParameters.parse(body, caller.accountId());
        if (body.flag("dry_run")) {
            ctx.json(Envelope.success("Dry run: nothing was cancelled",
                    Map.of("matched", service.countMatching(caller, filter), "dry_run", true)));
            return;
        }
        summarise(ctx, caller, service.cancelMatching(caller, filter, reason));
    }

    private void summarise(Context ctx, Caller caller, List<BatchItem> items) {
        if (Htmx.isHtmx(ctx)) {
            summaries.render(ctx, caller, items);
            return;
        }
        List<Map<String, Object>> results = new ArrayList<>(items.size());
        Map<String, Integer> totals = new LinkedHashMap<>(Map.of(
                "cancelled", 0, "not_cancellable", 0, "not_found", 0));
        for (BatchItem item : items) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("request_id", item.requestId());
            result.put("outcome", item.outcome());
            result.put("status", item.status() == null ? null : item.status().wireName());
            result.put("refunded", item.refunded());
            results.add(result);
            totals.merge(item.outcome(), 1, Integer::sum);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("results", results);
        data.putAll(totals);
        ctx.json(Envelope.success("Cancelled " + totals.get("cancelled") + " of " + items.size()
                + " requests", data));
    }

    private void adjust(Context ctx) {
        ReviewRequest after = service.adjust(Caller.of(ctx), ctx.pathParam("id"),
                Body.of(ctx));
        ctx.json(Envelope.success("Request updated successfully",
                Map.of("request", service.toJson(after))));
    }

    private void feedback(Context ctx) {
        var given = service.addFeedback(Caller.of(ctx), ctx.pathParam("id"), Body.of(ctx));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request_id", given.request().id());
        data.put("feedback_id", given.feedbackId());
        data.put("feedback", given.feedback());
        data.put("submitted_at", given.submittedAt());
        ctx.json(Envelope.success("Feedback added successfully", data));
    }

    private Map<String, Object> page(RequestQuery query, RequestService.Page page, String loopId) {
        List<ObjectNode> items = new ArrayList<>(page.requests().size());
        for (RequestRepository.Listed listed : page.requests()) {
            items.add(RequestJson.of(listed.request(), listed.responder()));
        }
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", query.limit());
        pagination.put("offset", query.offset());
        pagination.put("next_offset", page.hasMore() ? query.offset() + items.size() : null);

        Map<String, Object> data = new LinkedHashMap<>();
        if (loopId != null) {
            data.put("loop_id", loopId);
        }
        data.put("requests", items);
        data.put("count", items.size());
        data.put("total", page.total());
        data.put("has_more", page.hasMore());
        data.put("pagination", pagination);
        return data;
    }

    /** The reason comes as {@code ?reason=}, in the body, or from htmx's prompt header. */
    private static Optional<String> reason(Context ctx) {
        String query = ctx.queryParam("reason");
        if (query != null) {
            return Optional.of(query);
        }
        String prompted = ctx.header("HX-Prompt");
        if (prompted != null) {
            return Optional.of(prompted);
        }
        // Its length is checked by the service, after stripping, like a reason from elsewhere.
        return Body.of(ctx).optionalString("reason", 0, Integer.MAX_VALUE);
    }
}
