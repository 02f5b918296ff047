package io.loopdesk.webhook;

import io.loopdesk.Ids;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.account.Permission;
import io.loopdesk.db.Transactions;
import io.loopdesk.problem.Conflict;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.request.RequestService;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's webhooks: endpoints (create, read, change, delete, rotate the secret, send a test
 * event) and the delivery log (per endpoint and per request, each delivery with its attempts,
 * and "send again"). Every read and write is scoped to the caller's account; another account's
 * endpoint or delivery is reported as missing.
 */
public final class WebhookService {

    public static final int MAX_ENDPOINTS = 50;
    private static final Logger log = LoggerFactory.getLogger(WebhookService.class);
    private static final String DENIED = "Access denied to webhooks";
    private static final Duration TEST_LEASE = Duration.ofMinutes(5);

    private final Transactions tx;
    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final AccountRepository accounts;
    private final RequestService requests;
    private final AddressGuard guard;
    private final Courier courier;
    private final Clock clock;

    public WebhookService(Transactions tx, EndpointRepository endpoints,
                          DeliveryRepository deliveries, AccountRepository accounts,
                          RequestService requests, AddressGuard guard, Courier courier,
                          Clock clock) {
        this.tx = tx;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.requests = requests;
        this.guard = guard;
        this.courier = courier;
        this.clock = clock;
    }

    // ---- endpoints ----------------------------------------------------------------------

    public List<WebhookEndpoint> list(Caller caller) {
        caller.require(Permission.REQUESTS_READ, DENIED);
        return endpoints.listForAccount(caller.accountId());
    }

    public WebhookEndpoint get(Caller caller, String id) {
        caller.require(Permission.REQUESTS_READ, DENIED);
        return owned(caller, id);
    }

    /** A new endpoint; the one time its secret is returned, apart from a rotation. */
    public WebhookEndpoint create(Caller caller, Body body) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        EndpointForm form = EndpointForm.parse(body, guard);
        if (form.url().isEmpty()) {
            throw InvalidInput.validation("url is required");
        }
        if (endpoints.countForAccount(caller.accountId()) >= MAX_ENDPOINTS) {
            throw new InvalidInput("Webhook limit reached",
                    "An account may have at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        Instant now = now();
        boolean enabled = form.enabled().orElse(true);
        WebhookEndpoint endpoint = new WebhookEndpoint(Ids.next(), caller.accountId(),
                form.url().get(), form.description().orElse(""),
                form.events().orElse(EnumSet.allOf(EventType.class)), newSecret(), enabled,
                enabled ? null : "Disabled by its owner", now, now);
        endpoints.insert(endpoint);
        log.info("webhook endpoint created endpoint={} account={} events={}", endpoint.id(),
                caller.accountId(), EventType.encode(endpoint.events()));
        return endpoint;
    }

    public WebhookEndpoint update(Caller caller, String id, Body body) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        WebhookEndpoint current = owned(caller, id);
        EndpointForm form = EndpointForm.parse(body, guard);
        if (form.isEmpty()) {
            throw new InvalidInput("At least one field must be provided for update");
        }
        boolean enabled = form.enabled().orElse(current.enabled());
        String reason = enabled ? null
                : form.enabled().isPresent() && current.enabled() ? "Disabled by its owner"
                : current.disabledReason();
        WebhookEndpoint changed = new WebhookEndpoint(current.id(), current.accountId(),
                form.url().orElse(current.url()), form.description().orElse(current.description()),
                form.events().orElse(current.events()), current.secret(), enabled, reason,
                current.createdAt(), now());
        endpoints.update(changed);
        log.info("webhook endpoint updated endpoint={} account={} enabled={}", id,
                caller.accountId(), enabled);
        return changed;
    }

    /** Deletes the endpoint; what was still pending for it is failed, the log is kept. */
    public Instant delete(Caller caller, String id) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        WebhookEndpoint endpoint = owned(caller, id);
        Instant now = now();
        tx.inTransaction(() -> {
            endpoints.delete(endpoint.id(), caller.accountId());
            deliveries.failPendingOfEndpoint(endpoint.id(), "The webhook endpoint was deleted",
                    now);
        });
        log.info("webhook endpoint deleted endpoint={} account={}", id, caller.accountId());
        return now;
    }

    /** A new secret, returned this once; the old one stops signing at once. */
    public WebhookEndpoint rotateSecret(Caller caller, String id) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        WebhookEndpoint rotated = owned(caller, id).withSecret(newSecret(), now());
        endpoints.update(rotated);
        log.info("webhook secret rotated endpoint={} account={}", id, caller.accountId());
        return rotated;
    }

    /**
     * Sends a {@code webhook.test} event to the endpoint now, once, and returns the delivery
     * with its attempt, so the caller sees at once what the receiver answered.
     */
    public WebhookDelivery sendTest(Caller caller, String id) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        WebhookEndpoint endpoint = owned(caller, id);
        if (!endpoint.enabled()) {
            throw new InvalidInput("Webhook is disabled; enable it before sending a test event");
        }
        Instant now = now();
        String eventId = Ids.next();
        String deliveryId = Ids.next();
        String token = Ids.next();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", endpoint.id());
        data.put("message", "This is a test event from Loopdesk.");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", eventId);
        payload.put("event", EventType.TEST);
        payload.put("created_at", now);
        payload.put("data", data);

        ClaimedDelivery claimed = tx.inTransaction(() -> {
            deliveries.insertEvent(eventId, caller.accountId(), null, 0, EventType.TEST,
                    Json.write(payload), now);
            deliveries.insertDelivery(deliveryId, eventId, caller.accountId(), null, 0,
                    EventType.TEST, endpoint.id(), endpoint.url(), now, token,
                    now.plus(TEST_LEASE));
            return deliveries.claimedWith(token).get(0);
        });
        courier.carry(claimed, false);
        return deliveries.find(caller.accountId(), deliveryId).orElseThrow();
    }

    /** The account's secret that signs deliveries to requests' {@code callback_url}. */
    public String signingSecret(Caller caller) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        return accounts.signingSecret(caller.accountId()).orElseThrow(
                () -> new NotFound("Account not found"));
    }

    // ---- delivery log -------------------------------------------------------------------

    public record DeliveryPage(List<WebhookDelivery> deliveries, int total, boolean hasMore) {
    }

    /** An endpoint's deliveries, newest first, each with its attempts. */
    public DeliveryPage deliveriesOf(Caller caller, String endpointId, int limit, int offset) {
        caller.require(Permission.REQUESTS_READ, DENIED);
        WebhookEndpoint endpoint = owned(caller, endpointId);
        List<WebhookDelivery> page = deliveries.listForEndpoint(caller.accountId(), endpoint.id(),
                limit, offset);
        int total = deliveries.countForEndpoint(caller.accountId(), endpoint.id());
        return new DeliveryPage(page, total, offset + page.size() < total);
    }

    /** Every delivery of a request's events (endpoints and callback URL), in event order. */
    public List<WebhookDelivery> deliveriesOfRequest(Caller caller, String requestId) {
        requests.get(caller, requestId);
        return deliveries.listForRequest(caller.accountId(), requestId);
    }

    /** One delivery with its attempts and its payload. */
    public WebhookDelivery delivery(Caller caller, String deliveryId) {
        caller.require(Permission.REQUESTS_READ, DENIED);
        return ownedDelivery(caller, deliveryId);
    }

    /**
     * "Send again": the delivery becomes due now with a fresh retry schedule, whatever became
     * of it before. It keeps its event id, so the receiver can tell it is the same event.
     */
    public WebhookDelivery redeliver(Caller caller, String deliveryId) {
        caller.require(Permission.REQUESTS_WRITE, DENIED);
        WebhookDelivery delivery = ownedDelivery(caller, deliveryId);
        if (delivery.endpointId() != null) {
            WebhookEndpoint endpoint = endpoints.findForAccount(delivery.endpointId(),
                    caller.accountId()).orElseThrow(() -> new InvalidInput(
                    "The webhook endpoint of this delivery was deleted"));
            if (!endpoint.enabled()) {
                throw new InvalidInput("Webhook is disabled; enable it before sending again");
            }
        }
        if (!deliveries.redeliver(delivery.id(), caller.accountId(), now())) {
            throw new Conflict("The delivery is being sent right now; try again when it finishes");
        }
        log.info("webhook delivery queued again delivery_id={} account={}", deliveryId,
                caller.accountId());
        return ownedDelivery(caller, deliveryId);
    }

    private WebhookEndpoint owned(Caller caller, String id) {
        if (!Ids.isWellFormed(id)) {
            throw webhookNotFound();
        }
        return endpoints.findForAccount(id, caller.accountId())
                .orElseThrow(WebhookService::webhookNotFound);
    }

    private WebhookDelivery ownedDelivery(Caller caller, String id) {
        if (!Ids.isWellFormed(id)) {
            throw deliveryNotFound();
        }
        return deliveries.find(caller.accountId(), id)
                .orElseThrow(WebhookService::deliveryNotFound);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String newSecret() {
        return WebhookEndpoint.SECRET_PREFIX + Ids.randomHex(24);
    }

    private static NotFound webhookNotFound() {
        return new NotFound("Webhook not found");
    }

    private static NotFound deliveryNotFound() {
        return new NotFound("Delivery not found");
    }
}
