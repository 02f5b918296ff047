package io.loopdesk.web;

import io.javalin.http.Context;
import io.loopdesk.account.ApiKey;
import io.loopdesk.account.KeyInUse;
import io.loopdesk.quota.Quota;
import io.loopdesk.quota.QuotaState;
import java.time.Instant;

/**
 * The {@code X-RateLimit-*} headers every API answer carries for a key. They report the use read
 * with the key when the call was authenticated, moved by what the call itself took or gave back;
 * only a call whose effect on the quota is not known that way (a batch cancel) reads it again.
 * Under concurrent calls of one key any report is a moment's view; the stored use stays exact.
 * A create refused for the quota reports the use it was refused at, as its body does.
 */
public final class QuotaHeaders {

    private static final String USE = "loopdesk.quota_use";
    private static final String CHANGE = "loopdesk.quota_change";
    private static final String REREAD = "loopdesk.quota_reread";

    private QuotaHeaders() {
    }

    static void remember(Context ctx, KeyInUse use) {
        ctx.attribute(USE, use);
    }

    /** The call took one unit from its own key in {@code hour}. */
    public static void took(Context ctx, Instant hour) {
        move(ctx, ctx.attribute(USE) instanceof KeyInUse use ? use.key().id() : null, hour, 1);
    }

    /** The call gave one unit back to {@code keyId}'s use of {@code hour}. */
    public static void gaveBack(Context ctx, String keyId, Instant hour) {
        move(ctx, keyId, hour, -1);
    }

    /** The call changed quota use in ways not reported one by one: read it again. */
    public static void reread(Context ctx) {
        ctx.attribute(REREAD, Boolean.TRUE);
    }

    private static void move(Context ctx, String keyId, Instant hour, int units) {
        if (ctx.attribute(USE) instanceof KeyInUse use && use.key().id().equals(keyId)) {
            if (!use.hour().equals(hour)) {
                // Another hour than the one reported: the reported use is not moved by it,
                // unless this is the call's own take across an hour's end.
                if (units > 0) {
                    reread(ctx);
                }
                return;
            }
            Integer change = ctx.attribute(CHANGE);
            ctx.attribute(CHANGE, (change == null ? 0 : change) + units);
        }
    }

    static void write(Context ctx, Quota quota, ApiKey key) {
        if (ctx.res().getHeader("X-RateLimit-Remaining") != null) {
            return; // a 429 reports the use it was refused at, read when it was refused
        }
        KeyInUse use = ctx.attribute(USE);
        Integer change = ctx.attribute(CHANGE);
        QuotaState state = use == null || ctx.attribute(REREAD) != null
                ? quota.stateOf(key)
                : quota.stateOf(key, use.hour(), use.usedInHour()
                        + (change == null ? 0 : change));
        ctx.header("X-RateLimit-Limit", Integer.toString(state.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(state.remaining()));
        ctx.header("X-RateLimit-Reset", Long.toString(state.resetAt().getEpochSecond()));
    }
}
