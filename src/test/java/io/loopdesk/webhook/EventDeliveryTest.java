package io.loopdesk.webhook;

import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every kind of state change reaches the receiver once, signed, in order, with the request. */
@ExtendWith(RestoresClock.class)
class EventDeliveryTest {

    @Test
    void eachEventTypeArrivesOnceSignedAndInOrder() {
        Person alice = server().newPerson("Alice");
        Person bob = server().newPerson("Bob");
        String loop = server().newLoop(alice, "Moderation");
        server().join(alice, loop, bob);

        try (Receiver receiver = Receiver.start()) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);

            String released = Hooks.request(alice, loop, Bodies.request());
            claim(bob, released);
            ok(server().post("/v1/api/requests/" + released + "/release", bob.apiKey(), null));
            ok(server().send("DELETE", "/v1/api/requests/" + released, alice.apiKey(),
                    Map.of("reason", "Posted by mistake"), Map.of()));

            String answered = Hooks.request(alice, loop, Bodies.request());
            claim(bob, answered);
            ok(server().post("/v1/api/requests/" + answered + "/respond", bob.apiKey(),
                    Map.of("response_data", "approve")));

            String expired = Hooks.request(alice, loop, Bodies.timeSensitive(60));
            Await.until("the first eight events", () -> receiver.calls().size() >= 8);
            server().clock().advance(Duration.ofSeconds(61));

            Await.until("all nine events", () -> receiver.calls().size() >= 9);
            Await.until("every delivery recorded", () -> List.of(released, answered, expired)
                    .stream().allMatch(id -> Hooks.deliveriesOfRequest(alice, id).stream()
                            .allMatch(d -> d.path("status").asText().equals("delivered"))));

            assertThat(eventsFor(receiver, released)).containsExactly("request.created",
                    "request.claimed", "request.released", "request.cancelled");
            assertThat(eventsFor(receiver, answered)).containsExactly("request.created",
                    "request.claimed", "request.completed");
            assertThat(eventsFor(receiver, expired)).containsExactly("request.created",
                    "request.timeout");
            assertThat(receiver.calls()).hasSize(9);
            assertThat(receiver.calls().stream().map(c -> c.header("X-HITL-Delivery")).distinct())
                    .hasSize(9);

            for (Receiver.Call call : receiver.calls()) {
                assertThat(Hooks.signatureIsValid(endpoint.secret(), call)).as(call.body())
                        .isTrue();
                assertThat(call.header("Content-Type")).startsWith("application/json");
                JsonNode payload = Hooks.json(call.body());
                assertThat(payload.path("id").asText()).isEqualTo(call.header("X-HITL-Delivery"));
                assertThat(payload.path("event").asText()).isEqualTo(call.header("X-HITL-Event"));
                assertThat(payload.path("created_at").asText()).endsWith("Z");
                assertThat(Math.abs(Long.parseLong(call.header("X-HITL-Timestamp"))
                        - server().clock().instant().getEpochSecond())).isLessThan(300);
                assertThat(payload.path("data").path("request").path("request_text").asText())
                        .startsWith("Is this comment acceptable?");
            }

            JsonNode cancelled = payloadOf(receiver, released, "request.cancelled").path("data");
            assertThat(cancelled.path("previous_status").asText()).isEqualTo("pending");
            assertThat(cancelled.path("request").path("status").asText()).isEqualTo("cancelled");
            assertThat(cancelled.path("refund_info").path("refunded").asBoolean()).isTrue();
            assertThat(cancelled.path("refund_info").path("reason").asText())
                    .isEqualTo("Request cancelled before processing began");
            assertThat(cancelled.path("cancel_reason").asText()).isEqualTo("Posted by mistake");

            JsonNode completed = payloadOf(receiver, answered, "request.completed").path("data");
            assertThat(completed.path("previous_status").asText()).isEqualTo("claimed");
            assertThat(completed.path("request").path("response_data").asText())
                    .isEqualTo("approve");
            assertThat(completed.path("request").path("response_by_user").path("user_id").asText())
                    .isEqualTo(bob.id());
            assertThat(completed.has("refund_info")).isFalse();

            JsonNode timedOut = payloadOf(receiver, expired, "request.timeout").path("data");
            assertThat(timedOut.path("previous_status").asText()).isEqualTo("pending");
            assertThat(timedOut.path("request").path("response_source").asText())
                    .isEqualTo("timeout_default");

            JsonNode created = payloadOf(receiver, answered, "request.created").path("data");
            assertThat(created.path("previous_status").isNull()).isTrue();
            assertThat(created.path("request").path("status").asText()).isEqualTo("pending");

            List<JsonNode> log = Hooks.deliveriesOfRequest(alice, released);
            assertThat(log).hasSize(4);
            assertThat(log.get(0).path("attempts").get(0).path("status_code").asInt())
                    .isEqualTo(200);
        }
    }

    @Test
    void aCallbackUrlReceivesTheRequestsEventsSignedWithTheAccountSecret() {
        Person alice = server().newPerson("Alice");
        String loop = server().newLoop(alice, "Moderation");
        try (Receiver callback = Receiver.start()) {
            String id = Hooks.request(alice, loop,
                    Bodies.request("callback_url", callback.url() + "?token=abc"));
            ok(server().delete("/v1/api/requests/" + id, alice.apiKey()));

            Await.until("both events", () -> callback.calls().size() >= 2);
            assertThat(callback.calls()).extracting(c -> c.header("X-HITL-Event"))
                    .containsExactly("request.created", "request.cancelled");
            String secret = Hooks.signingSecretOf(alice);
            assertThat(callback.calls()).allMatch(call -> Hooks.signatureIsValid(secret, call));
            assertThat(callback.calls().get(0).path()).endsWith("?token=abc");

            List<JsonNode> log = Hooks.deliveriesOfRequest(alice, id);
            assertThat(log).extracting(d -> d.path("target").asText())
                    .containsOnly("callback_url");
        }
    }

    @Test
    void onlySubscribedEventsOfEnabledEndpointsAreSent() {
        Person alice = server().newPerson("Alice");
        String loop = server().newLoop(alice, "Moderation");
        try (Receiver wantsCancel = Receiver.start(); Receiver switchedOff = Receiver.start()) {
            Hooks.endpoint(alice, wantsCancel.url(), List.of("request.cancelled"));
            String off = Hooks.endpoint(alice, switchedOff.url(), Hooks.ALL_EVENTS).id();
            server().send("PATCH", "/v1/api/webhooks/" + off, alice.apiKey(),
                    Map.of("enabled", false), Map.of());

            String id = Hooks.request(alice, loop, Bodies.request());
            ok(server().delete("/v1/api/requests/" + id, alice.apiKey()));

            Await.until("the cancel event", () -> wantsCancel.calls().size() == 1);
            assertThat(wantsCancel.calls().get(0).header("X-HITL-Event"))
                    .isEqualTo("request.cancelled");
            assertThat(Hooks.deliveriesOfRequest(alice, id)).hasSize(1);
            assertThat(switchedOff.calls()).isEmpty();
        }
    }

    @Test
    void anotherAccountsRequestHasNoDeliveriesToShow() {
        Person alice = server().newPerson("Alice");
        Person mallory = server().newPerson("Mallory");
        String loop = server().newLoop(alice, "Moderation");
        String id = Hooks.request(alice, loop, Bodies.request());

        ApiResponse answer = server().get("/v1/api/requests/" + id + "/webhook-deliveries",
                mallory.apiKey());
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.msg()).isEqualTo("Request not found");
    }

    private static void claim(Person reviewer, String id) {
        ok(server().post("/v1/api/requests/" + id + "/claim", reviewer.apiKey(), null));
    }

    private static void ok(ApiResponse answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static List<String> eventsFor(Receiver receiver, String requestId) {
        return receiver.calls().stream()
                .filter(c -> requestIdOf(c).equals(requestId))
                .map(c -> c.header("X-HITL-Event"))
                .toList();
    }

    private static JsonNode payloadOf(Receiver receiver, String requestId, String event) {
        return receiver.calls().stream()
                .filter(c -> requestIdOf(c).equals(requestId)
                        && c.header("X-HITL-Event").equals(event))
                .map(c -> Hooks.json(c.body()))
                .findFirst().orElseThrow();
    }

    private static String requestIdOf(Receiver.Call call) {
        return Hooks.json(call.body()).path("data").path("request").path("id").asText();
    }
}
