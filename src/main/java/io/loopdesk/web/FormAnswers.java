package io.loopdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the API's routes answer a page's plain form, sent without JavaScript: not with JSON,
 * which the browser would show as text, but with a redirect (303) to a page of this site, and
 * the answer's message as a one-time {@link FormNotice} there. htmx calls and scripts are not
 * plain forms and keep their fragments and JSON.
 *
 * <p>The page is the form's {@code _return} field, whose {@code {a.b}} placeholders are filled
 * from the answer's data (a new loop's id), or else the page the form was on.
 */
public final class FormAnswers {

    static final String RETURN_FIELD = "_return";
    /** Same-site paths only: one leading slash, never "//" or "/\" (another host). */
    private static final Pattern SAFE_PATH = Pattern.compile("/(?![/\\\\])[^\\s\\\\]{0,500}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_.]+)}");
    private static final String FALLBACK = "/requests";

    private final Flash flash;

    FormAnswers(Flash flash) {
        this.flash = flash;
    }

    public static boolean isSafePath(String path) {
        return path != null && SAFE_PATH.matcher(path).matches();
    }

    /** A form the browser posted itself, not htmx: a form body, and a page wanted back. */
    static boolean isBrowserForm(Context ctx) {
        String type = ctx.contentType();
        String accept = ctx.header("Accept");
        return type != null && type.startsWith("application/x-www-form-urlencoded")
                && !Htmx.isHtmx(ctx)
                && accept != null && accept.contains("text/html");
    }

    /** A browser form from a signed-in session, which a notice can follow to the next page. */
    public static boolean isPlainForm(Context ctx) {
        return isBrowserForm(ctx) && Caller.find(ctx).flatMap(Caller::session).isPresent();
    }

    /** After a route succeeded: to the page the form names, with the route's message. */
    void answerSuccess(Context ctx) {
        if (!isPlainForm(ctx) || ctx.statusCode() >= 300) {
            return;
        }
        JsonNode body = parse(ctx.result());
        String message = body.path("msg").asText("Done.");
        flash.put(ctx, FormNotice.FLASH_NAME, new FormNotice(false, message).encode());
        redirect(ctx, destination(ctx, body.path("data")));
    }

    /** After a route refused: back to the form's page, which shows why. */
    void answerFailure(Context ctx, String message, Object data) {
        String text = data instanceof String detail ? message + ": " + detail : message;
        flash.put(ctx, FormNotice.FLASH_NAME, new FormNotice(true, text).encode());
        redirect(ctx, formPage(ctx));
    }

    private static void redirect(Context ctx, String path) {
        ctx.result("");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.redirect(path, HttpStatus.SEE_OTHER);
    }

    private static String destination(Context ctx, JsonNode data) {
        String wanted = ctx.formParam(RETURN_FIELD);
        if (wanted == null || wanted.isBlank()) {
            return formPage(ctx);
        }
        Matcher placeholders = PLACEHOLDER.matcher(wanted);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            JsonNode value = data;
            for (String key : placeholders.group(1).split("\\.")) {
                value = value.path(key);
            }
            placeholders.appendReplacement(filled, Matcher.quoteReplacement(
                    URLEncoder.encode(value.asText(""), StandardCharsets.UTF_8)));
        }
        placeholders.appendTail(filled);
        String path = filled.toString();
        return isSafePath(path) ? path : formPage(ctx);
    }

    /** The path and query of the page the form was on; only ever a path of this site. */
    private static String formPage(Context ctx) {
        String referer = ctx.header("Referer");
        if (referer == null) {
            return FALLBACK;
        }
        try {
            URI uri = new URI(referer);
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? ""
                    : "?" + uri.getRawQuery());
            return isSafePath(path) ? path : FALLBACK;
        } catch (URISyntaxException e) {
            return FALLBACK;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null ? Json.object() : Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            return Json.object();
        }
    }
}
