package io.loopdesk.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a request stands. The last three are final: nothing changes them again. */
public enum Status {
    PENDING, CLAIMED, COMPLETED, TIMEOUT, CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == TIMEOUT || this == CANCELLED;
    }

    public boolean isOpen() {
        return !isFinal();
    }

    public static Optional<Status> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    public static Status fromStored(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
