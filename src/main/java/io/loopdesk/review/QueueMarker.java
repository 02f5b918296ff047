package io.loopdesk.review;

import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an open queue page was built from: the newest request event, the loops the reviewer works
 * in, and the first moment a deadline or lease shown on it runs out. The page sends it back with
 * every poll; while it still holds, nothing the queue shows can have changed, and the poll costs
 * two small reads instead of the queue query. It lives in the database's state, not in this
 * process, so any server process can answer any poll.
 *
 * @param horizon null when nothing shown has a deadline
 */
public record QueueMarker(long eventId, int loops, Instant horizon) {

    private static final Pattern FORMAT =
            Pattern.compile("(\\d{1,19})\\.(-?\\d{1,10})\\.(\\d{1,19})");

    public static QueueMarker of(long eventId, Collection<String> loopIds) {
        return new QueueMarker(eventId, loopIds.stream().sorted().toList().hashCode(), null);
    }

    /** The same marker, good until the first deadline or lease among {@code shown} passes. */
    public QueueMarker until(List<ReviewRequest> shown) {
        Instant first = null;
        for (ReviewRequest r : shown) {
            first = earlier(first, r.timeoutAt());
            if (r.status() == Status.CLAIMED) {
                first = earlier(first, r.claimExpiresAt());
            }
        }
        return new QueueMarker(eventId, loops, first);
    }

    /** Whether a page built from this marker is still right, given the current one. */
    public boolean stillHolds(QueueMarker current, Instant now) {
        return eventId == current.eventId && loops == current.loops
                && (horizon == null || now.isBefore(horizon));
    }

    public String format() {
        return eventId + "." + loops + "." + (horizon == null ? 0 : horizon.toEpochMilli());
    }

    /** The marker a page sent back; empty for anything this class did not write. */
    public static Optional<QueueMarker> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(m.group(3));
            return Optional.of(new QueueMarker(Long.parseLong(m.group(1)),
                    Integer.parseInt(m.group(2)),
                    millis == 0 ? null : Instant.ofEpochMilli(millis)));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return a == null || b.isBefore(a) ? b : a;
    }
}
