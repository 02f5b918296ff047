package io.loopdesk.web;

import io.javalin.http.Context;
import io.loopdesk.quota.QuotaState;

/** The {@code X-RateLimit-*} headers every API answer carries for a key. */
public final class QuotaHeaders {

    /** A route that already knows the state after its own change leaves it here. */
    public static final String ATTRIBUTE = "loopdesk.quota_state";

    private QuotaHeaders() {
    }

    public static void remember(Context ctx, QuotaState state) {
        ctx.attribute(ATTRIBUTE, state);
    }

    static void write(Context ctx, QuotaState state) {
        ctx.header("X-RateLimit-Limit", Integer.toString(state.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(state.remaining()));
        ctx.header("X-RateLimit-Reset", Long.toString(state.resetAt().getEpochSecond()));
    }
}
