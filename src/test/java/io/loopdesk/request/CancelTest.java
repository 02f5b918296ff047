package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.Permission;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The single cancel of SPEC 2.8, rule by rule. */
class CancelTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void cancellingAPendingRequestRefundsItsQuotaUnit() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(5));
        String loopId = server.newLoop(owner, "Refunds");
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(),
                Bodies.request());
        String id = created.data().path("request_id").asText();
        assertThat(created.header("X-RateLimit-Remaining")).isEqualTo("4");

        ApiResponse cancelled = server.delete("/v1/api/requests/" + id, owner.apiKey());

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.json().path("error").asBoolean()).isFalse();
        assertThat(cancelled.msg()).isEqualTo("Request cancelled successfully");
        JsonNode data = cancelled.data();
        assertThat(data.path("request_id").asText()).isEqualTo(id);
        assertThat(data.path("status").asText()).isEqualTo("cancelled");
        assertThat(data.path("previous_status").asText()).isEqualTo("pending");
        assertThat(data.path("refund_info").path("refunded").asBoolean()).isTrue();
        assertThat(data.path("refund_info").path("reason").asText())
                .isEqualTo("Request cancelled before processing began");
        assertThat(data.has("cancel_reason")).isTrue();
        assertThat(data.path("cancel_reason").isNull()).isTrue();
        assertThat(data.path("cancelled_at").asText()).endsWith("Z");
        assertThat(cancelled.header("X-RateLimit-Limit")).isEqualTo("5");
        assertThat(cancelled.header("X-RateLimit-Remaining")).isEqualTo("5");
        assertThat(server.get("/v1/test", owner.apiKey()).data().path("rate_limit")
                .path("remaining").asInt()).isEqualTo(5);

        JsonNode stored = requests.read(owner, id);
        assertThat(stored.path("status").asText()).isEqualTo("cancelled");
        assertThat(stored.path("cancelled_at")).isEqualTo(data.path("cancelled_at"));
        assertThat(stored.path("response_data").isNull()).isTrue();
        assertThat(stored.path("response_by").isNull()).isTrue();
        assertThat(stored.path("version").asInt()).isEqualTo(2);
    }

    @Test
    void theRefundedUnitCanBeUsedAgainOnceTheHourIsUsedUp() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(2));
        String loopId = server.newLoop(owner, "Tight quota");
        String first = requests.create(owner, loopId, Bodies.request());
        requests.create(owner, loopId, Bodies.request());
        ApiResponse refused = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request());
        assertThat(refused.status()).isEqualTo(429);

        assertThat(requests.cancel(owner, first).status()).isEqualTo(200);
        ApiResponse again = server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(),
                Bodies.request());

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.header("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    void cancellingAClaimedRequestRefundsNothingAndTheReviewersAnswerIsRefused() {
        requests.keepWithinOneQuotaHour();
        Team team = requests.team("Claimed");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        assertThat(requests.claim(team.reviewer(), id).status()).isEqualTo(200);
        String remainingBefore = server.get("/v1/test", team.owner().apiKey())
                .header("X-RateLimit-Remaining");

        ApiResponse cancelled = requests.cancel(team.owner(), id);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.msg()).isEqualTo("Request cancelled successfully");
        assertThat(cancelled.data().path("previous_status").asText()).isEqualTo("claimed");
        assertThat(cancelled.data().path("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.data().path("refund_info").path("refunded").asBoolean()).isFalse();
        assertThat(cancelled.data().path("refund_info").path("reason").asText())
                .isEqualTo("Request was already being processed by reviewer");
        assertThat(cancelled.header("X-RateLimit-Remaining")).isEqualTo(remainingBefore);

        ApiResponse answer = requests.respond(team.reviewer(), id, "approve");

        assertThat(answer.status()).as(answer.text()).isEqualTo(409);
        assertThat(answer.data().path("status").asText()).isEqualTo("cancelled");
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("status").asText()).isEqualTo("cancelled");
        assertThat(stored.path("response_data").isNull()).isTrue();
        assertThat(stored.path("response_by").isNull()).isTrue();
        assertThat(stored.path("response_at").isNull()).isTrue();
        assertThat(stored.path("claim_expires_at").isNull()).isTrue();
        assertThat(requests.events(team.owner(), id)).extracting(e -> e.path("action").asText())
                .containsExactly("created", "claimed", "cancelled");
    }

    @Test
    void aCompletedRequestCannotBeCancelled() {
        Team team = requests.team("Completed");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        assertThat(requests.respond(team.reviewer(), id, "approve").status()).isEqualTo(200);
        JsonNode before = requests.read(team.owner(), id);

        assertNotCancellable(team.owner(), id, "completed");

        assertThat(requests.read(team.owner(), id)).isEqualTo(before);
    }

    @Test
    void aTimedOutRequestCannotBeCancelled() {
        Team team = requests.team("Timed out");
        String id = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        server.clock().advance(Duration.ofSeconds(61));
        Requests.waitUntil("the request times out",
                () -> requests.status(team.owner(), id).equals("timeout"));
        JsonNode before = requests.read(team.owner(), id);

        assertNotCancellable(team.owner(), id, "timeout");

        assertThat(requests.read(team.owner(), id)).isEqualTo(before);
    }

    @Test
    void aRequestPastItsDeadlineIsReportedAsTimedOutEvenBeforeTheSweeperRuns() {
        Team team = requests.team("Overdue");
        String id = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        server.clock().advance(Duration.ofSeconds(61));

        ApiResponse cancel = requests.cancel(team.owner(), id);

        assertThat(cancel.status()).as(cancel.text()).isEqualTo(400);
        assertThat(cancel.data().path("status").asText()).isEqualTo("timeout");
        assertThat(requests.read(team.owner(), id).path("response_source").asText())
                .isEqualTo("timeout_default");
    }

    @Test
    void aCancelledRequestCannotBeCancelledAgain() {
        Team team = requests.team("Twice");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        assertThat(requests.cancel(team.owner(), id).status()).isEqualTo(200);
        JsonNode before = requests.read(team.owner(), id);
        String remaining = server.get("/v1/test", team.owner().apiKey())
                .header("X-RateLimit-Remaining");

        assertNotCancellable(team.owner(), id, "cancelled");

        assertThat(requests.read(team.owner(), id)).isEqualTo(before);
        assertThat(server.get("/v1/test", team.owner().apiKey()).header("X-RateLimit-Remaining"))
                .as("a second cancel refunds nothing").isEqualTo(remaining);
    }

    @Test
    void unknownMalformedAndForeignIdsAreNotFound() {
        Person owner = server.newPerson("Owner");
        Person stranger = server.newPerson("Stranger");
        String loopId = server.newLoop(owner, "Mine");
        String id = requests.create(owner, loopId, Bodies.request());
        List<String> ids = List.of("0123456789abcdef01234567", "abc",
                "0123456789abcdef012345678", "0123456789ABCDEF01234567", id.toUpperCase(),
                id + "0", id.substring(1), "%20" + id, "null",
                "zzzzzzzzzzzzzzzzzzzzzzzz");

        List<ApiResponse> answers = new ArrayList<>();
        for (String bad : ids) {
            answers.add(server.delete("/v1/api/requests/" + bad, owner.apiKey()));
        }
        answers.add(server.delete("/v1/api/requests/" + id, stranger.apiKey()));
        answers.add(server.delete("/v1/requests/" + id, stranger.apiKey()));

        for (ApiResponse answer : answers) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(404);
            assertThat(answer.json().path("error").asBoolean()).isTrue();
            assertThat(answer.msg()).isEqualTo("Request not found");
        }
        assertThat(requests.status(owner, id)).isEqualTo("pending");
    }

    @Test
    void aKeyWithoutRequestsWriteMayNotCancel() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Read only");
        String id = requests.create(owner, loopId, Bodies.request());
        String readOnly = server.newKey(owner,
                EnumSet.of(Permission.REQUESTS_READ, Permission.LOOPS_READ), Optional.empty());

        ApiResponse refused = server.delete("/v1/api/requests/" + id, readOnly);

        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.msg()).isEqualTo("Access denied to this request");
        assertThat(requests.status(owner, id)).isEqualTo("pending");
    }

    @Test
    void anotherKeyOfTheSameAccountMayCancelAndTheUnitGoesBackToTheKeyThatSpentIt() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(3));
        String loopId = server.newLoop(owner, "Two keys");
        String id = requests.create(owner, loopId, Bodies.request());
        String second = server.newKey(owner, Permission.all(), Optional.of(4));

        ApiResponse cancelled = server.delete("/v1/api/requests/" + id, second);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.data().path("refund_info").path("refunded").asBoolean()).isTrue();
        assertThat(cancelled.header("X-RateLimit-Remaining")).isEqualTo("4");
        assertThat(server.get("/v1/test", owner.apiKey()).header("X-RateLimit-Remaining"))
                .isEqualTo("3");
    }

    @Test
    void theRefundGoesBackToTheHourInWhichTheUnitWasSpent() {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(1));
        String loopId = server.newLoop(owner, "Hours");
        String lastHours = requests.create(owner, loopId, Bodies.request());
        Instant now = server.clock().instant();
        server.clock().advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS)
                .plus(Duration.ofHours(1))).plusSeconds(1));
        requests.create(owner, loopId, Bodies.request());

        ApiResponse cancelled = requests.cancel(owner, lastHours);

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.data().path("refund_info").path("refunded").asBoolean()).isTrue();
        assertThat(cancelled.header("X-RateLimit-Remaining"))
                .as("this hour's unit is still spent").isEqualTo("0");
        assertThat(server.post("/v1/api/loops/" + loopId + "/requests", owner.apiKey(),
                Bodies.request()).status()).isEqualTo(429);
    }

    @Test
    void aReasonTooLongIsRefusedWithOneMessageHoweverItIsSentAndCancelsNothing() {
        Team team = requests.team("Long reasons");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        String padded = "  " + "r".repeat(500) + "  ";
        String message = "reason must be at most 500 characters";

        for (String reason : List.of("r".repeat(501), "r".repeat(100_000))) {
            ApiResponse single = server.send("DELETE", "/v1/api/requests/" + id,
                    team.owner().apiKey(), Map.of("reason", reason), Map.of());
            ApiResponse many = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                    Map.of("ids", List.of(id), "reason", reason));
            for (ApiResponse refused : List.of(single, many)) {
                assertThat(refused.status()).as(refused.text()).isEqualTo(400);
                assertThat(refused.data().asText()).isEqualTo(message);
            }
        }
        assertThat(requests.status(team.owner(), id)).isEqualTo("pending");

        ApiResponse withSpaces = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                Map.of("ids", List.of(id), "reason", padded));
        assertThat(withSpaces.status()).as(withSpaces.text()).isEqualTo(200);
        assertThat(requests.read(team.owner(), id).path("cancel_reason").asText())
                .isEqualTo(padded.strip());
    }

    @Test
    void theReasonMayComeInTheBodyOrTheQueryAndIsStoredAndShownToTheReviewer() {
        Team team = requests.team("Reasons");
        String byBody = requests.create(team.owner(), team.loopId(), Bodies.request());
        String byQuery = requests.create(team.owner(), team.loopId(), Bodies.request());
        String claimed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), claimed);
        String reason = "Customer withdrew the post — نعتذر 🙏 é";

        ApiResponse fromBody = server.send("DELETE", "/v1/api/requests/" + byBody,
                team.owner().apiKey(), Map.of("reason", reason), Map.of());
        ApiResponse fromQuery = server.delete("/v1/requests/" + byQuery + "?reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8), team.owner().apiKey());
        server.send("DELETE", "/v1/api/requests/" + claimed, team.owner().apiKey(),
                Map.of("reason", reason), Map.of());
        ApiResponse refusedAnswer = requests.respond(team.reviewer(), claimed, "approve");

        assertThat(fromBody.status()).as(fromBody.text()).isEqualTo(200);
        assertThat(fromBody.data().path("cancel_reason").asText()).isEqualTo(reason);
        assertThat(fromQuery.status()).as(fromQuery.text()).isEqualTo(200);
        assertThat(fromQuery.data().path("cancel_reason").asText()).isEqualTo(reason);
        assertThat(requests.read(team.owner(), byBody).path("cancel_reason").asText())
                .isEqualTo(reason);
        assertThat(requests.read(team.owner(), byQuery).path("cancel_reason").asText())
                .isEqualTo(reason);
        JsonNode cancelEvent = requests.events(team.owner(), byBody).get(1);
        assertThat(cancelEvent.path("action").asText()).isEqualTo("cancelled");
        assertThat(cancelEvent.path("details").path("reason").asText()).isEqualTo(reason);
        assertThat(refusedAnswer.status()).isEqualTo(409);
        assertThat(refusedAnswer.data().path("cancel_reason").asText()).isEqualTo(reason);
    }

    @Test
    void aReasonOfExactlyFiveHundredCharactersIsAcceptedAndOneMoreIsRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Long reasons");
        String tooLong = requests.create(owner, loopId, Bodies.request());
        String tooLongQuery = requests.create(owner, loopId, Bodies.request());
        String justRight = requests.create(owner, loopId, Bodies.request());
        JsonNode before = requests.read(owner, tooLong);

        ApiResponse refused = server.send("DELETE", "/v1/api/requests/" + tooLong,
                owner.apiKey(), Map.of("reason", "x".repeat(501)), Map.of());
        ApiResponse refusedQuery = server.delete("/v1/api/requests/" + tooLongQuery + "?reason="
                + "y".repeat(501), owner.apiKey());
        ApiResponse accepted = server.send("DELETE", "/v1/api/requests/" + justRight,
                owner.apiKey(), Map.of("reason", "🙂".repeat(500)), Map.of());

        for (ApiResponse answer : List.of(refused, refusedQuery)) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.msg()).isEqualTo("Validation failed");
            assertThat(answer.data().asText()).contains("reason");
        }
        assertThat(requests.read(owner, tooLong)).isEqualTo(before);
        assertThat(requests.status(owner, tooLongQuery)).isEqualTo("pending");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(requests.read(owner, justRight).path("cancel_reason").asText())
                .isEqualTo("🙂".repeat(500));
    }

    @Test
    void aReasonThatIsNotAStringIsRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Typed reasons");
        String id = requests.create(owner, loopId, Bodies.request());

        ApiResponse number = server.send("DELETE", "/v1/api/requests/" + id, owner.apiKey(),
                Map.of("reason", 42), Map.of());
        ApiResponse malformed = server.send("DELETE", "/v1/api/requests/" + id, owner.apiKey(),
                "{\"reason\": ", Map.of());

        assertThat(number.status()).isEqualTo(400);
        assertThat(number.msg()).isEqualTo("Validation failed");
        assertThat(number.data().asText()).contains("reason");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.msg()).isEqualTo("Invalid request body");
        assertThat(requests.status(owner, id)).isEqualTo("pending");
    }

    @Test
    void aCancelledRequestLeavesTheReviewerQueueAtOnce() {
        Team team = requests.team("Queue");
        String kept = requests.create(team.owner(), team.loopId(), Bodies.request());
        String cancelled = requests.create(team.owner(), team.loopId(), Bodies.request());
        String claimed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), claimed);
        assertThat(queueIds(team.reviewer())).containsExactlyInAnyOrder(kept, cancelled, claimed);

        requests.cancel(team.owner(), cancelled);
        requests.cancel(team.owner(), claimed);

        assertThat(queueIds(team.reviewer())).containsExactly(kept);
        ApiResponse claimAfter = requests.claim(team.reviewer(), cancelled);
        assertThat(claimAfter.status()).isEqualTo(409);
        assertThat(claimAfter.data().path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void aCancelIsRecordedInTheHistoryWithWhoAndWhen() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "History");
        String id = requests.create(owner, loopId, Bodies.request());

        ApiResponse cancelled = requests.cancel(owner, id);

        JsonNode events = requests.events(owner, id);
        assertThat(events).hasSize(2);
        JsonNode event = events.get(1);
        assertThat(event.path("action").asText()).isEqualTo("cancelled");
        assertThat(event.path("actor_id").asText()).isEqualTo(owner.id());
        assertThat(event.path("from_status").asText()).isEqualTo("pending");
        assertThat(event.path("to_status").asText()).isEqualTo("cancelled");
        assertThat(event.path("details").path("refunded").asBoolean()).isTrue();
        assertThat(Instant.parse(event.path("created_at").asText()))
                .isEqualTo(Instant.parse(cancelled.data().path("cancelled_at").asText()));
    }

    private void assertNotCancellable(Person owner, String id, String status) {
        for (String path : List.of("/v1/api/requests/", "/v1/requests/")) {
            ApiResponse refused = server.delete(path + id, owner.apiKey());
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().path("error").asBoolean()).isTrue();
            assertThat(refused.msg()).isEqualTo("Request cannot be cancelled in current state");
            assertThat(refused.data().path("request_id").asText()).isEqualTo(id);
            assertThat(refused.data().path("status").asText()).isEqualTo(status);
        }
    }

    private List<String> queueIds(Person reviewer) {
        ApiResponse queue = server.get("/v1/api/queue", reviewer.apiKey());
        assertThat(queue.status()).as(queue.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        queue.data().path("requests").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
