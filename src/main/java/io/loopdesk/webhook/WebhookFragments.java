package io.loopdesk.webhook;

import io.javalin.http.Context;
import io.loopdesk.web.Caller;

/**
 * The dashboard's HTML for htmx callers of the webhook routes, so that one route answers both
 * the browser (a fragment) and scripts (JSON).
 */
public interface WebhookFragments {

    /** The page that shows a secret just made, this once: a new endpoint, or a rotation. */
    void newSecret(Context ctx, Caller caller, WebhookEndpoint endpoint, boolean rotated);

    /**
     * A plain form (no script) made a secret: it is kept for the page the browser is sent to
     * next, which shows it that once.
     */
    void keepSecretForNextPage(Context ctx, WebhookEndpoint endpoint, boolean rotated);

    /** An endpoint's summary; {@code notice} says what just changed, or is null. */
    void endpoint(Context ctx, WebhookEndpoint endpoint, String notice);

    /** One delivery with its attempts; {@code notice} says what just happened, or is null. */
    void delivery(Context ctx, WebhookDelivery delivery, String notice);

    /** The account's secret that signs callback URL deliveries, with a copy button. */
    void signingSecret(Context ctx, String secret);
}
