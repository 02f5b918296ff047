package io.loopdesk.dashboard;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.loopdesk.Ids;
import io.loopdesk.account.AccountService.StartedSession;
import io.loopdesk.problem.Forbidden;
import io.loopdesk.web.Authentication;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * The browser's cookies: the session ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure}
 * behind https), and before there is a session a double-submit CSRF cookie that the sign-up
 * and log-in forms must echo.
 */
final class SessionCookies {

    static final String FORM_TOKEN_COOKIE = "loopdesk_csrf";
    private static final int FORM_TOKEN_SECONDS = 2 * 60 * 60;

    private final Clock clock;

    SessionCookies(Clock clock) {
        this.clock = clock;
    }

    void open(Context ctx, StartedSession started) {
        long seconds = Duration.between(clock.instant(), started.session().expiresAt()).toSeconds();
        ctx.cookie(cookie(ctx, Authentication.SESSION_COOKIE, started.token(),
                (int) Math.max(1, seconds)));
    }

    void close(Context ctx) {
        ctx.cookie(cookie(ctx, Authentication.SESSION_COOKIE, "", 0));
    }

    /** The token the pre-session forms carry, set as a cookie the first time it is needed. */
    String formToken(Context ctx) {
        String existing = ctx.cookie(FORM_TOKEN_COOKIE);
        if (existing != null && existing.matches("[0-9a-f]{32}")) {
            return existing;
        }
        String token = Ids.randomHex(16);
        ctx.cookie(cookie(ctx, FORM_TOKEN_COOKIE, token, FORM_TOKEN_SECONDS));
        return token;
    }

    /** 403 unless the form's {@code _csrf} field matches the cookie. */
    void checkFormToken(Context ctx) {
        String cookie = ctx.cookie(FORM_TOKEN_COOKIE);
        String field = ctx.formParam(Authentication.CSRF_FIELD);
        if (cookie == null || field == null || !MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8))) {
            throw new Forbidden("This form has expired. Reload the page and try again.");
        }
    }

    private static Cookie cookie(Context ctx, String name, String value, int maxAge) {
        return new Cookie(name, value, "/", maxAge, Authentication.overHttps(ctx), true, null,
                SameSite.LAX);
    }
}
