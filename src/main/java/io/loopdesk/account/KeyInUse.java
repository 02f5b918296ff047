package io.loopdesk.account;

import java.time.Instant;

/**
 * A live API key as found when a call was authenticated, with how many units of its hourly
 * quota it had used in that clock hour: read in the same query, so that the rate-limit headers
 * of an ordinary call cost no query of their own. {@code accountHasEndpoints}: whether the key's
 * account had an enabled webhook endpoint at that moment.
 */
public record KeyInUse(ApiKey key, Instant hour, int usedInHour, boolean accountHasEndpoints) {
}
