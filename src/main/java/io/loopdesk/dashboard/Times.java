package io.loopdesk.dashboard;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as pages print them before the browser script puts them in the viewer's own zone:
 * ISO for {@code <time datetime>}, and a readable UTC fallback that names its zone.
 */
public final class Times {

    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public static String utc(Instant at) {
        return at == null ? "" : DATE_TIME.format(at);
    }

    public static String utcHour(Instant at) {
        return at == null ? "" : HOUR.format(at);
    }
}
