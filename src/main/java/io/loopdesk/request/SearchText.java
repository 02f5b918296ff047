package io.loopdesk.request;

import io.loopdesk.problem.InvalidInput;
import java.util.Optional;

/**
 * The words a filter looks for in request texts, in the one form that the requests page and
 * cancel by filter both use. The page lists the requests matching its text and writes that text
 * into its "cancel all matching" form; the text comes back through an HTML attribute and a form
 * post, so the form is one that survives both unchanged. Otherwise the page would list one set
 * and the cancel act on another.
 */
public final class SearchText {

    /** At most this many characters (code points, as everywhere in the API). */
    public static final int MAX_LENGTH = 200;

    private static final char REPLACEMENT = '\uFFFD';

    private SearchText() {
    }

    /**
     * The text of a page's address, which anyone can write: in normal form and cut to
     * {@link #MAX_LENGTH} whole characters. Nothing but whitespace is no text at all.
     */
    public static Optional<String> fromAddress(String raw) {
        String text = normalise(raw);
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH)).stripTrailing();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The text of an API field, in normal form. Never cut and never dropped: a shorter text
     * would match more requests than the caller named, so too long or blank is a 400.
     */
    public static String parse(String field, String raw) {
        String text = normalise(raw);
        if (text.isEmpty()) {
            throw InvalidInput.validation(field + " must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw InvalidInput.validation(field + " must be at most " + MAX_LENGTH
                    + " characters");
        }
        return text;
    }

    /**
     * The form an HTML page carries unchanged: its parser reads CR LF and a lone CR as LF (and a
     * form submitted without script sends every LF as CR LF), and reads NUL as U+FFFD; a half of
     * a surrogate pair cannot be sent as UTF-8 at all. Outer whitespace is dropped, as the page
     * always did.
     */
    static String normalise(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r') {
                text.append('\n');
                if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\0') {
                text.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < raw.length()
                    && Character.isLowSurrogate(raw.charAt(i + 1))) {
                text.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                text.append(REPLACEMENT);
            } else {
                text.append(c);
            }
        }
        return text.toString().strip();
    }
}
