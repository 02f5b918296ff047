package io.loopdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.loopdesk.App;
import io.loopdesk.Settings;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/** Steps the webhook tests share: endpoints, requests, delivery logs, extra workers, processes. */
final class Hooks {

    static final List<String> ALL_EVENTS = List.of("request.created", "request.claimed",
            "request.released", "request.completed", "request.timeout", "request.cancelled");

    private Hooks() {
    }

    static TestServer server() {
        return TestServer.get();
    }

    /** An endpoint created through the API: its id and the secret shown once. */
    record Endpoint(String id, String secret) {
    }

    static Endpoint endpoint(Person owner, String url, List<String> events) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        body.put("events", events);
        ApiResponse created = server().post("/v1/api/webhooks", owner.apiKey(), body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode webhook = created.data().path("webhook");
        return new Endpoint(webhook.path("id").asText(), webhook.path("secret").asText());
    }

    static String request(Person owner, String loopId, Map<String, Object> body) {
        ApiResponse created = server().post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    static List<JsonNode> deliveriesOfRequest(Person owner, String requestId) {
        ApiResponse found = server().get("/v1/api/requests/" + requestId + "/webhook-deliveries",
                owner.apiKey());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        return list(found.data().path("deliveries"));
    }

    static List<JsonNode> deliveriesOfEndpoint(Person owner, String endpointId) {
        ApiResponse found = server().get("/v1/api/webhooks/" + endpointId + "/deliveries",
                owner.apiKey());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        return list(found.data().path("deliveries"));
    }

    static JsonNode delivery(Person owner, String deliveryId) {
        ApiResponse found = server().get("/v1/api/webhook-deliveries/" + deliveryId,
                owner.apiKey());
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        return found.data().path("delivery");
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static JsonNode json(String text) {
        return Json.readStored(text);
    }

    /** Checks the signature the way a receiver would, with nothing from Loopdesk's code. */
    static boolean signatureIsValid(String secret, Receiver.Call call) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((call.header("X-HITL-Timestamp") + "." + call.body())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String expected = "sha256=" + java.util.HexFormat.of().formatHex(digest);
            return java.security.MessageDigest.isEqual(
                    expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    String.valueOf(call.header("X-HITL-Signature-256"))
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signingSecretOf(Person person) {
        return new AccountRepository(server().app().database().dsl()).signingSecret(person.id())
                .orElseThrow();
    }

    /** A worker of its own on the test server's database, as another process would run. */
    static DeliveryWorker worker(AddressGuard guard, Duration timeout, String name) {
        App app = server().app();
        var dsl = app.database().dsl();
        var deliveries = new DeliveryRepository(dsl);
        Clock clock = server().clock();
        var courier = new Courier(app.database().transactions(), deliveries,
                new EndpointRepository(dsl), new AccountRepository(dsl),
                new WebhookSender(guard, timeout), clock, name);
        return new DeliveryWorker(deliveries, courier, clock, Duration.ofMillis(100),
                timeout.plusSeconds(60));
    }

    /** Runs the work with the test server's own worker stopped, and restarts it after. */
    static void withAppWorkerStopped(Runnable work) {
        DeliveryWorker appWorker = server().app().deliveryWorker();
        appWorker.stop();
        try {
            work.run();
        } finally {
            appWorker.start();
        }
    }

    /** A second server process on the test server's database, with these settings changed. */
    static App secondProcess(Consumer<Map<String, String>> settings) {
        App first = server().app();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("DATA_DIR", Files.createTempDirectory("loopdesk-second-").toString());
            env.put("DB_URL", ((HikariDataSource) first.database().dataSource()).getJdbcUrl());
            env.put("DB_USER", first.settings().dbUser());
            env.put("DB_PASSWORD", first.settings().dbPassword());
            env.put("SWEEP_INTERVAL_MS", "300");
            env.put("WEBHOOK_POLL_INTERVAL_MS", "100");
            env.put("ALLOW_PRIVATE_WEBHOOKS", "true");
            settings.accept(env);
            return App.start(Settings.fromEnvironment(env, false), server().clock());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
