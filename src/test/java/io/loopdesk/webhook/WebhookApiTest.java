package io.loopdesk.webhook;

import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.Permission;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookApiTest {

    private static final String HOOK_URL = "https://hooks.example.com/loopdesk";

    @Test
    void anEndpointIsCreatedListedReadChangedAndDeleted() {
        Person alice = server().newPerson("Alice");

        ApiResponse created = server().post("/v1/api/webhooks", alice.apiKey(), Map.of(
                "url", HOOK_URL, "events", List.of("request.completed", "request.cancelled"),
                "description", "Answers for the moderation bot"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.msg()).isEqualTo("Webhook created successfully");
        JsonNode webhook = created.data().path("webhook");
        String id = webhook.path("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(webhook.path("url").asText()).isEqualTo(HOOK_URL);
        assertThat(Hooks.list(webhook.path("events")).stream().map(JsonNode::asText))
                .containsExactly("request.completed", "request.cancelled");
        assertThat(webhook.path("enabled").asBoolean()).isTrue();
        assertThat(webhook.path("secret").asText()).matches("whsec_[0-9a-f]{48}");

        ApiResponse list = server().get("/v1/api/webhooks", alice.apiKey());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.data().path("count").asInt()).isEqualTo(1);
        JsonNode listed = list.data().path("webhooks").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(id);
        assertThat(listed.has("secret")).as("the secret is shown only once").isFalse();
        assertThat(listed.path("secret_hint").asText())
                .endsWith(webhook.path("secret").asText().substring(50));

        ApiResponse patched = server().send("PATCH", "/v1/api/webhooks/" + id, alice.apiKey(),
                Map.of("enabled", false, "events", List.of("request.created")), Map.of());
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(patched.data().path("webhook").path("enabled").asBoolean()).isFalse();
        assertThat(patched.data().path("webhook").path("disabled_reason").asText())
                .isEqualTo("Disabled by its owner");
        assertThat(patched.data().path("webhook").path("events").get(0).asText())
                .isEqualTo("request.created");

        ApiResponse shortPrefix = server().get("/v1/webhooks/" + id, alice.apiKey());
        assertThat(shortPrefix.status()).isEqualTo(200);
        assertThat(shortPrefix.data().path("webhook").path("enabled").asBoolean()).isFalse();

        ApiResponse deleted = server().delete("/v1/api/webhooks/" + id, alice.apiKey());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("webhook_id").asText()).isEqualTo(id);
        assertThat(server().get("/v1/api/webhooks/" + id, alice.apiKey()).status()).isEqualTo(404);
    }

    @Test
    void eventsDefaultToAllSix() {
        Person alice = server().newPerson("Alice");
        ApiResponse created = server().post("/v1/api/webhooks", alice.apiKey(),
                Map.of("url", HOOK_URL));
        assertThat(Hooks.list(created.data().path("webhook").path("events")).stream()
                .map(JsonNode::asText)).containsExactlyElementsOf(Hooks.ALL_EVENTS);
    }

    @Test
    void anotherAccountsEndpointIsReportedAsMissing() {
        Person alice = server().newPerson("Alice");
        Person mallory = server().newPerson("Mallory");
        String id = Hooks.endpoint(alice, HOOK_URL, Hooks.ALL_EVENTS).id();

        for (ApiResponse answer : List.of(
                server().get("/v1/api/webhooks/" + id, mallory.apiKey()),
                server().send("PATCH", "/v1/api/webhooks/" + id, mallory.apiKey(),
                        Map.of("enabled", false), Map.of()),
                server().delete("/v1/api/webhooks/" + id, mallory.apiKey()),
                server().post("/v1/api/webhooks/" + id + "/test", mallory.apiKey(), null),
                server().post("/v1/api/webhooks/" + id + "/rotate-secret", mallory.apiKey(), null),
                server().get("/v1/api/webhooks/" + id + "/deliveries", mallory.apiKey()),
                server().get("/v1/api/webhooks/not-an-id", alice.apiKey()),
                server().get("/v1/api/webhooks/0123456789abcdef01234567", alice.apiKey()))) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.json().path("error").asBoolean()).isTrue();
            assertThat(answer.msg()).isEqualTo("Webhook not found");
        }
        assertThat(server().get("/v1/api/webhooks", mallory.apiKey()).data().path("count").asInt())
                .isZero();
        assertThat(server().get("/v1/api/webhooks/" + id, alice.apiKey()).data()
                .path("webhook").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void badInputIsAClear400NeverA500() {
        Person alice = server().newPerson("Alice");
        String id = Hooks.endpoint(alice, HOOK_URL, Hooks.ALL_EVENTS).id();
        Map<Object, String> cases = new LinkedHashMap<>();
        cases.put(Map.of(), "url is required");
        cases.put(Map.of("url", 42), "url must be a string");
        cases.put(Map.of("url", "ftp://example.com/"), "url must be an http or https URL");
        cases.put(Map.of("url", "not a url"), "url must be an http or https URL");
        cases.put(Map.of("url", HOOK_URL, "events", List.of("request.exploded")),
                "events: unknown event 'request.exploded'");
        cases.put(Map.of("url", HOOK_URL, "events", List.of()), "events must name at least one");
        cases.put(Map.of("url", HOOK_URL, "events", 7), "events must be an array");
        cases.put(Map.of("url", HOOK_URL, "events", List.of(1, 2)), "events must be an array");
        cases.put(Map.of("url", HOOK_URL, "enabled", "yes"), "enabled must be true or false");
        cases.put(Map.of("url", HOOK_URL, "description", "x".repeat(501)), "description must be");

        cases.forEach((body, detail) -> {
            ApiResponse answer = server().post("/v1/api/webhooks", alice.apiKey(), body);
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.msg()).isEqualTo("Validation failed");
            assertThat(answer.data().asText()).startsWith(detail);
        });

        ApiResponse malformed = server().post("/v1/api/webhooks", alice.apiKey(), "{\"url\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.msg()).isEqualTo("Invalid request body");

        ApiResponse emptyPatch = server().send("PATCH", "/v1/api/webhooks/" + id, alice.apiKey(),
                Map.of(), Map.of());
        assertThat(emptyPatch.status()).isEqualTo(400);
        assertThat(emptyPatch.msg()).isEqualTo("At least one field must be provided for update");

        ApiResponse badPatch = server().send("PATCH", "/v1/api/webhooks/" + id, alice.apiKey(),
                Map.of("events", List.of("nope")), Map.of());
        assertThat(badPatch.status()).isEqualTo(400);

        for (String query : List.of("?limit=0", "?limit=101", "?offset=-1", "?limit=ten")) {
            ApiResponse page = server().get("/v1/api/webhooks/" + id + "/deliveries" + query,
                    alice.apiKey());
            assertThat(page.status()).as(query).isEqualTo(400);
            assertThat(page.msg()).isEqualTo("Invalid pagination parameters");
        }
        assertThat(server().get("/v1/api/webhook-deliveries/nope", alice.apiKey()).msg())
                .isEqualTo("Delivery not found");
    }

    @Test
    void cloudMetadataIsRefusedAlthoughThisServerAllowsPrivateTargets() {
        Person alice = server().newPerson("Alice");

        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://2852039166/",
                "http://[::ffff:169.254.169.254]/", "http://metadata.google.internal/")) {
            ApiResponse endpoint = server().post("/v1/api/webhooks", alice.apiKey(),
                    Map.of("url", url));
            assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(400);
            assertThat(endpoint.msg()).isEqualTo("Validation failed");
            assertThat(endpoint.data().asText())
                    .startsWith("url points to a cloud metadata service")
                    .endsWith("even where private addresses are allowed");
        }

        String loop = server().newLoop(alice, "Moderation");
        ApiResponse request = server().post("/v1/api/loops/" + loop + "/requests", alice.apiKey(),
                Bodies.request("callback_url", "http://0xa9fea9fe/hook"));
        assertThat(request.status()).as(request.text()).isEqualTo(400);
        assertThat(request.data().asText())
                .startsWith("callback_url points to a cloud metadata service");
    }

    @Test
    void rotatingTheSecretShowsTheNewOneOnceAndSignsWithIt() {
        Person alice = server().newPerson("Alice");
        try (Receiver receiver = Receiver.start()) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);

            ApiResponse rotated = server().post("/v1/api/webhooks/" + endpoint.id()
                    + "/rotate-secret", alice.apiKey(), null);
            assertThat(rotated.status()).isEqualTo(200);
            String newSecret = rotated.data().path("webhook").path("secret").asText();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());

            ApiResponse test = server().post("/v1/api/webhooks/" + endpoint.id() + "/test",
                    alice.apiKey(), null);
            assertThat(test.status()).as(test.text()).isEqualTo(200);
            Receiver.Call call = receiver.calls().get(0);
            assertThat(Hooks.signatureIsValid(newSecret, call)).isTrue();
            assertThat(Hooks.signatureIsValid(endpoint.secret(), call)).isFalse();
        }
    }

    @Test
    void aTestEventIsSentAtOnceAndItsAnswerShown() {
        Person alice = server().newPerson("Alice");
        try (Receiver receiver = Receiver.start().withBody("thanks")) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);

            ApiResponse test = server().post("/v1/api/webhooks/" + endpoint.id() + "/test",
                    alice.apiKey(), null);

            assertThat(test.status()).as(test.text()).isEqualTo(200);
            assertThat(test.data().path("success").asBoolean()).isTrue();
            JsonNode delivery = test.data().path("delivery");
            assertThat(delivery.path("status").asText()).isEqualTo("delivered");
            assertThat(delivery.path("event").asText()).isEqualTo("webhook.test");
            JsonNode attempt = delivery.path("attempts").get(0);
            assertThat(attempt.path("status_code").asInt()).isEqualTo(200);
            assertThat(attempt.path("response_body").asText()).isEqualTo("thanks");

            Receiver.Call call = receiver.calls().get(0);
            assertThat(call.header("X-HITL-Event")).isEqualTo("webhook.test");
            assertThat(call.header("X-HITL-Delivery"))
                    .isEqualTo(delivery.path("event_id").asText());
            assertThat(Hooks.signatureIsValid(endpoint.secret(), call)).isTrue();
            assertThat(Hooks.json(call.body()).path("data").path("webhook_id").asText())
                    .isEqualTo(endpoint.id());
        }
    }

    @Test
    void aFailedTestEventIsReportedAndNotRetried() {
        Person alice = server().newPerson("Alice");
        try (Receiver receiver = Receiver.start().byDefault(503).withBody("down for maintenance")) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);

            ApiResponse test = server().post("/v1/api/webhooks/" + endpoint.id() + "/test",
                    alice.apiKey(), null);

            assertThat(test.status()).isEqualTo(200);
            assertThat(test.data().path("success").asBoolean()).isFalse();
            JsonNode delivery = test.data().path("delivery");
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.path("last_status_code").asInt()).isEqualTo(503);
            assertThat(delivery.path("attempts").get(0).path("response_body").asText())
                    .isEqualTo("down for maintenance");
        }
    }

    @Test
    void aDisabledEndpointCannotBeTested() {
        Person alice = server().newPerson("Alice");
        String id = Hooks.endpoint(alice, HOOK_URL, Hooks.ALL_EVENTS).id();
        server().send("PATCH", "/v1/api/webhooks/" + id, alice.apiKey(), Map.of("enabled", false),
                Map.of());

        ApiResponse test = server().post("/v1/api/webhooks/" + id + "/test", alice.apiKey(), null);
        assertThat(test.status()).isEqualTo(400);
        assertThat(test.msg()).contains("disabled");
    }

    @Test
    void theCallbackSigningSecretIsAvailableToItsAccount() {
        Person alice = server().newPerson("Alice");
        ApiResponse secret = server().get("/v1/api/webhooks/signing-secret", alice.apiKey());
        assertThat(secret.status()).as(secret.text()).isEqualTo(200);
        assertThat(secret.data().path("signing_secret").asText())
                .isEqualTo(Hooks.signingSecretOf(alice));
    }

    @Test
    void aReadOnlyKeyMayListButNotChangeEndpoints() {
        Person alice = server().newPerson("Alice");
        String readOnly = server().newKey(alice, EnumSet.of(Permission.REQUESTS_READ),
                Optional.empty());
        Hooks.endpoint(alice, HOOK_URL, Hooks.ALL_EVENTS);

        assertThat(server().get("/v1/api/webhooks", readOnly).status()).isEqualTo(200);
        ApiResponse create = server().post("/v1/api/webhooks", readOnly, Map.of("url", HOOK_URL));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.msg()).isEqualTo("Access denied to webhooks");
    }

    @Test
    void withoutAKeyNothingIsShown() {
        assertThat(server().get("/v1/api/webhooks", null).status()).isEqualTo(401);
    }
}
