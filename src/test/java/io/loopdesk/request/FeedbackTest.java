package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The requester's feedback on an answer (SPEC 2.11). */
class FeedbackTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void theOwnerRatesACompletedRequestOnce() {
        Team team = requests.team("Feedback");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), id, "approve");
        Map<String, Object> feedback = Map.of("rating", 5, "accuracy", 4, "timeliness", 3,
                "helpfulness", 1, "comment", "Spot on", "would_recommend", true,
                "tags", List.of("fast"), "follow_up_needed", false, "category", "positive");

        ApiResponse given = server.post("/v1/api/requests/" + id + "/feedback",
                team.owner().apiKey(), Map.of("feedback", feedback));
        ApiResponse again = server.post("/v1/api/requests/" + id + "/feedback",
                team.owner().apiKey(), Map.of("feedback", Map.of("rating", 1)));

        assertThat(given.status()).as(given.text()).isEqualTo(200);
        assertThat(given.msg()).isEqualTo("Feedback added successfully");
        assertThat(given.data().path("request_id").asText()).isEqualTo(id);
        assertThat(given.data().path("feedback_id").asText()).matches("[0-9a-f]{24}");
        assertThat(given.data().path("feedback").path("rating").asInt()).isEqualTo(5);
        assertThat(given.data().path("feedback").path("category").asText()).isEqualTo("positive");
        assertThat(Instant.parse(given.data().path("submitted_at").asText())).isNotNull();
        assertThat(again.status()).as(again.text()).isEqualTo(409);
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("feedback")).isEqualTo(given.data().path("feedback"));
        assertThat(stored.path("status").asText()).isEqualTo("completed");
        assertThat(stored.path("response_data").asText()).isEqualTo("approve");
    }

    @Test
    void onlyCompletedRequestsTakeFeedback() {
        Team team = requests.team("Not completed");
        String pending = requests.create(team.owner(), team.loopId(), Bodies.request());
        String claimed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), claimed);
        String cancelled = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.cancel(team.owner(), cancelled);
        String timedOut = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        server.clock().advance(Duration.ofSeconds(61));
        Requests.waitUntil("the request times out",
                () -> requests.status(team.owner(), timedOut).equals("timeout"));

        for (String id : List.of(pending, claimed, cancelled, timedOut)) {
            ApiResponse refused = server.post("/v1/api/requests/" + id + "/feedback",
                    team.owner().apiKey(), Map.of("feedback", Map.of("rating", 3)));
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("Feedback can only be added to completed requests");
            assertThat(requests.read(team.owner(), id).path("feedback").isNull()).isTrue();
        }
    }

    @Test
    void twoFeedbacksSentAtOnceStoreOnlyOne() throws Exception {
        Team team = requests.team("Feedback race");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), id, "approve");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var latch = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<ApiResponse>> answers = new java.util.ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                int rating = i;
                answers.add(pool.submit(() -> {
                    latch.await();
                    return server.post("/v1/api/requests/" + id + "/feedback",
                            team.owner().apiKey(), Map.of("feedback", Map.of("rating", rating)));
                }));
            }
            latch.countDown();
            List<ApiResponse> responses = new java.util.ArrayList<>();
            for (var answer : answers) {
                responses.add(answer.get());
            }

            JsonNode stored = requests.read(team.owner(), id).path("feedback");
            assertThat(responses).extracting(ApiResponse::status)
                    .containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);
            ApiResponse winner = responses.stream().filter(r -> r.status() == 200)
                    .findFirst().orElseThrow();
            assertThat(winner.data().path("feedback")).isEqualTo(stored);
            assertThat(requests.events(team.owner(), id))
                    .filteredOn(e -> e.path("action").asText().equals("feedback")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
