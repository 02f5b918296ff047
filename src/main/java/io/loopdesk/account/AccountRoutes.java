package io.loopdesk.account;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.problem.Unauthorized;
import io.loopdesk.quota.Quota;
import io.loopdesk.quota.QuotaState;
import io.loopdesk.web.Api;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.RouteSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/test}: tells a script whether its key works and what it may do. */
public final class AccountRoutes implements RouteSet {

    private final AccountService accounts;
    private final Quota quota;

    public AccountRoutes(AccountService accounts, Quota quota) {
        this.accounts = accounts;
        this.quota = quota;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes).get("/test", this::test);
    }

    private void test(Context ctx) {
        Caller caller = Caller.of(ctx);
        ApiKey key = caller.apiKey()
                .orElseThrow(() -> new Unauthorized("Missing or invalid authorization header"));
        Account account = accounts.findAccount(key.accountId())
                .orElseThrow(() -> new Unauthorized("Invalid authorization token"));
        QuotaState state = quota.stateOf(key);

        Map<String, Object> rateLimit = new LinkedHashMap<>();
        rateLimit.put("limit", state.limit());
        rateLimit.put("remaining", state.remaining());
        rateLimit.put("reset_at", state.resetAt());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("api_key_id", key.id());
        data.put("user_id", account.id());
        data.put("email", account.email());
        data.put("account_status", account.isActive() ? "active" : "suspended");
        data.put("rate_limit", rateLimit);
        data.put("permissions", key.permissions().stream().sorted().map(Permission::wireName)
                .toList());
        ctx.json(Envelope.success("API key is valid", data));
    }
}
