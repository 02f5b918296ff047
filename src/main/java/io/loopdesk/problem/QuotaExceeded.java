package io.loopdesk.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** 429: the API key has used its hourly allowance of new requests. */
public final class QuotaExceeded extends Problem {

    private final long retryAfterSeconds;
    private final Map<String, String> rateLimit;

    /**
     * {@code limit}, {@code remaining} and {@code resetAtEpochSecond} are the use the body
     * reports; the answer's rate-limit headers say the same.
     */
    public QuotaExceeded(Object data, long retryAfterSeconds, int limit, int remaining,
                         long resetAtEpochSecond) {
        super("API key request limit exceeded", data);
        this.retryAfterSeconds = retryAfterSeconds;
        this.rateLimit = Map.of("X-RateLimit-Limit", Integer.toString(limit),
                "X-RateLimit-Remaining", Integer.toString(remaining),
                "X-RateLimit-Reset", Long.toString(resetAtEpochSecond));
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>(rateLimit);
        headers.put("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        return headers;
    }
}
