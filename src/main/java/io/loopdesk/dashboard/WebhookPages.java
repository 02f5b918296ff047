package io.loopdesk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Flash;
import io.loopdesk.web.Json;
import io.loopdesk.web.RouteSet;
import io.loopdesk.webhook.WebhookDelivery;
import io.loopdesk.webhook.WebhookEndpoint;
import io.loopdesk.webhook.WebhookFragments;
import io.loopdesk.webhook.WebhookService;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhooks in the browser: the endpoints with the latest delivery of each, and one endpoint
 * with its delivery log. Every change goes through the webhook routes of the JSON API, which
 * answer the pages' htmx calls with the fragments rendered here.
 */
final class WebhookPages implements RouteSet, WebhookFragments {

    static final int LOG_PAGE_SIZE = 20;

    private final PageAccess access;
    private final WebhookService webhooks;
    private static final String NEW_SECRET = "new_webhook_secret";

    private final Flash flash;
    private final Clock clock;

    WebhookPages(PageAccess access, WebhookService webhooks, Flash flash, Clock clock) {
        this.access = access;
        this.webhooks = webhooks;
        this.flash = flash;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/webhooks", ctx -> {
            Caller caller = access.require(ctx);
            list(ctx, caller, keptSecret(ctx, caller, null));
        });
        routes.get("/webhooks/{id}", this::show);
    }

    /** A request's deliveries, oldest event first, for the request's own page. */
    List<DeliveryRow> deliveriesOfRequest(Caller caller, String requestId) {
        Instant now = clock.instant();
        return webhooks.deliveriesOfRequest(caller, requestId).stream()
                .map(delivery -> DeliveryRow.of(delivery, now)).toList();
    }

    // ---- pages --------------------------------------------------------------------------

    private void list(Context ctx, Caller caller, IssuedSecret issued) {
        List<WebhookEndpoint> endpoints = webhooks.list(caller);
        Instant now = clock.instant();
        Map<String, DeliveryRow> latest = new HashMap<>();
        for (WebhookEndpoint endpoint : endpoints) {
            webhooks.deliveriesOf(caller, endpoint.id(), 1, 0).deliveries().stream().findFirst()
                    .map(delivery -> DeliveryRow.of(delivery, now))
                    .ifPresent(row -> latest.put(endpoint.id(), row));
        }

        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "Webhooks", Section.WEBHOOKS));
        model.put("endpoints", endpoints.stream().map(WebhookRow::of).toList());
        model.put("latest", latest);
        model.put("events", WebhookRow.choices());
        model.put("issued", issued);
        ctx.render("webhooks.jte", model);
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        WebhookEndpoint endpoint = webhooks.get(caller, ctx.pathParam("id"));
        endpointPage(ctx, caller, endpoint, offset(ctx), keptSecret(ctx, caller, endpoint.id()));
    }

    /**
     * The secret a plain form left for this page, once; on an endpoint's page only that
     * endpoint's. A page showing one is never cached.
     */
    private IssuedSecret keptSecret(Context ctx, Caller caller, String endpointId) {
        Optional<IssuedSecret> kept = flash.take(ctx, NEW_SECRET).flatMap(note -> {
            JsonNode fields = Json.readStored(note);
            String id = fields.path("endpoint_id").asText();
            if (endpointId != null && !endpointId.equals(id)) {
                return Optional.empty();
            }
            return webhooks.list(caller).stream().filter(e -> e.id().equals(id)).findFirst()
                    .filter(e -> e.secret().equals(fields.path("secret").asText()))
                    .map(e -> new IssuedSecret(e.id(), e.url(), e.secret(),
                            fields.path("rotated").asBoolean()));
        });
        kept.ifPresent(secret -> ctx.header("Cache-Control", "no-store"));
        return kept.orElse(null);
    }

    private void endpointPage(Context ctx, Caller caller, WebhookEndpoint endpoint, int offset,
                              IssuedSecret issued) {
        WebhookService.DeliveryPage page = webhooks.deliveriesOf(caller, endpoint.id(),
                LOG_PAGE_SIZE, offset);
        Instant now = clock.instant();
        String here = "/webhooks/" + endpoint.id();
        String newer = offset == 0 ? null
                : here + (offset <= LOG_PAGE_SIZE ? "" : "?offset=" + (offset - LOG_PAGE_SIZE));
        String older = page.hasMore() ? here + "?offset=" + (offset + LOG_PAGE_SIZE) : null;

        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "Webhook " + hostOf(endpoint.url()),
                Section.WEBHOOKS));
        model.put("endpoint", WebhookRow.of(endpoint));
        model.put("deliveries", page.deliveries().stream()
                .map(delivery -> DeliveryRow.of(delivery, now)).toList());
        model.put("total", page.total());
        model.put("newerHref", newer);
        model.put("olderHref", older);
        model.put("events", WebhookRow.choices());
        model.put("issued", issued);
        ctx.render("webhook.jte", model);
    }

    // ---- fragments for the webhook routes ------------------------------------------------

    @Override
    public void newSecret(Context ctx, Caller caller, WebhookEndpoint endpoint, boolean rotated) {
        // The secret is in this answer only; no cache may keep a copy of it.
        ctx.header("Cache-Control", "no-store");
        IssuedSecret issued = new IssuedSecret(endpoint.id(), endpoint.url(), endpoint.secret(),
                rotated);
        if (rotated) {
            endpointPage(ctx, caller, endpoint, 0, issued);
        } else {
            list(ctx, caller, issued);
        }
    }

    @Override
    public void keepSecretForNextPage(Context ctx, WebhookEndpoint endpoint, boolean rotated) {
        flash.put(ctx, NEW_SECRET, Json.write(Map.of("endpoint_id", endpoint.id(),
                "secret", endpoint.secret(), "rotated", rotated)));
    }

    @Override
    public void endpoint(Context ctx, WebhookEndpoint endpoint, String notice) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("endpoint", WebhookRow.of(endpoint));
        model.put("notice", notice);
        ctx.render("_webhook_endpoint.jte", model);
    }

    @Override
    public void delivery(Context ctx, WebhookDelivery delivery, String notice) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("delivery", DeliveryRow.of(delivery, clock.instant()));
        model.put("notice", notice);
        ctx.render("_delivery.jte", model);
    }

    @Override
    public void signingSecret(Context ctx, String secret) {
        ctx.header("Cache-Control", "no-store");
        ctx.render("_signing_secret.jte", Map.of("secret", secret));
    }

    private static int offset(Context ctx) {
        String raw = ctx.queryParam("offset");
        try {
            return raw == null ? 0 : Math.max(0, Integer.parseInt(raw.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
