package io.loopdesk.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again (SPEC 4): after 15 s, 1 min, 5 min, 30 min, 2 h, 12 h
 * and 24 h, then it is failed. A client error other than 408 and 429 means the receiver will not
 * accept this message however often it is sent, so it is not retried.
 */
public final class RetrySchedule {

    public static final List<Duration> DELAYS = List.of(Duration.ofSeconds(15),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(12), Duration.ofHours(24));

    private RetrySchedule() {
    }

    /** The wait after this many failed attempts, or empty once every retry has been used. */
    public static Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1 || failedAttempts > DELAYS.size()) {
            return Optional.empty();
        }
        return Optional.of(DELAYS.get(failedAttempts - 1));
    }

    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** Whether an answer with this status may be followed by a successful retry. */
    public static boolean isWorthRetrying(int status) {
        return status < 400 || status >= 500 || status == 408 || status == 429;
    }
}
