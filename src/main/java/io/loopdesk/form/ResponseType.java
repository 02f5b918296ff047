package io.loopdesk.form;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of answer a request can ask for; the wire name is what the API reads and writes. */
public enum ResponseType {
    TEXT,
    SINGLE_SELECT,
    MULTI_SELECT,
    RATING,
    NUMBER,
    BOOLEAN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ResponseType> fromWire(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(wireName)).findFirst();
    }
}
