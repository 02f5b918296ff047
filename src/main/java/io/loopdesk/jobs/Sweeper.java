package io.loopdesk.jobs;

import io.loopdesk.request.RequestService;
import io.loopdesk.review.ReviewService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends what time has ended: requests past their deadline time out to their default answer, and
 * claims past their lease go back to pending. Every server process runs one; each change is a
 * conditional write, so when two processes pick the same row only one of them changes it.
 */
public final class Sweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sweeper.class);
    private static final int BATCH = 500;

    private final RequestService requests;
    private final ReviewService reviews;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "loopdesk-sweeper");
                thread.setDaemon(true);
                return thread;
            });

    public Sweeper(RequestService requests, ReviewService reviews, Duration interval) {
        this.requests = requests;
        this.reviews = reviews;
        this.interval = interval;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass; public so tests can drive it after moving the clock. */
    public void sweep() {
        for (String id : requests.overdueIds(BATCH)) {
            requests.timeOut(id);
        }
        for (String id : reviews.lapsedClaimIds(BATCH)) {
            reviews.expireLease(id);
        }
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("sweep failed, will retry next interval: {}", e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
