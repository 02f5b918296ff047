package io.loopdesk.problem;

import java.util.Map;

/** 429: the API key has used its hourly allowance of new requests. */
public final class QuotaExceeded extends Problem {

    private final long retryAfterSeconds;

    public QuotaExceeded(Object data, long retryAfterSeconds) {
        super("API key request limit exceeded", data);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }
}
