package io.loopdesk.webhook;

import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries, driven by moving the test clock and running the worker step by step (the server's
 * own worker is stopped meanwhile, so every attempt here is one the test asked for).
 */
@ExtendWith(RestoresClock.class)
class RetryTest {

    private DeliveryWorker worker;
    private Person alice;
    private String loop;

    @BeforeEach
    void stopTheBackgroundWorker() {
        worker = server().app().deliveryWorker();
        worker.stop();
        alice = server().newPerson("Alice");
        loop = server().newLoop(alice, "Moderation");
    }

    @AfterEach
    void restartTheBackgroundWorker() {
        worker.start();
    }

    @Test
    void aReceiverThatFailsTwiceGetsTheSameEventThreeTimesWithGrowingDelays() {
        try (Receiver receiver = Receiver.start().answering(500, 500).byDefault(200)) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());

            worker.drain();
            assertThat(receiver.calls()).hasSize(1);
            worker.drain();
            advance(Duration.ofSeconds(14));
            assertThat(receiver.calls()).as("not before 15 s").hasSize(1);
            advance(Duration.ofSeconds(1));
            assertThat(receiver.calls()).hasSize(2);
            advance(Duration.ofSeconds(59));
            assertThat(receiver.calls()).as("not before 1 min").hasSize(2);
            advance(Duration.ofSeconds(1));
            assertThat(receiver.calls()).hasSize(3);
            advance(Duration.ofHours(25));
            assertThat(receiver.calls()).as("delivered: nothing more").hasSize(3);

            List<Receiver.Call> calls = receiver.calls();
            assertThat(calls).extracting(c -> c.header("X-HITL-Delivery")).containsOnly(
                    calls.get(0).header("X-HITL-Delivery"));
            assertThat(calls).extracting(Receiver.Call::body).containsOnly(calls.get(0).body());
            long first = Long.parseLong(calls.get(0).header("X-HITL-Timestamp"));
            long second = Long.parseLong(calls.get(1).header("X-HITL-Timestamp"));
            long third = Long.parseLong(calls.get(2).header("X-HITL-Timestamp"));
            assertThat(second - first).isBetween(15L, 16L);
            assertThat(third - second).isBetween(60L, 61L);

            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("delivered");
            assertThat(delivery.path("attempt_count").asInt()).isEqualTo(3);
            List<JsonNode> attempts = Hooks.list(delivery.path("attempts"));
            assertThat(attempts).extracting(a -> a.path("status_code").asInt())
                    .containsExactly(500, 500, 200);
            assertThat(attempts).extracting(a -> a.path("attempt").asInt())
                    .containsExactly(1, 2, 3);
            assertThat(attempts.get(0).path("response_body").asText()).isEqualTo("{\"ok\":true}");
            assertThat(attempts.get(0).path("error").asText()).isEqualTo("receiver answered 500");
            assertThat(attempts).allMatch(a -> a.path("duration_ms").asInt() >= 0);
            assertThat(Duration.between(at(attempts.get(0)), at(attempts.get(1))))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(15));
            assertThat(Duration.between(at(attempts.get(1)), at(attempts.get(2))))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void afterTheLastRetryTheDeliveryIsFailed() {
        try (Receiver receiver = Receiver.start().byDefault(503)) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());

            worker.drain();
            for (Duration delay : RetrySchedule.DELAYS) {
                advance(delay);
            }
            assertThat(receiver.calls()).hasSize(8);
            advance(Duration.ofDays(3));
            assertThat(receiver.calls()).hasSize(8);

            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.path("next_attempt_at").isNull()).isTrue();
            assertThat(delivery.path("attempts")).hasSize(8);
        }
    }

    @Test
    void aClientErrorIsNotRetried() {
        try (Receiver receiver = Receiver.start().byDefault(400).withBody("bad payload")) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());

            worker.drain();
            advance(Duration.ofDays(2));

            assertThat(receiver.calls()).hasSize(1);
            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.path("last_status_code").asInt()).isEqualTo(400);
            assertThat(delivery.path("attempts").get(0).path("response_body").asText())
                    .isEqualTo("bad payload");
        }
    }

    @Test
    void timeoutsAndRateLimitsAndRedirectsAreRetried() {
        try (Receiver receiver = Receiver.start().answering(429, 408, 301).byDefault(204)) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());

            worker.drain();
            advance(RetrySchedule.DELAYS.get(0));
            advance(RetrySchedule.DELAYS.get(1));
            advance(RetrySchedule.DELAYS.get(2));

            assertThat(receiver.calls()).hasSize(4);
            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("delivered");
            assertThat(Hooks.list(delivery.path("attempts")))
                    .extracting(a -> a.path("status_code").asInt())
                    .containsExactly(429, 408, 301, 204);
        }
    }

    @Test
    void goneDisablesTheEndpointAndWhatWasQueuedForIt() {
        try (Receiver receiver = Receiver.start().byDefault(410)) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);
            String id = Hooks.request(alice, loop, Bodies.request());
            assertThat(server().delete("/v1/api/requests/" + id, alice.apiKey()).status())
                    .isEqualTo(200);

            worker.drain();

            assertThat(receiver.calls()).hasSize(1);
            JsonNode webhook = server().get("/v1/api/webhooks/" + endpoint.id(), alice.apiKey())
                    .data().path("webhook");
            assertThat(webhook.path("enabled").asBoolean()).isFalse();
            assertThat(webhook.path("disabled_reason").asText()).contains("410");
            List<JsonNode> log = Hooks.deliveriesOfRequest(alice, id);
            assertThat(log).extracting(d -> d.path("status").asText())
                    .containsExactly("failed", "failed");
            assertThat(log.get(1).path("last_error").asText()).contains("disabled");
            assertThat(log.get(1).path("attempts")).isEmpty();

            String later = Hooks.request(alice, loop, Bodies.request());
            worker.drain();
            assertThat(Hooks.deliveriesOfRequest(alice, later)).isEmpty();
            assertThat(receiver.calls()).hasSize(1);
        }
    }

    @Test
    void aHangingReceiverIsCutAtTheTimeoutAndTriedAgain() {
        DeliveryWorker quick = Hooks.worker(new AddressGuard(true), Duration.ofMillis(500),
                "quick-timeout");
        try (Receiver receiver = Receiver.start().answering(Receiver.HANG).byDefault(200)) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());

            long started = System.nanoTime();
            quick.drain();
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("pending");
            JsonNode attempt = delivery.path("attempts").get(0);
            assertThat(attempt.path("error").asText()).isEqualTo("timed out after 500 ms");
            assertThat(attempt.path("status_code").isNull()).isTrue();
            assertThat(attempt.path("duration_ms").asInt()).isBetween(450, 5_000);
            assertThat(tookMs).isLessThan(8_000);

            server().clock().advance(Duration.ofSeconds(15));
            quick.drain();
            assertThat(Hooks.deliveriesOfRequest(alice, id).get(0).path("status").asText())
                    .isEqualTo("delivered");
            assertThat(receiver.calls()).hasSize(2);
        }
    }

    @Test
    void eventsOfOneRequestWaitForTheEarlierOnes() {
        try (Receiver receiver = Receiver.start().answering(500).byDefault(200)) {
            Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);
            String id = Hooks.request(alice, loop, Bodies.request());
            server().delete("/v1/api/requests/" + id, alice.apiKey());

            worker.drain();
            assertThat(receiver.calls()).extracting(c -> c.header("X-HITL-Event"))
                    .as("the cancel waits while the create is being retried")
                    .containsExactly("request.created");

            advance(Duration.ofSeconds(15));
            assertThat(receiver.calls()).extracting(c -> c.header("X-HITL-Event"))
                    .containsExactly("request.created", "request.created", "request.cancelled");
        }
    }

    @Test
    void anyDeliveryCanBeSentAgainWithTheSameEventId() {
        try (Receiver receiver = Receiver.start()) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());
            worker.drain();
            String deliveryId = Hooks.deliveriesOfRequest(alice, id).get(0).path("id").asText();

            ApiResponse again = server().post("/v1/api/webhook-deliveries/" + deliveryId
                    + "/redeliver", alice.apiKey(), null);
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            assertThat(again.data().path("delivery").path("status").asText()).isEqualTo("pending");
            worker.drain();

            assertThat(receiver.calls()).hasSize(2);
            assertThat(receiver.calls().get(1).header("X-HITL-Delivery"))
                    .isEqualTo(receiver.calls().get(0).header("X-HITL-Delivery"));
            JsonNode delivery = Hooks.delivery(alice, deliveryId);
            assertThat(delivery.path("status").asText()).isEqualTo("delivered");
            assertThat(delivery.path("attempts")).hasSize(2);
            assertThat(delivery.path("payload").path("event").asText())
                    .isEqualTo("request.created");

            Person mallory = server().newPerson("Mallory");
            ApiResponse stolen = server().post("/v1/api/webhook-deliveries/" + deliveryId
                    + "/redeliver", mallory.apiKey(), null);
            assertThat(stolen.status()).isEqualTo(404);
            assertThat(stolen.msg()).isEqualTo("Delivery not found");
        }
    }

    @Test
    void deletingAnEndpointFailsWhatWasStillQueuedForIt() {
        try (Receiver receiver = Receiver.start()) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);
            String id = Hooks.request(alice, loop, Bodies.request());
            server().delete("/v1/api/webhooks/" + endpoint.id(), alice.apiKey());

            worker.drain();

            assertThat(receiver.calls()).isEmpty();
            JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.path("last_error").asText()).contains("deleted");
        }
    }

    private void advance(Duration by) {
        server().clock().advance(by);
        worker.drain();
    }

    private static Instant at(JsonNode attempt) {
        return Instant.parse(attempt.path("attempted_at").asText());
    }
}
