package io.loopdesk.dashboard;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.WebSession;
import io.loopdesk.web.Authentication;
import io.loopdesk.web.Caller;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is looking at a page. Pages need a signed-in browser; a visitor without a session is
 * sent to log in and brought back afterwards. Writes from pages pass the same CSRF check as
 * the API's browser writes.
 */
public final class PageAccess {

    /** Same-site paths only: one leading slash, never "//" or "/\" (another host). */
    private static final Pattern SAFE_RETURN = Pattern.compile("/(?![/\\\\])[^\\s\\\\]{0,500}");

    private final Authentication authentication;
    private final AccountService accounts;

    public PageAccess(Authentication authentication, AccountService accounts) {
        this.authentication = authentication;
        this.accounts = accounts;
    }

    /** The signed-in caller, or a redirect to log in that comes back here. */
    public Caller require(Context ctx) {
        return authentication.browserCaller(ctx)
                .orElseThrow(() -> new SignInRequired(returnPath(ctx)));
    }

    public Optional<Caller> find(Context ctx) {
        return authentication.browserCaller(ctx);
    }

    /** The frame of a page for the signed-in {@code caller}. */
    public Shell shell(Caller caller, String title, Section section) {
        WebSession session = caller.session().orElseThrow();
        Account account = accounts.findAccount(caller.accountId()).orElseThrow();
        return new Shell(title, section, new Shell.Viewer(account.id(), account.name(),
                account.email(), session.csrfToken()));
    }

    /** The frame of an error page: signed in when the browser's session is live. */
    public Shell errorShell(Context ctx, String title) {
        Optional<WebSession> session = Caller.find(ctx).flatMap(Caller::session)
                .or(() -> accounts.findSession(ctx.cookie(Authentication.SESSION_COOKIE)));
        return session.flatMap(s -> accounts.findAccount(s.accountId())
                        .map(a -> new Shell(title, null,
                                new Shell.Viewer(a.id(), a.name(), a.email(), s.csrfToken()))))
                .orElse(Shell.visitor(title));
    }

    /** {@code next} when it is a path on this site; otherwise the requests page. */
    public static String safeReturn(String next) {
        if (next == null || !SAFE_RETURN.matcher(next).matches()) {
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
