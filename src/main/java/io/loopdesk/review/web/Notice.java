package io.loopdesk.review.web;

/**
 * A message about where a request stands, for the reviewer page: why it cannot be answered
 * (cancelled, timed out, claimed by someone else) or why the reviewer's claim ended.
 *
 * @param tone "info", "warning" or "ended"; the page colours the message by it
 * @param detail a second sentence, or null
 */
public record Notice(String tone, String title, String detail) {

    public static Notice info(String title, String detail) {
        return new Notice("info", title, detail);
    }

    public static Notice warning(String title, String detail) {
        return new Notice("warning", title, detail);
    }

    public static Notice ended(String title, String detail) {
        return new Notice("ended", title, detail);
    }
}
