package io.loopdesk.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.KeyInUse;
import io.loopdesk.account.WebSession;
import io.loopdesk.problem.Forbidden;
import io.loopdesk.problem.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the {@link Caller} of every request. API keys come as {@code Authorization: Bearer}
 * or {@code X-API-Key}; browsers come with the session cookie, and must then prove with the
 * CSRF token (header {@code X-CSRF-Token} or form field {@code _csrf}) that a state-changing
 * request came from our own pages.
 */
public final class Authentication {

    public static final String SESSION_COOKIE = "loopdesk_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final Set<HandlerType> SAFE_METHODS =
            Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final AccountService accounts;

    public Authentication(AccountService accounts) {
        this.accounts = accounts;
    }

    /** For API routes: a caller is required, by key or by session. */
    public void requireCaller(Context ctx) {
        Caller caller = keyCaller(ctx).orElseGet(() -> sessionCaller(ctx)
                .orElseThrow(() -> new Unauthorized("Missing or invalid authorization header")));
        ctx.attribute(Caller.ATTRIBUTE, caller);
    }

    /** For pages: the session's caller when there is one; CSRF is still checked on writes. */
    public Optional<Caller> browserCaller(Context ctx) {
        Optional<Caller> caller = sessionCaller(ctx);
        caller.ifPresent(c -> ctx.attribute(Caller.ATTRIBUTE, c));
        return caller;
    }

    private Optional<Caller> keyCaller(Context ctx) {
        String authorization = ctx.header("Authorization");
        String apiKeyHeader = ctx.header("X-API-Key");
        if (authorization == null && apiKeyHeader == null) {
            return Optional.empty();
        }
        String secret = apiKeyHeader;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    || authorization.substring(7).isBlank()) {
                throw new Unauthorized("Missing or invalid authorization header");
            }
            secret = authorization.substring(7).strip();
        }
        KeyInUse found = accounts.resolveKey(secret)
                .orElseThrow(() -> new Unauthorized("Invalid authorization token"));
        QuotaHeaders.remember(ctx, found);
        return Optional.of(Caller.viaKey(found));
    }

    private Optional<Caller> sessionCaller(Context ctx) {
        Optional<WebSession> session = accounts.findSession(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (!SAFE_METHODS.contains(ctx.method()) && !hasValidCsrfToken(ctx, session.get())) {
            throw new Forbidden("Invalid or missing CSRF token");
        }
        return session.map(Caller::viaSession);
    }

    private static boolean hasValidCsrfToken(Context ctx, WebSession session) {
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        return sent != null && MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /** Served over https here or at a proxy in front: cookies are then marked Secure. */
    public static boolean overHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data"));
    }
}
