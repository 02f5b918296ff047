package io.loopdesk.review.web;

import java.time.Duration;
import java.time.Instant;

/**
 * How long until a deadline, in the words the page prints before its script takes over the
 * counting (the script writes the same words).
 */
public final class TimeLeft {

    private TimeLeft() {
    }

    public static String until(Instant end, Instant now) {
        if (end == null) {
            return "";
        }
        long seconds = Duration.between(now, end).toSeconds();
        if (seconds <= 0) {
            return "time is up";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        if (days > 0) {
            return days + " d " + hours + " h left";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min left";
        }
        if (minutes > 0) {
            return minutes + " min " + seconds % 60 + " s left";
        }
        return seconds + " s left";
    }

    /** Under this many seconds the time left is shown as urgent. */
    public static boolean isShort(Instant end, Instant now) {
        return end != null && Duration.between(now, end).toSeconds() < 300;
    }
}
