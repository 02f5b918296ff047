package io.loopdesk.web;

import io.javalin.http.Context;
import java.util.Map;

/** Friendly HTML pages for errors met while browsing; htmx callers get a short fragment. */
public final class ErrorPages {

    public void render(Context ctx, int status, String message) {
        boolean htmx = ctx.header("HX-Request") != null;
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 500 -> "Something went wrong";
            default -> "Request refused";
        };
        ctx.render(htmx ? "_error_fragment.jte" : "error.jte",
                Map.of("status", status, "title", title, "message", message,
                        "signedIn", Caller.find(ctx).isPresent()));
    }
}
