package io.loopdesk.quota;

import java.time.Instant;

/** An API key's use of its hourly allowance, as the rate-limit headers report it. */
public record QuotaState(int limit, int used, Instant resetAt) {

    public int remaining() {
        return Math.max(0, limit - used);
    }
}
