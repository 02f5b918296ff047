package io.loopdesk.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/** Friendly HTML pages for errors met while browsing; htmx callers get a short fragment. */
public final class ErrorPages {

    private final BiFunction<Context, String, Object> shells;

    public ErrorPages() {
        this((ctx, title) -> null);
    }

    /**
     * @param shells the page frame (navigation, who is signed in) around an error page, by
     *     request and title; null for none
     */
    public ErrorPages(BiFunction<Context, String, Object> shells) {
        this.shells = shells;
    }

    public void render(Context ctx, int status, String message) {
        boolean htmx = ctx.header("HX-Request") != null;
        String title = switch (status) {
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 500 -> "Something went wrong";
            default -> "Request refused";
        };
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("title", title);
        model.put("message", htmx ? message : explain(message));
        model.put("signedIn", Caller.find(ctx).isPresent());
        if (!htmx) {
            model.put("shell", frame(ctx, title));
        }
        ctx.render(htmx ? "_error_fragment.jte" : "error.jte", model);
    }

    /** Bare API messages read as shrugs on a page; say what happened and what may help. */
    private static String explain(String message) {
        return switch (message) {
            case "Not found" -> "There is nothing at this address. The link may be mistyped, "
                    + "or the page may have moved.";
            case "Request not found" -> "This request does not exist, or it belongs to another "
                    + "account.";
            case "Loop not found" -> "This loop does not exist, or it belongs to another account.";
            case "Internal server error" -> "Something went wrong on our side. Please try again; "
                    + "if it keeps happening, tell whoever runs this Loopdesk.";
            default -> message;
        };
    }

    /** The frame is decoration: an error page must still render when it cannot be built. */
    private Object frame(Context ctx, String title) {
        try {
            return shells.apply(ctx, title);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
