package io.loopdesk.request;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent a request is; the rank orders queues from critical down to low. */
public enum Priority {
    LOW(1), MEDIUM(2), HIGH(3), CRITICAL(4);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }

    public static Priority fromStored(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
