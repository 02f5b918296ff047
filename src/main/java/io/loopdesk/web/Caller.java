package io.loopdesk.web;

import io.javalin.http.Context;
import io.loopdesk.account.ApiKey;
import io.loopdesk.account.Permission;
import io.loopdesk.account.WebSession;
import io.loopdesk.problem.Forbidden;
import io.loopdesk.problem.Unauthorized;
import java.util.Optional;

/**
 * Who is calling: an account acting through an API key (with its permissions) or through a
 * signed-in browser session (which may do everything its account may).
 */
public record Caller(String accountId, Optional<ApiKey> apiKey, Optional<WebSession> session) {

    static final String ATTRIBUTE = "loopdesk.caller";

    public static Caller viaKey(ApiKey key) {
        return new Caller(key.accountId(), Optional.of(key), Optional.empty());
    }

    public static Caller viaSession(WebSession session) {
        return new Caller(session.accountId(), Optional.empty(), Optional.of(session));
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
