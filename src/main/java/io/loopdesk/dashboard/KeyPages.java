package io.loopdesk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.ApiKey;
import io.loopdesk.account.IssuedKey;
import io.loopdesk.account.Permission;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.Problem;
import io.loopdesk.quota.Quota;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Flash;
import io.loopdesk.web.Json;
import io.loopdesk.web.RouteSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API keys: create, list, revoke. Keys have no JSON API, so these are ordinary forms with the
 * session's CSRF token. Creating answers with a redirect, so that reloading the page cannot
 * make a second key; the secret rides along in a {@link Flash} and is shown on the keys page
 * that follows, once, and never again.
 */
final class KeyPages implements RouteSet {

    private static final int MAX_HOURLY_LIMIT = 1_000_000;
    private static final String NEW_KEY = "new_key";

    private final PageAccess access;
    private final AccountService accounts;
    private final Quota quota;
    private final Flash flash;

    KeyPages(PageAccess access, AccountService accounts, Quota quota, Flash flash) {
        this.access = access;
        this.accounts = accounts;
        this.quota = quota;
        this.flash = flash;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/keys", this::show);
        routes.post("/keys", this::create);
        routes.post("/keys/{id}/revoke", this::revoke);
    }

    private void create(Context ctx) {
        Caller caller = access.require(ctx);
        IssuedKey issued;
        try {
            issued = accounts.createApiKey(caller.accountId(), ctx.formParam("name"),
                    permissions(ctx), hourlyLimit(ctx));
        } catch (Problem refused) {
            ctx.status(refused.status());
            render(ctx, caller, null, refused.data() instanceof String detail ? detail
                    : refused.getMessage());
            return;
        }
        flash.put(ctx, NEW_KEY, Json.write(Map.of("key_id", issued.key().id(),
                "secret", issued.secret())));
        ctx.redirect("/keys", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        IssuedKey issued = flash.take(ctx, NEW_KEY)
                .flatMap(note -> issuedKey(caller, note)).orElse(null);
        render(ctx, caller, issued, null);
    }

    /** The key a flash note names, with its secret; empty when it is gone since. */
    private Optional<IssuedKey> issuedKey(Caller caller, String note) {
        JsonNode fields = Json.readStored(note);
        String keyId = fields.path("key_id").asText();
        return accounts.listKeys(caller.accountId()).stream()
                .filter(key -> key.id().equals(keyId) && !key.isRevoked())
                .findFirst()
                .map(key -> new IssuedKey(key, fields.path("secret").asText()));
    }

    private void revoke(Context ctx) {
        Caller caller = access.require(ctx);
        accounts.revokeKey(caller.accountId(), ctx.pathParam("id"));
        ctx.redirect("/keys?revoked=1", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, Caller caller, IssuedKey issued, String error) {
        // A new key's secret is in this page only; no cache may keep a copy of it.
        ctx.header("Cache-Control", "no-store");
        List<KeyRow> keys = accounts.listKeys(caller.accountId()).stream()
                .sorted(Comparator.comparing(ApiKey::isRevoked)
                        .thenComparing(ApiKey::createdAt, Comparator.reverseOrder()))
                .map(key -> new KeyRow(key, quota.limitFor(key), key.hourlyLimit().isPresent()))
                .toList();
        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "API keys", Section.KEYS));
        model.put("keys", keys);
        model.put("issued", issued);
        model.put("error", error);
        model.put("revoked", "1".equals(ctx.queryParam("revoked")));
        model.put("permissions", List.of(Permission.values()));
        ctx.render("keys.jte", model);
    }

    private static Set<Permission> permissions(Context ctx) {
        Set<Permission> chosen = EnumSet.noneOf(Permission.class);
        for (String name : ctx.formParams("permissions")) {
            chosen.add(Permission.fromWire(name).orElseThrow(
                    () -> InvalidInput.validation("unknown permission " + name)));
        }
        return chosen;
    }

    private static Optional<Integer> hourlyLimit(Context ctx) {
        String raw = ctx.formParam("hourly_limit");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit < 0 || limit > MAX_HOURLY_LIMIT) {
                throw InvalidInput.validation("the hourly limit must be 0 to " + MAX_HOURLY_LIMIT);
            }
            return Optional.of(limit);
        } catch (NumberFormatException e) {
            throw InvalidInput.validation("the hourly limit must be a whole number");
        }
    }
}
