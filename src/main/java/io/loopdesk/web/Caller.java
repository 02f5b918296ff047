package io.loopdesk.web;

import io.javalin.http.Context;
import io.loopdesk.account.ApiKey;
import io.loopdesk.account.KeyInUse;
import io.loopdesk.account.Permission;
import io.loopdesk.account.WebSession;
import io.loopdesk.problem.Forbidden;
import io.loopdesk.problem.Unauthorized;
import java.util.Optional;

/**
 * Who is calling: an account acting through an API key (with its permissions) or through a
 * signed-in browser session (which may do everything its account may).
 *
 * <p>{@code endpointsMayListen} is false when authenticating read that the account has no
 * enabled webhook endpoint: the changes this caller makes then need not look for any. An
 * endpoint enabled while the call runs is as if enabled just after it.
 */
public record Caller(String accountId, Optional<ApiKey> apiKey, Optional<WebSession> session,
                     boolean endpointsMayListen) {

    static final String ATTRIBUTE = "loopdesk.caller";

    /** A script's caller; the key's read told whether its account has webhook endpoints. */
    public static Caller viaKey(KeyInUse key) {
        return new Caller(key.key().accountId(), Optional.of(key.key()), Optional.empty(),
                key.accountHasEndpoints());
    }

    public static Caller viaSession(WebSession session) {
        return new Caller(session.accountId(), Optional.empty(), Optional.of(session), true);
    }

    /** The account acting for itself, outside any HTTP request (demo data). */
    public static Caller account(String accountId) {
        return new Caller(accountId, Optional.empty(), Optional.empty(), true);
    }

    /** The authenticated caller of this HTTP request; 401 when there is none. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new Unauthorized("Missing or invalid authorization header");
        }
        return caller;
    }

    public static Optional<Caller> find(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    public boolean can(Permission permission) {
        return apiKey.map(key -> key.can(permission)).orElse(true);
    }

    /** Throws 403 with {@code message} unless the caller holds the permission. */
    public void require(Permission permission, String message) {
        if (!can(permission)) {
            throw new Forbidden(message);
        }
    }

    public Optional<String> apiKeyId() {
        return apiKey.map(ApiKey::id);
    }
}
