package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adjusting an open request instead of cancelling it (SPEC 2.10). */
class AdjustTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void theOwnerRaisesPriorityMergesContextExtendsTheDeadlineAndRetags() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Adjust");
        Map<String, Object> body = Bodies.timeSensitive(600);
        body.put("context", Map.of("order", 42, "note", "old"));
        body.put("tags", List.of("first"));
        String id = requests.create(owner, loopId, body);
        JsonNode before = requests.read(owner, id);
        Instant later = Instant.parse(before.path("timeout_at").asText()).plusSeconds(3600);

        ApiResponse adjusted = patch(owner, id, Map.of("priority", "critical",
                "context", Map.of("note", "new", "customer", "vip"),
                "timeout_at", later.toString(), "tags", List.of("escalated", "vip")));

        assertThat(adjusted.status()).as(adjusted.text()).isEqualTo(200);
        assertThat(adjusted.msg()).isEqualTo("Request updated successfully");
        JsonNode after = adjusted.data().path("request");
        assertThat(after.path("priority").asText()).isEqualTo("critical");
        assertThat(after.path("context").path("order").asInt()).isEqualTo(42);
        assertThat(after.path("context").path("note").asText()).isEqualTo("new");
        assertThat(after.path("context").path("customer").asText()).isEqualTo("vip");
        assertThat(Instant.parse(after.path("timeout_at").asText())).isEqualTo(later);
        assertThat(after.path("tags")).extracting(JsonNode::asText)
                .containsExactly("escalated", "vip");
        assertThat(after.path("version").asInt()).isEqualTo(before.path("version").asInt() + 1);
        assertThat(after.path("status").asText()).isEqualTo("pending");
        assertThat(after.path("request_text")).isEqualTo(before.path("request_text"));
        assertThat(requests.read(owner, id)).isEqualTo(after);
        JsonNode event = requests.events(owner, id).get(1);
        assertThat(event.path("action").asText()).isEqualTo("adjusted");
        assertThat(event.path("details").path("priority").asText()).isEqualTo("critical");
    }

    @Test
    void aClaimedRequestCanBeAdjustedAndStaysWithItsReviewer() {
        Team team = requests.team("Adjust claimed");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), id);

        ApiResponse adjusted = patch(team.owner(), id, Map.of("priority", "high"));

        assertThat(adjusted.status()).as(adjusted.text()).isEqualTo(200);
        JsonNode after = requests.read(team.owner(), id);
        assertThat(after.path("status").asText()).isEqualTo("claimed");
        assertThat(after.path("claimed_by").asText()).isEqualTo(team.reviewer().id());
        assertThat(after.path("version").asInt()).isEqualTo(3);
    }

    @Test
    void eachChangeBumpsTheVersionOnce() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Versions");
        String id = requests.create(owner, loopId, Bodies.request());

        patch(owner, id, Map.of("priority", "low"));
        patch(owner, id, Map.of("priority", "high"));
        ApiResponse third = patch(owner, id, Map.of("tags", List.of()));

        assertThat(third.data().path("request").path("version").asInt()).isEqualTo(4);
        assertThat(third.data().path("request").path("tags")).isEmpty();
        assertThat(requests.events(owner, id)).extracting(e -> e.path("action").asText())
                .containsExactly("created", "adjusted", "adjusted", "adjusted");
    }

    /** A deadline is kept to the microsecond; the history says the deadline that was kept. */
    @Test
    void aDeadlineFinerThanAMicrosecondIsKeptAsStored() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Fine deadlines");
        String id = requests.create(owner, loopId, Bodies.timeSensitive(600));
        Instant timeoutAt = Instant.parse(requests.read(owner, id).path("timeout_at").asText());
        Instant asked = timeoutAt.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(999_999_900);
        Instant kept = asked.truncatedTo(ChronoUnit.MICROS);

        ApiResponse adjusted = patch(owner, id, Map.of("timeout_at", asked.toString()));
        ApiResponse noLater = patch(owner, id, Map.of("timeout_at",
                kept.plusNanos(100).toString()));

        assertThat(adjusted.status()).as(adjusted.text()).isEqualTo(200);
        assertThat(Instant.parse(requests.read(owner, id).path("timeout_at").asText()))
                .isEqualTo(kept);
        assertThat(Instant.parse(requests.events(owner, id).get(1).path("details")
                .path("timeout_at").asText())).isEqualTo(kept);
        assertThat(noLater.status()).as(noLater.text()).isEqualTo(400);
    }

    @Test
    void theDeadlineOnlyMovesLater() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Deadlines");
        String id = requests.create(owner, loopId, Bodies.timeSensitive(600));
        JsonNode before = requests.read(owner, id);
        Instant timeoutAt = Instant.parse(before.path("timeout_at").asText());

        ApiResponse earlier = patch(owner, id, Map.of("timeout_at",
                timeoutAt.minusSeconds(60).toString()));
        ApiResponse same = patch(owner, id, Map.of("timeout_at", timeoutAt.toString()));
        ApiResponse tooFar = patch(owner, id, Map.of("timeout_at",
                timeoutAt.plus(Duration.ofDays(31)).toString()));

        for (ApiResponse refused : List.of(earlier, same, tooFar)) {
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("Validation failed");
            assertThat(refused.data().asText()).contains("timeout_at");
        }
        assertThat(requests.read(owner, id)).isEqualTo(before);
    }

    @Test
    void anExtendedDeadlineKeepsTheRequestOpenPastTheOldOne() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Extended");
        String id = requests.create(owner, loopId, Bodies.timeSensitive(60));
        Instant timeoutAt = Instant.parse(requests.read(owner, id).path("timeout_at").asText());
        patch(owner, id, Map.of("timeout_at", timeoutAt.plusSeconds(3600).toString()));

        server.clock().advance(Duration.ofSeconds(120));

        assertThat(requests.cancel(owner, id).status()).as("still open").isEqualTo(200);
    }

    @Test
    void finalRequestsCannotBeAdjusted() {
        Team team = requests.team("Final");
        String completed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), completed, "approve");
        String cancelled = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.cancel(team.owner(), cancelled);
        String timedOut = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        server.clock().advance(Duration.ofSeconds(61));

        for (String id : List.of(timedOut, completed, cancelled)) {
            ApiResponse refused = patch(team.owner(), id, Map.of("priority", "critical"));
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("Request cannot be adjusted in current state");
            assertThat(refused.data().path("request_id").asText()).isEqualTo(id);
            assertThat(refused.data().path("status").asText())
                    .as("the refusal names what is stored")
                    .isEqualTo(requests.status(team.owner(), id));
            assertThat(requests.read(team.owner(), id).path("priority").asText())
                    .isEqualTo("medium");
        }
        assertThat(requests.status(team.owner(), timedOut)).isEqualTo("timeout");
    }

    @Test
    void aContextMergedUpToSixtyFourKibibytesIsKeptAndOneByteMoreIsRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Big context");
        String id = requests.create(owner, loopId, Bodies.request());
        // {"blob":"..."} is 11 bytes around the value; each 漢 is 3 bytes in UTF-8.
        String fits = "漢".repeat(21_841) + "xx";
        String tooBig = fits + "x";

        ApiResponse refused = patch(owner, id, Map.of("context", Map.of("blob", tooBig)));
        ApiResponse kept = patch(owner, id, Map.of("context", Map.of("blob", fits)));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.data().asText()).contains("context");
        assertThat(kept.status()).as(kept.text()).isEqualTo(200);
        assertThat(requests.read(owner, id).path("context").path("blob").asText())
                .isEqualTo(fits);
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request("context", Map.of("blob", fits)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void fieldsOtherThanTheFourAdjustableOnesAreRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Fixed fields");
        String id = requests.create(owner, loopId, Bodies.request());
        JsonNode before = requests.read(owner, id);

        for (String field : List.of("request_text", "response_type", "response_config",
                "default_response", "status", "loop_id", "callback_url", "processing_type",
                "version")) {
            ApiResponse refused = patch(owner, id, Map.of(field, "x", "priority", "high"));
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.data().asText()).contains(field);
        }
        assertThat(requests.read(owner, id)).isEqualTo(before);
    }

    private ApiResponse patch(Person owner, String id, Object body) {
        return server.send("PATCH", "/v1/api/requests/" + id, owner.apiKey(), body, Map.of());
    }
}
