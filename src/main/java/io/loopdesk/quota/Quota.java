package io.loopdesk.quota;

import io.loopdesk.account.ApiKey;
import io.loopdesk.problem.QuotaExceeded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hourly allowance of new requests per API key. Units are counted against the clock hour in
 * which a request was created, and a cancelled pending request gives its unit back to that
 * same hour.
 */
public final class Quota {

    private final QuotaRepository usage;
    private final int defaultLimit;
    private final Clock clock;

    public Quota(QuotaRepository usage, int defaultLimit, Clock clock) {
        this.usage = usage;
        this.defaultLimit = defaultLimit;
        this.clock = clock;
    }

    public int limitFor(ApiKey key) {
        return key.hourlyLimit().orElse(defaultLimit);
    }

    public static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    public QuotaState stateOf(ApiKey key) {
        Instant hour = hourOf(clock.instant());
        return new QuotaState(limitFor(key), usage.used(key.id(), hour),
                hour.plus(Duration.ofHours(1)));
    }

    /**
     * The state from a use already read for {@code hour}; read again if that hour has ended
     * since, so that a report never names an hour that is over.
     */
    public QuotaState stateOf(ApiKey key, Instant hour, int used) {
        if (!hour.equals(hourOf(clock.instant()))) {
            return stateOf(key);
        }
        return new QuotaState(limitFor(key), Math.max(0, used), hour.plus(Duration.ofHours(1)));
    }

    /**
     * Takes a unit for a new request with the commit of the caller's transaction. The commit
     * fails when none is left; {@link #isUsedUp} recognises that failure and {@link #exceeded}
     * is the 429 to answer with. A key whose limit is zero gets that 429 at once.
     */
    public Instant consume(ApiKey key, Instant now) {
        Instant hour = hourOf(now);
        if (limitFor(key) <= 0) {
            throw exceeded(key, now);
        }
        usage.takeAtCommit(key.id(), key.accountId(), hour, limitFor(key));
        return hour;
    }

    /** Whether {@code key} has no unit left in the hour of {@code now}, as stored now. */
    public boolean isUsedUp(ApiKey key, Instant now) {
        return usage.used(key.id(), hourOf(now)) >= limitFor(key);
    }

    public static boolean isUsedUp(Throwable failure) {
        return QuotaRepository.isUsedUp(failure);
    }

    /** The 429 for a key whose hour of {@code now} is used up, with the use as it stands. */
    public QuotaExceeded exceeded(ApiKey key, Instant now) {
        Instant hour = hourOf(now);
        QuotaState state = new QuotaState(limitFor(key), usage.used(key.id(), hour),
                hour.plus(Duration.ofHours(1)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("usage_count", state.used());
        data.put("usage_limit", state.limit());
        data.put("remaining", state.remaining());
        data.put("reset_at", state.resetAt());
        return new QuotaExceeded(data, Duration.between(now, state.resetAt()).toSeconds(),
                state.limit(), state.remaining(), state.resetAt().getEpochSecond());
    }

    public void refund(String apiKeyId, Instant hour) {
        refund(apiKeyId, hour, 1);
    }

    /** Gives back {@code units} at once, as a batch cancel does for each key and hour. */
    public void refund(String apiKeyId, Instant hour, int units) {
        usage.giveBack(apiKeyId, hour, units);
    }

    public List<QuotaRepository.HourlyUse> lastDay(String accountId) {
        return usage.hourlyForAccount(accountId, hourOf(clock.instant())
                .minus(Duration.ofHours(23)));
    }
}
