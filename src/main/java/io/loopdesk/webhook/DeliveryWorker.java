package io.loopdesk.webhook;

import io.loopdesk.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds. Every server process runs one: it polls the database for due
 * deliveries, leases a few (a conditional update, so two processes never lease the same one),
 * and hands each to a small pool of senders so that one slow receiver does not hold up the rest.
 * Nothing is queued in memory beyond the leased rows: if the process dies, the leases run out
 * and another process sends them.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Attempts one process has in flight at most. */
    static final int SENDERS = 8;

    private final DeliveryRepository deliveries;
    private final Courier courier;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore slots = new Semaphore(SENDERS);
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread poller;
    private ExecutorService senders;

    /**
     * @param lease how long a leased delivery stays with this process; longer than a send takes
     *              (the time-out) so that only a dead process's leases run out
     */
    public DeliveryWorker(DeliveryRepository deliveries, Courier courier, Clock clock,
                          Duration pollInterval, Duration lease) {
        this.deliveries = deliveries;
        this.courier = courier;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        senders = Executors.newFixedThreadPool(SENDERS, runnable -> {
            Thread thread = new Thread(runnable, "loopdesk-webhook-sender");
            thread.setDaemon(true);
            return thread;
        });
        poller = new Thread(this::pollUntilStopped, "loopdesk-webhook-poller");
        poller.setDaemon(true);
        poller.start();
    }

    /** Stops polling and lets attempts in flight finish (each is bounded by the time-out). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake();
        try {
            poller.join(pollInterval.toMillis() + 5_000);
            senders.shutdown();
            if (!senders.awaitTermination(lease.toMillis(), TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Sends everything due now in the calling thread and returns how many attempts it made;
     * for tests that move the clock and for operators' one-off runs.
     */
    public int drain() {
        int attempts = 0;
        while (true) {
            List<ClaimedDelivery> claimed = claim(SENDERS);
            if (claimed.isEmpty()) {
                return attempts;
            }
            claimed.forEach(this::carry);
            attempts += claimed.size();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void pollUntilStopped() {
        while (running) {
            int started = 0;
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    started = claimAndSend(free);
                }
            } catch (RuntimeException e) {
                log.warn("webhook poll failed, will retry error=\"{}\"", e.toString());
            }
            if (started == 0) {
                awaitWork();
            }
        }
    }

    private int claimAndSend(int free) {
        List<ClaimedDelivery> claimed = claim(free);
        for (ClaimedDelivery delivery : claimed) {
            slots.acquireUninterruptibly();
            senders.execute(() -> {
                try {
                    carry(delivery);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return claimed.size();
    }

    private List<ClaimedDelivery> claim(int limit) {
        Instant now = clock.instant();
        return deliveries.claimDue(Ids.next(), now, now.plus(lease), limit);
    }

    private void carry(ClaimedDelivery delivery) {
        try {
            courier.carry(delivery, true);
        } catch (RuntimeException e) {
            log.warn("webhook attempt not recorded, its lease will run out and it will be retried "
                    + "delivery_id={} error=\"{}\"", delivery.id(), e.toString());
        }
    }

    /** Waits for the poll interval, or less when a send finishes or the worker stops. */
    private void awaitWork() {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(pollInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }
}
