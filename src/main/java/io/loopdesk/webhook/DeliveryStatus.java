package io.loopdesk.webhook;

import java.util.Arrays;

/** Where a delivery stands: still to be sent (or retried), received, or given up on. */
public enum DeliveryStatus {
    PENDING("pending"),
    DELIVERED("delivered"),
    FAILED("failed");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static DeliveryStatus fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown delivery status " + name));
    }
}
