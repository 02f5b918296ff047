package io.loopdesk.web;

import java.util.Optional;

/** What a plain form's post did, for the page the browser is sent to next. */
public record FormNotice(boolean isError, String text) {

    static final String FLASH_NAME = "notice";

    String encode() {
        return (isError ? "error:" : "ok:") + text;
    }

    static Optional<FormNotice> decode(String note) {
        if (note.startsWith("error:")) {
            return Optional.of(new FormNotice(true, note.substring(6)));
        }
        if (note.startsWith("ok:")) {
            return Optional.of(new FormNotice(false, note.substring(3)));
        }
        return Optional.empty();
    }

    /** The notice left for this browser's page, once. */
    public static Optional<FormNotice> take(Flash flash, io.javalin.http.Context ctx) {
        return flash.take(ctx, FLASH_NAME).flatMap(FormNotice::decode);
    }
}
