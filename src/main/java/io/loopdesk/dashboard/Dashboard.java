package io.loopdesk.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.loopdesk.account.AccountService;
import io.loopdesk.loop.LoopService;
import io.loopdesk.quota.Quota;
import io.loopdesk.request.RequestService;
import io.loopdesk.web.Authentication;
import io.loopdesk.web.Flash;
import io.loopdesk.web.Htmx;
import io.loopdesk.web.RouteSet;
import io.loopdesk.webhook.WebhookFragments;
import io.loopdesk.webhook.WebhookService;
import java.time.Clock;
import java.util.List;

/**
 * The customer's browser portal: its pages, and the HTML fragments the JSON routes answer htmx
 * with. Pages only read; every change to a request or loop goes through the JSON API.
 */
public final class Dashboard implements RouteSet {

    /** Scripts only from here; images may come from a request's own http(s) address. */
    private static final String CONTENT_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final PageAccess access;
    private final RequestRows rows;
    private final WebhookPages webhookPages;
    private final List<RouteSet> pages;

    public Dashboard(Authentication authentication, AccountService accounts,
                     RequestService requests, LoopService loops, Quota quota,
                     WebhookService webhooks, Flash flash, Clock clock) {
        this.access = new PageAccess(authentication, accounts, flash);
        this.rows = new RequestRows(loops);
        SessionCookies cookies = new SessionCookies(clock);
        this.webhookPages = new WebhookPages(access, webhooks, flash, clock);
        this.pages = List.of(
                new AccountPages(accounts, access, cookies, loops),
                new RequestPages(access, requests, accounts, rows, webhookPages, clock),
                new LoopPages(access, loops),
                new KeyPages(access, accounts, quota, flash),
                new UsagePage(access, accounts, quota, clock),
                webhookPages);
    }

    /** The pages' gate and frame, for other features' pages (the reviewer queue). */
    public PageAccess access() {
        return access;
    }

    /** Renders rows and cancel summaries for the request routes' htmx answers. */
    public RequestRows rows() {
        return rows;
    }

    /** Renders endpoints, deliveries and new secrets for the webhook routes' htmx answers. */
    public WebhookFragments webhookFragments() {
        return webhookPages;
    }

    /** The frame of an error page, for {@link io.loopdesk.web.ErrorPages}. */
    public Object errorShell(Context ctx, String title) {
        return access.errorShell(ctx, title);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
        });
        routes.exception(SignInRequired.class, Dashboard::sendToLogIn);
        pages.forEach(page -> page.register(routes));
    }

    private static void sendToLogIn(SignInRequired e, Context ctx) {
        String login = PageAccess.loginPath(e.returnTo());
        if (Htmx.isHtmx(ctx)) {
            ctx.header("HX-Redirect", login).status(HttpStatus.OK);
        } else {
            ctx.redirect(login, HttpStatus.SEE_OTHER);
        }
    }
}
