package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.Permission;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Creating requests (SPEC 2.5), the quota around it (2.2), the key check and health (2.3). */
class CreateTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void aCreatedRequestAnswersWithEverythingAClientNeedsToFollowIt() {
        Team team = requests.team("Create");
        Instant before = server.clock().instant().truncatedTo(ChronoUnit.MILLIS);

        ApiResponse created = server.post("/v1/api/loops/" + team.loopId() + "/requests",
                team.owner().apiKey(), Bodies.timeSensitive(600));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.msg()).isEqualTo("Request created and broadcasted successfully");
        JsonNode data = created.data();
        String id = data.path("request_id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(data.path("id").asText()).isEqualTo(id);
        assertThat(data.path("status").asText()).isEqualTo("pending");
        assertThat(data.path("processing_type").asText()).isEqualTo("time-sensitive");
        assertThat(data.path("type").asText()).isEqualTo("markdown");
        assertThat(data.path("priority").asText()).isEqualTo("medium");
        assertThat(data.path("broadcasted_to").asInt()).as("owner and reviewer").isEqualTo(2);
        assertThat(data.path("notifications_sent").asInt()).isEqualTo(2);
        assertThat(data.path("polling_url").asText()).isEqualTo("/v1/api/requests/" + id);
        Instant timeoutAt = Instant.parse(data.path("timeout_at").asText());
        assertThat(data.path("timeout_at").asText()).endsWith("Z");
        assertThat(timeoutAt).isBetween(before.plusSeconds(600),
                server.clock().instant().plusSeconds(600));

        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("loop_id").asText()).isEqualTo(team.loopId());
        assertThat(stored.path("creator_id").asText()).isEqualTo(team.owner().id());
        assertThat(stored.path("api_key_id").asText()).matches("[0-9a-f]{24}");
        assertThat(stored.path("platform").asText()).isEqualTo("api");
        assertThat(stored.path("tags")).isEmpty();
        assertThat(stored.path("version").asInt()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(stored.path("created_at").asText()),
                timeoutAt)).isEqualTo(Duration.ofSeconds(600));
        for (String field : List.of("claimed_by", "claimed_at", "claim_expires_at",
                "response_by", "response_by_user", "response_at", "response_data",
                "response_source", "response_time_seconds", "cancelled_at", "cancel_reason",
                "feedback", "image_url", "callback_url", "platform_version")) {
            assertThat(stored.has(field)).as(field).isTrue();
            assertThat(stored.path(field).isNull()).as(field).isTrue();
        }
    }

    @Test
    void aDeferredRequestWithoutATimeoutWaitsThirtyDays() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Deferred");

        String id = requests.create(owner, loopId, Bodies.request());

        JsonNode stored = requests.read(owner, id);
        assertThat(Duration.between(Instant.parse(stored.path("created_at").asText()),
                Instant.parse(stored.path("timeout_at").asText()))).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void bothPathPrefixesServeTheSameRequests() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Prefixes");

        ApiResponse created = server.post("/v1/loops/" + loopId + "/requests", owner.apiKey(),
                Bodies.request());
        String id = created.data().path("request_id").asText();

        assertThat(created.status()).isEqualTo(201);
        assertThat(server.get("/v1/requests/" + id, owner.apiKey()).data())
                .isEqualTo(server.get("/v1/api/requests/" + id, owner.apiKey()).data());
        assertThat(server.get("/v1/requests", owner.apiKey()).data().path("total").asInt())
                .isEqualTo(1);
        assertThat(server.get("/v1/requests/" + id + "/events", owner.apiKey()).status())
                .isEqualTo(200);
        assertThat(server.get("/v1/loops/" + loopId + "/requests", owner.apiKey()).data()
                .path("total").asInt()).isEqualTo(1);
        assertThat(server.get("/v1/queue", owner.apiKey()).status()).isEqualTo(200);
        assertThat(server.delete("/v1/requests/" + id, owner.apiKey()).status()).isEqualTo(200);
    }

    @Test
    void anImageRequestKeepsItsImageAndTheOptionalFieldsAreStoredAsSent() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Images");
        Map<String, Object> body = Bodies.request("type", "image");
        body.put("image_url", "https://images.example.com/cat.png");
        body.put("context", Map.of("user", "u-42", "score", 0.93, "flags", List.of("a")));
        body.put("platform", "n8n");
        body.put("platform_version", "1.2.3");
        body.put("tags", List.of("moderation", "images"));
        body.put("priority", "critical");
        body.put("callback_url", "http://127.0.0.1:9/hook");
        body.put("unknown_field", "ignored");

        JsonNode stored = requests.read(owner, requests.create(owner, loopId, body));

        assertThat(stored.path("type").asText()).isEqualTo("image");
        assertThat(stored.path("image_url").asText())
                .isEqualTo("https://images.example.com/cat.png");
        assertThat(stored.path("context").path("user").asText()).isEqualTo("u-42");
        assertThat(stored.path("context").path("score").asDouble()).isEqualTo(0.93);
        assertThat(stored.path("platform").asText()).isEqualTo("n8n");
        assertThat(stored.path("platform_version").asText()).isEqualTo("1.2.3");
        assertThat(stored.path("tags")).extracting(JsonNode::asText)
                .containsExactly("moderation", "images");
        assertThat(stored.path("priority").asText()).isEqualTo("critical");
        assertThat(stored.path("callback_url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(stored.has("unknown_field")).isFalse();
    }

    @Test
    void overTheHourlyLimitACreateIsRefusedWith429AndTheUsage() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(2));
        String loopId = server.newLoop(owner, "Quota");
        requests.create(owner, loopId, Bodies.request());
        requests.create(owner, loopId, Bodies.request());
        Instant nextHour = server.clock().instant().truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1));

        ApiResponse refused = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request());

        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.msg()).isEqualTo("API key request limit exceeded");
        JsonNode data = refused.data();
        assertThat(data.path("usage_count").asInt()).isEqualTo(2);
        assertThat(data.path("usage_limit").asInt()).isEqualTo(2);
        assertThat(data.path("remaining").asInt()).isZero();
        assertThat(Instant.parse(data.path("reset_at").asText())).isEqualTo(nextHour);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("X-RateLimit-Reset"))
                .isEqualTo(Long.toString(nextHour.getEpochSecond()));
        assertThat(requests.count(owner)).isEqualTo(2);

        ApiResponse read = server.get("/v1/api/requests", owner.apiKey());
        assertThat(read.status()).as("reads do not count").isEqualTo(200);
    }

    @Test
    void theNextHourBringsAFreshAllowance() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(1));
        String loopId = server.newLoop(owner, "Next hour");
        requests.create(owner, loopId, Bodies.request());
        assertThat(server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(),
                Bodies.request()).status()).isEqualTo(429);
        Instant now = server.clock().instant();
        server.clock().advance(Duration.between(now,
                now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1))).plusSeconds(1));

        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request());

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void everyApiAnswerToAKeyCarriesTheRateLimitHeaders() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(7));
        String loopId = server.newLoop(owner, "Headers");
        String id = requests.create(owner, loopId, Bodies.request());
        long reset = server.clock().instant().truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1)).getEpochSecond();

        List<ApiResponse> answers = List.of(
                server.get("/v1/test", owner.apiKey()),
                server.get("/v1/api/requests", owner.apiKey()),
                server.get("/v1/requests/" + id, owner.apiKey()),
                server.get("/v1/api/requests/" + id + "/events", owner.apiKey()),
                server.get("/v1/api/requests/0123456789abcdef01234567", owner.apiKey()),
                server.get("/v1/api/requests?limit=0", owner.apiKey()),
                server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(), "{"),
                server.send("PATCH", "/v1/api/requests/" + id, owner.apiKey(),
                        Map.of("priority", "high"), Map.of()),
                server.get("/v1/api/loops", owner.apiKey()),
                server.get("/v1/api/queue", owner.apiKey()),
                server.get("/v1/api/nothing-here", owner.apiKey()));

        for (ApiResponse answer : answers) {
            assertThat(answer.header("X-RateLimit-Limit")).as(answer.text()).isEqualTo("7");
            assertThat(answer.header("X-RateLimit-Remaining")).as(answer.text()).isEqualTo("6");
            assertThat(answer.header("X-RateLimit-Reset")).isEqualTo(Long.toString(reset));
        }
    }

    @Test
    void theKeyCheckDescribesTheKeyAndItsAllowance() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(9));
        String readOnly = server.newKey(owner, EnumSet.of(Permission.REQUESTS_READ),
                Optional.empty());

        ApiResponse test = server.get("/v1/test", owner.apiKey());
        ApiResponse viaHeader = server.send("GET", "/v1/api/test", null, null,
                Map.of("X-API-Key", readOnly));

        assertThat(test.status()).isEqualTo(200);
        assertThat(test.msg()).isEqualTo("API key is valid");
        JsonNode data = test.data();
        assertThat(data.path("api_key_id").asText()).matches("[0-9a-f]{24}");
        assertThat(data.path("user_id").asText()).isEqualTo(owner.id());
        assertThat(data.path("email").asText()).isEqualTo(owner.email());
        assertThat(data.path("account_status").asText()).isEqualTo("active");
        assertThat(data.path("rate_limit").path("limit").asInt()).isEqualTo(9);
        assertThat(data.path("rate_limit").path("remaining").asInt()).isEqualTo(9);
        assertThat(Instant.parse(data.path("rate_limit").path("reset_at").asText()))
                .isEqualTo(server.clock().instant().truncatedTo(ChronoUnit.HOURS)
                        .plus(Duration.ofHours(1)));
        assertThat(data.path("permissions")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("requests:read", "requests:write", "loops:read",
                        "loops:write");
        assertThat(viaHeader.status()).isEqualTo(200);
        assertThat(viaHeader.data().path("permissions")).extracting(JsonNode::asText)
                .containsExactly("requests:read");
        assertThat(viaHeader.data().path("rate_limit").path("limit").asInt()).isEqualTo(100);
    }

    @Test
    void aMissingOrWrongKeyIsUnauthorized() {
        ApiResponse missing = server.get("/v1/test", null);
        ApiResponse wrong = server.get("/v1/test", "ld_not_a_real_key");
        ApiResponse notBearer = server.send("GET", "/v1/api/requests", null, null,
                Map.of("Authorization", "Basic dXNlcjpwYXNz"));
        ApiResponse wrongHeader = server.send("GET", "/v1/api/requests", null, null,
                Map.of("X-API-Key", "nope"));

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.msg()).isEqualTo("Missing or invalid authorization header");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.msg()).isEqualTo("Invalid authorization token");
        assertThat(notBearer.status()).isEqualTo(401);
        assertThat(notBearer.msg()).isEqualTo("Missing or invalid authorization header");
        assertThat(wrongHeader.status()).isEqualTo(401);
        assertThat(wrongHeader.msg()).isEqualTo("Invalid authorization token");
    }

    @Test
    void healthNeedsNoKey() {
        ApiResponse health = server.get("/v1/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("error").asBoolean()).isFalse();
        assertThat(health.data().path("database").asText()).isEqualTo("up");
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheOriginal() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(10));
        String loopId = server.newLoop(owner, "Idempotent");
        Map<String, String> key = Map.of("Idempotency-Key", "order-42-review");
        String path = "/v1/api/loops/" + loopId + "/requests";

        ApiResponse first = server.send("POST", path, owner.apiKey(), Bodies.request(), key);
        ApiResponse retry = server.send("POST", path, owner.apiKey(), Bodies.request(), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.data()).isEqualTo(first.data());
        assertThat(retry.header("X-RateLimit-Remaining")).isEqualTo("9");
        assertThat(requests.count(owner)).isEqualTo(1);

        ApiResponse different = server.send("POST", path, owner.apiKey(),
                Bodies.request("priority", "high"), key);
        assertThat(different.status()).as(different.text()).isEqualTo(409);
        assertThat(different.json().path("error").asBoolean()).isTrue();
        assertThat(requests.count(owner)).isEqualTo(1);

        ApiResponse otherKey = server.send("POST", path, owner.apiKey(), Bodies.request(),
                Map.of("Idempotency-Key", "order-43-review"));
        assertThat(otherKey.status()).isEqualTo(201);
        assertThat(otherKey.data().path("request_id").asText())
                .isNotEqualTo(first.data().path("request_id").asText());
    }

    @Test
    void keysThatDifferOnlyInLetterCaseAreDifferentKeys() {
        Person owner = server.newPerson("Owner");
        String path = "/v1/api/loops/" + server.newLoop(owner, "Case") + "/requests";

        ApiResponse first = server.send("POST", path, owner.apiKey(), Bodies.request(),
                Map.of("Idempotency-Key", "Order-123-AbC"));
        ApiResponse second = server.send("POST", path, owner.apiKey(),
                Bodies.request("priority", "high"), Map.of("Idempotency-Key", "order-123-abc"));
        ApiResponse retry = server.send("POST", path, owner.apiKey(),
                Bodies.request("priority", "high"), Map.of("Idempotency-Key", "order-123-abc"));

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.header("Idempotent-Replayed")).isNull();
        assertThat(second.data().path("request_id"))
                .isNotEqualTo(first.data().path("request_id"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.data().path("request_id")).isEqualTo(second.data().path("request_id"));
        assertThat(requests.count(owner)).isEqualTo(2);
    }

    @Test
    void aRetryIsRecognisedWhateverTheOrderOfItsFieldsButNotInAnotherLoop() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Order");
        String otherLoop = server.newLoop(owner, "Other loop");
        Map<String, String> key = Map.of("Idempotency-Key", "reordered");
        String body = "{\"processing_type\": \"deferred\", \"type\": \"markdown\", "
                + "\"priority\": \"low\", \"request_text\": \"Check\", "
                + "\"response_type\": \"boolean\", \"response_config\": {}, "
                + "\"default_response\": true}";
        String reordered = "{\"default_response\": true, \"response_config\": {}, "
                + "\"response_type\": \"boolean\", \"request_text\": \"Check\", "
                + "\"priority\": \"low\", \"type\": \"markdown\", "
                + "\"processing_type\": \"deferred\"}";

        ApiResponse first = server.send("POST", "/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), body, key);
        ApiResponse retry = server.send("POST", "/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), reordered, key);
        ApiResponse elsewhere = server.send("POST", "/v1/api/loops/" + otherLoop + "/requests",
                owner.apiKey(), body, key);

        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.data().path("request_id")).isEqualTo(first.data().path("request_id"));
        assertThat(elsewhere.status()).as(elsewhere.text()).isEqualTo(409);
        assertThat(requests.count(owner)).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyBelongsToItsAccountAndIsChecked() {
        Person alice = server.newPerson("Alice");
        Person bob = server.newPerson("Bob");
        String alicesLoop = server.newLoop(alice, "Alice");
        String bobsLoop = server.newLoop(bob, "Bob");
        Map<String, String> key = Map.of("Idempotency-Key", "shared-key");

        ApiResponse fromAlice = server.send("POST", "/v1/api/loops/" + alicesLoop + "/requests",
                alice.apiKey(), Bodies.request(), key);
        ApiResponse fromBob = server.send("POST", "/v1/api/loops/" + bobsLoop + "/requests",
                bob.apiKey(), Bodies.request(), key);
        ApiResponse tooLong = server.send("POST", "/v1/api/loops/" + bobsLoop + "/requests",
                bob.apiKey(), Bodies.request(), Map.of("Idempotency-Key", "k".repeat(256)));

        assertThat(fromAlice.status()).isEqualTo(201);
        assertThat(fromBob.status()).isEqualTo(201);
        assertThat(fromBob.header("Idempotent-Replayed")).isNull();
        assertThat(fromBob.data().path("request_id").asText())
                .isNotEqualTo(fromAlice.data().path("request_id").asText());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.data().asText()).contains("Idempotency-Key");
        assertThat(requests.count(bob)).isEqualTo(1);
    }

    @Test
    void aKeyWithoutWritePermissionCannotCreate() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Read only");
        String readOnly = server.newKey(owner, EnumSet.of(Permission.REQUESTS_READ),
                Optional.empty());

        ApiResponse refused = server.post("/v1/api/loops/" + loopId + "/requests", readOnly,
                Bodies.request());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(requests.count(owner)).isZero();
    }
}
