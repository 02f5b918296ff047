package io.loopdesk.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the reviewer is shown: markdown text, or an image with text beside it. */
public enum ContentType {
    MARKDOWN, IMAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ContentType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
