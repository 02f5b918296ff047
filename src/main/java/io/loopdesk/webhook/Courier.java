package io.loopdesk.webhook;

import io.loopdesk.account.AccountRepository;
import io.loopdesk.db.Transactions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one claimed delivery to its target once: signs it, posts it, and records the attempt
 * and what follows from the answer (delivered, retried later, failed, endpoint switched off).
 */
public final class Courier {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final Transactions tx;
    private final DeliveryRepository deliveries;
    private final EndpointRepository endpoints;
    private final AccountRepository accounts;
    private final WebhookSender sender;
    private final Clock clock;
    private final String worker;

    public Courier(Transactions tx, DeliveryRepository deliveries, EndpointRepository endpoints,
                   AccountRepository accounts, WebhookSender sender, Clock clock, String worker) {
        this.tx = tx;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.accounts = accounts;
        this.sender = sender;
        this.clock = clock;
        this.worker = worker;
    }

    /** Where a delivery stands after one attempt, and the attempt itself (absent if none). */
    public record Outcome(DeliveryStatus status, Optional<DeliveryAttempt> attempt, String error) {
    }

    /** Where and with which secret to send a delivery. */
    private record Target(URI url, String secret) {
    }

    /**
     * One attempt at a delivery this process has leased. With {@code mayRetry} false (a test
     * send) the first attempt decides: delivered or failed.
     */
    public Outcome carry(ClaimedDelivery delivery, boolean mayRetry) {
        Target target;
        try {
            target = target(delivery);
        } catch (GivenUp e) {
            settle(delivery, DeliveryStatus.FAILED, delivery.attemptCount(), null, null,
                    e.getMessage(), clock.instant());
            log.warn("webhook delivery given up delivery_id={} event_id={} endpoint={} reason={}",
                    delivery.id(), delivery.eventId(), delivery.endpointId(), e.getMessage());
            return new Outcome(DeliveryStatus.FAILED, Optional.empty(), e.getMessage());
        }

        Instant startedAt = clock.instant();
        long started = System.nanoTime();
        Integer statusCode = null;
        String excerpt = null;
        String error = null;
        boolean worthRetrying;
        String host = target.url().getHost();
        try {
            WebhookSender.Answer answer = sender.post(target.url(),
                    headers(delivery, target.secret(), startedAt),
                    delivery.payload().getBytes(StandardCharsets.UTF_8));
            statusCode = answer.status();
            excerpt = answer.excerpt();
            worthRetrying = RetrySchedule.isWorthRetrying(statusCode);
            if (!RetrySchedule.isSuccess(statusCode)) {
                error = "receiver answered " + statusCode;
            }
        } catch (RefusedAddress e) {
            error = "address refused: " + host + " " + e.getMessage();
            worthRetrying = false;
        } catch (IOException e) {
            error = describe(e);
            worthRetrying = true;
        }
        int durationMs = (int) Math.min(Integer.MAX_VALUE,
                (System.nanoTime() - started) / 1_000_000);

        return record(delivery, mayRetry, startedAt, durationMs, statusCode, excerpt, error,
                worthRetrying, host);
    }

    private Outcome record(ClaimedDelivery delivery, boolean mayRetry, Instant startedAt,
                           int durationMs, Integer statusCode, String excerpt, String error,
                           boolean worthRetrying, String host) {
        boolean delivered = statusCode != null && RetrySchedule.isSuccess(statusCode);
        int failures = delivery.attemptCount() + 1;
        Optional<Duration> wait = delivered || !worthRetrying || !mayRetry ? Optional.empty()
                : RetrySchedule.delayAfter(failures);
        DeliveryStatus status = delivered ? DeliveryStatus.DELIVERED
                : wait.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
        Instant now = clock.instant();
        Instant next = wait.map(now::plus).orElse(null);
        boolean gone = statusCode != null && statusCode == 410 && delivery.endpointId() != null;

        DeliveryAttempt attempt = tx.inTransaction(() -> {
            int number = deliveries.attemptsMade(delivery.id()) + 1;
            DeliveryAttempt made = new DeliveryAttempt(0, number, worker, startedAt, durationMs,
                    statusCode, excerpt, error);
            deliveries.insertAttempt(delivery.id(), made);
            deliveries.settle(delivery, status, failures, next, statusCode, error, now);
            if (gone) {
                endpoints.disable(delivery.endpointId(), "Receiver answered 410 Gone", now);
            }
            return made;
        });

        if (delivered) {
            log.info("webhook delivered delivery_id={} event_id={} event={} host={} attempt={} "
                    + "status={} ms={}", delivery.id(), delivery.eventId(), delivery.event(), host,
                    attempt.number(), statusCode, durationMs);
        } else {
            log.warn("webhook attempt failed delivery_id={} event_id={} event={} endpoint={} "
                    + "host={} attempt={} status={} error=\"{}\" next_attempt_at={}",
                    delivery.id(), delivery.eventId(), delivery.event(),
                    delivery.endpointId() == null ? "callback_url" : delivery.endpointId(), host,
                    attempt.number(), statusCode, error, next == null ? "none" : next);
        }
        if (gone) {
            log.warn("webhook endpoint disabled endpoint={} reason=410", delivery.endpointId());
        }
        return new Outcome(status, Optional.of(attempt), error);
    }

    private Target target(ClaimedDelivery delivery) throws GivenUp {
        if (delivery.endpointId() == null) {
            String secret = accounts.signingSecret(delivery.accountId())
                    .orElseThrow(() -> new GivenUp("The account no longer exists"));
            return new Target(uri(delivery.url()), secret);
        }
        WebhookEndpoint endpoint = endpoints.findById(delivery.endpointId())
                .orElseThrow(() -> new GivenUp("The webhook endpoint was deleted"));
        if (!endpoint.enabled()) {
            throw new GivenUp("The webhook endpoint is disabled");
        }
        return new Target(uri(endpoint.url()), endpoint.secret());
    }

    private static URI uri(String url) throws GivenUp {
        try {
            return AddressGuard.parse("url", url);
        } catch (RuntimeException e) {
            throw new GivenUp("The target URL is not an http or https URL");
        }
    }

    private static Map<String, String> headers(ClaimedDelivery delivery, String secret,
                                               Instant now) {
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Loopdesk-Webhooks/1");
        headers.put("X-HITL-Event", delivery.event());
        headers.put("X-HITL-Delivery", delivery.eventId());
        headers.put("X-HITL-Timestamp", Long.toString(timestamp));
        headers.put("X-HITL-Signature-256", Signature.sign(secret, timestamp, delivery.payload()));
        return headers;
    }

    private void settle(ClaimedDelivery delivery, DeliveryStatus status, int attempts,
                        Instant next, Integer statusCode, String error, Instant now) {
        tx.inTransaction(() -> {
            deliveries.settle(delivery, status, attempts, next, statusCode, error, now);
        });
    }

    private String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out after " + sender.timeout().toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A delivery that cannot be attempted at all. */
    private static final class GivenUp extends Exception {
        GivenUp(String reason) {
            super(reason, null, false, false);
        }
    }
}
