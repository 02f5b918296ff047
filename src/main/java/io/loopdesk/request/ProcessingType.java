package io.loopdesk.request;

import java.util.Arrays;
import java.util.Optional;

/** Time-sensitive requests must name a short deadline; deferred ones may wait up to 30 days. */
public enum ProcessingType {
    TIME_SENSITIVE("time-sensitive", 60, 86_400),
    DEFERRED("deferred", 60, 2_592_000);

    private final String wireName;
    private final long minTimeoutSeconds;
    private final long maxTimeoutSeconds;

    ProcessingType(String wireName, long minTimeoutSeconds, long maxTimeoutSeconds) {
        this.wireName = wireName;
        this.minTimeoutSeconds = minTimeoutSeconds;
        this.maxTimeoutSeconds = maxTimeoutSeconds;
    }

    public String wireName() {
        return wireName;
    }

    public long minTimeoutSeconds() {
        return minTimeoutSeconds;
    }

    public long maxTimeoutSeconds() {
        return maxTimeoutSeconds;
    }

    public static Optional<ProcessingType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
