package io.loopdesk.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.WebSession;
import io.loopdesk.web.Authentication;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Flash;
import io.loopdesk.web.FormAnswers;
import io.loopdesk.web.FormNotice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Who is looking at a page. Pages need a signed-in browser; a visitor without a session is
 * sent to log in and brought back afterwards. Writes from pages pass the same CSRF check as
 * the API's browser writes.
 */
public final class PageAccess {

    private final Authentication authentication;
    private final AccountService accounts;
    private final Flash flash;

    public PageAccess(Authentication authentication, AccountService accounts, Flash flash) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.flash = flash;
    }

    /** The signed-in caller, or a redirect to log in that comes back here. */
    public Caller require(Context ctx) {
        return authentication.browserCaller(ctx)
                .orElseThrow(() -> new SignInRequired(returnPath(ctx)));
    }

    public Optional<Caller> find(Context ctx) {
        return authentication.browserCaller(ctx);
    }

    /**
     * The frame of a page for the signed-in {@code caller}, with what a plain form posted just
     * before did, if anything.
     */
    public Shell shell(Context ctx, Caller caller, String title, Section section) {
        WebSession session = caller.session().orElseThrow();
        return new Shell(title, section, viewer(session),
                FormNotice.take(flash, ctx).orElse(null));
    }

    /** The frame of an error page: signed in when the browser's session is live. */
    public Shell errorShell(Context ctx, String title) {
        return Caller.find(ctx).flatMap(Caller::session)
                .or(() -> accounts.findSession(ctx.cookie(Authentication.SESSION_COOKIE)))
                .map(s -> new Shell(title, null, viewer(s), null))
                .orElse(Shell.visitor(title));
    }

    private static Shell.Viewer viewer(WebSession session) {
        return new Shell.Viewer(session.accountId(), session.accountName(),
                session.accountEmail(), session.csrfToken());
    }

    /** {@code next} when it is a path on this site; otherwise the requests page. */
    public static String safeReturn(String next) {
        if (!FormAnswers.isSafePath(next)) {
            return Section.REQUESTS.path();
        }
        return next;
    }

    static String loginPath(String returnTo) {
        return "/login?next=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8);
    }

    private static String returnPath(Context ctx) {
        String query = ctx.queryString();
        boolean withQuery = ctx.method() == HandlerType.GET && query != null && !query.isEmpty();
        return safeReturn(withQuery ? ctx.path() + "?" + query : ctx.path());
    }
}
