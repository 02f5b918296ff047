package io.loopdesk.webhook;

import io.loopdesk.Ids;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.request.RequestJson;
import io.loopdesk.request.RequestListener;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.Status;
import io.loopdesk.web.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a request's state change to the webhook outbox inside the transaction that makes the
 * change: one event row carrying the payload exactly as it will be sent, and one delivery per
 * target (each enabled endpoint of the account subscribed to the event, and the request's
 * callback URL). A rolled-back change therefore sends nothing, and a committed one is sent even
 * if the process dies right after the commit. A change nobody listens to writes nothing.
 */
public final class Outbox implements RequestListener {

    private final EndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final AccountRepository accounts;
    private final Clock clock;

    public Outbox(EndpointRepository endpoints, DeliveryRepository deliveries,
                  AccountRepository accounts, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void changed(String event, ReviewRequest request, Status previous,
                        Map<String, Object> extra, boolean endpointsMayListen) {
        Optional<EventType> type = EventType.fromWire(event);
        if (type.isEmpty()) {
            return;
        }
        List<WebhookEndpoint> targets = endpointsMayListen
                ? subscribed(request.accountId(), type.get()) : List.of();
        write(event, targets, request, previous, extra);
    }

    /** A batch looks the account's endpoints up once, not once per request. */
    @Override
    public void changedAll(String event, List<Change> changes) {
        Optional<EventType> type = EventType.fromWire(event);
        if (type.isEmpty()) {
            return;
        }
        Map<String, List<WebhookEndpoint>> byAccount = new HashMap<>();
        for (Change change : changes) {
            List<WebhookEndpoint> targets = byAccount.computeIfAbsent(
                    change.request().accountId(), account -> subscribed(account, type.get()));
            write(event, targets, change.request(), change.previous(), change.extra());
        }
    }

    private List<WebhookEndpoint> subscribed(String accountId, EventType type) {
        return endpoints.enabledForAccount(accountId).stream()
                .filter(endpoint -> endpoint.wants(type))
                .toList();
    }

    private void write(String event, List<WebhookEndpoint> targets, ReviewRequest request,
                       Status previous, Map<String, Object> extra) {
        if (targets.isEmpty() && request.callbackUrl() == null) {
            return;
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String eventId = Ids.next();
        int seq = deliveries.nextRequestSeq(request.id());
        String payload = Json.write(payload(eventId, event, now, request, previous, extra));
        deliveries.insertEvent(eventId, request.accountId(), request.id(), seq, event, payload,
                now);
        for (WebhookEndpoint endpoint : targets) {
            deliveries.insertDelivery(Ids.next(), eventId, request.accountId(), request.id(), seq,
                    event, endpoint.id(), endpoint.url(), now, null, null);
        }
        if (request.callbackUrl() != null) {
            deliveries.insertDelivery(Ids.next(), eventId, request.accountId(), request.id(), seq,
                    event, null, request.callbackUrl(), now, null, null);
        }
    }

    /** SPEC 4: {id, event, created_at, data: {request, previous_status, refund_info?, ...}}. */
    private Map<String, Object> payload(String eventId, String event, Instant now,
                                        ReviewRequest request, Status previous,
                                        Map<String, Object> extra) {
        Account responder = request.responseBy() == null ? null
                : accounts.findById(request.responseBy()).orElse(null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("request", RequestJson.of(request, responder));
        data.put("previous_status", previous == null ? null : previous.wireName());
        data.putAll(extra);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("event", event);
        body.put("created_at", now);
        body.put("data", data);
        return body;
    }
}
