package io.loopdesk.web;

import io.javalin.http.Context;

/** Whether a request came from htmx, which wants an HTML fragment rather than JSON. */
public final class Htmx {

    private Htmx() {
    }

    public static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }
}
