package io.loopdesk.dashboard;

import io.loopdesk.quota.QuotaState;
import java.time.Instant;
import java.util.List;

/** The usage page: each key's hour so far, the account's total, and the last 24 hours. */
public record Usage(List<Usage.KeyUse> keys, int usedThisHour, Instant resetAt,
                    List<Usage.HourBar> hours, int busiest, int totalDay) {

    /** One key's hour so far. */
    public record KeyUse(String name, String prefix, QuotaState state) {

        public int percent() {
            return state.limit() == 0 ? 100
                    : Math.min(100, Math.round(100f * state.used() / state.limit()));
        }
    }

    /** One bar of the chart; {@code height} is a percentage of the busiest hour. */
    public record HourBar(Instant hour, int used, int height, boolean isCurrent) {
    }
}
