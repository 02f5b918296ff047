package io.loopdesk.webhook;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Api;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.FormAnswers;
import io.loopdesk.web.Htmx;
import io.loopdesk.web.RouteSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook endpoints and delivery log of the JSON API (SPEC 4). The dashboard calls the same
 * routes with htmx; those calls are answered with its HTML fragments instead of JSON.
 */
public final class WebhookRoutes implements RouteSet {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private final WebhookService webhooks;
    private final WebhookFragments fragments;

    public WebhookRoutes(WebhookService webhooks, WebhookFragments fragments) {
        this.webhooks = webhooks;
        this.fragments = fragments;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes)
                .get("/webhooks", this::list)
                .post("/webhooks", this::create)
                .get("/webhooks/signing-secret", this::signingSecret)
                .get("/webhooks/{id}", this::show)
                .patch("/webhooks/{id}", this::update)
                .delete("/webhooks/{id}", this::delete)
                .post("/webhooks/{id}/test", this::sendTest)
                .post("/webhooks/{id}/rotate-secret", this::rotateSecret)
                .get("/webhooks/{id}/deliveries", this::deliveriesOfEndpoint)
                .get("/webhook-deliveries/{deliveryId}", this::delivery)
                .post("/webhook-deliveries/{deliveryId}/redeliver", this::redeliver)
                .get("/requests/{requestId}/webhook-deliveries", this::deliveriesOfRequest);
    }

    private void list(Context ctx) {
        List<WebhookEndpoint> found = webhooks.list(Caller.of(ctx));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhooks", found.stream().map(endpoint -> endpoint.toJson(false)).toList());
        data.put("count", found.size());
        ctx.json(Envelope.success("Webhooks retrieved successfully", data));
    }

    private void create(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookEndpoint created = webhooks.create(caller, Body.of(ctx));
        ctx.status(201);
        if (wantsHtml(ctx, caller)) {
            fragments.newSecret(ctx, caller, created, false);
            return;
        }
        if (FormAnswers.isPlainForm(ctx)) {
            fragments.keepSecretForNextPage(ctx, created, false);
        }
        ctx.json(Envelope.success("Webhook created successfully",
                Map.of("webhook", created.toJson(true))));
    }

    private void show(Context ctx) {
        WebhookEndpoint endpoint = webhooks.get(Caller.of(ctx), ctx.pathParam("id"));
        ctx.json(Envelope.success("Webhook retrieved successfully",
                Map.of("webhook", endpoint.toJson(false))));
    }

    private void update(Context ctx) {
        Caller caller = Caller.of(ctx);
        Body body = Body.of(ctx);
        WebhookEndpoint changed = webhooks.update(caller, ctx.pathParam("id"), body);
        if (wantsHtml(ctx, caller)) {
            boolean onlySwitched = body.has("enabled") && body.node().size() == 1;
            // A disabled endpoint explains itself; enabling and saving deserve a word.
            fragments.endpoint(ctx, changed, !onlySwitched ? "Changes saved."
                    : changed.enabled() ? "Enabled. New events are sent to it again." : null);
            return;
        }
        ctx.json(Envelope.success("Webhook updated successfully",
                Map.of("webhook", changed.toJson(false))));
    }

    private void delete(Context ctx) {
        String id = ctx.pathParam("id");
        var deletedAt = webhooks.delete(Caller.of(ctx), id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", id);
        data.put("deleted_at", deletedAt);
        ctx.json(Envelope.success("Webhook deleted successfully", data));
    }

    private void rotateSecret(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookEndpoint rotated = webhooks.rotateSecret(caller, ctx.pathParam("id"));
        if (wantsHtml(ctx, caller)) {
            fragments.newSecret(ctx, caller, rotated, true);
            return;
        }
        if (FormAnswers.isPlainForm(ctx)) {
            fragments.keepSecretForNextPage(ctx, rotated, true);
        }
        ctx.json(Envelope.success("Webhook secret rotated successfully",
                Map.of("webhook", rotated.toJson(true))));
    }

    private void sendTest(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookDelivery delivery = webhooks.sendTest(caller, ctx.pathParam("id"));
        if (wantsHtml(ctx, caller)) {
            fragments.delivery(ctx, delivery, null);
            return;
        }
        boolean delivered = delivery.status() == DeliveryStatus.DELIVERED;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("success", delivered);
        data.put("delivery", delivery.toJson());
        ctx.json(Envelope.success(delivered ? "Test event delivered"
                : "Test event sent; the receiver did not accept it", data));
    }

    private void signingSecret(Context ctx) {
        Caller caller = Caller.of(ctx);
        String secret = webhooks.signingSecret(caller);
        if (wantsHtml(ctx, caller)) {
            fragments.signingSecret(ctx, secret);
            return;
        }
        ctx.json(Envelope.success("Signing secret retrieved successfully",
                Map.of("signing_secret", secret)));
    }

    private void deliveriesOfEndpoint(Context ctx) {
        int limit = whole(ctx, "limit", DEFAULT_LIMIT);
        int offset = whole(ctx, "offset", 0);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new InvalidInput("Invalid pagination parameters");
        }
        WebhookService.DeliveryPage page = webhooks.deliveriesOf(Caller.of(ctx),
                ctx.pathParam("id"), limit, offset);
        Map<String, Object> pagination = new LinkedHashMap<>();
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("next_offset", page.hasMore() ? offset + page.deliveries().size() : null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveries", page.deliveries().stream().map(WebhookDelivery::toJson).toList());
        data.put("count", page.deliveries().size());
        data.put("total", page.total());
        data.put("has_more", page.hasMore());
        data.put("pagination", pagination);
        ctx.json(Envelope.success("Deliveries retrieved successfully", data));
    }

    private void deliveriesOfRequest(Context ctx) {
        List<WebhookDelivery> found = webhooks.deliveriesOfRequest(Caller.of(ctx),
                ctx.pathParam("requestId"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliveries", found.stream().map(WebhookDelivery::toJson).toList());
        data.put("count", found.size());
        ctx.json(Envelope.success("Deliveries retrieved successfully", data));
    }

    private void delivery(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookDelivery found = webhooks.delivery(caller, ctx.pathParam("deliveryId"));
        if (wantsHtml(ctx, caller)) {
            fragments.delivery(ctx, found, null);
            return;
        }
        ctx.json(Envelope.success("Delivery retrieved successfully",
                Map.of("delivery", found.toJson())));
    }

    private void redeliver(Context ctx) {
        Caller caller = Caller.of(ctx);
        WebhookDelivery queued = webhooks.redeliver(caller, ctx.pathParam("deliveryId"));
        if (wantsHtml(ctx, caller)) {
            fragments.delivery(ctx, queued, "Queued to be sent again.");
            return;
        }
        ctx.json(Envelope.success("Delivery queued to be sent again",
                Map.of("delivery", queued.toJson())));
    }

    /** htmx from a signed-in browser; a script's key never gets a page fragment. */
    private static boolean wantsHtml(Context ctx, Caller caller) {
        return Htmx.isHtmx(ctx) && caller.session().isPresent();
    }

    private static int whole(Context ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput("Invalid pagination parameters");
        }
    }
}
