package io.loopdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.Permission;
import io.loopdesk.request.Requests;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reviewer's side (SPEC 2.12): the queue, claims with a lease, release, respond, timeout. */
class ReviewTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void aClaimHoldsTheRequestForTenMinutes() {
        Team team = requests.team("Claim");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());

        ApiResponse claimed = requests.claim(team.reviewer(), id);

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(200);
        assertThat(claimed.msg()).isEqualTo("Request claimed successfully");
        JsonNode data = claimed.data();
        assertThat(data.path("request_id").asText()).isEqualTo(id);
        assertThat(data.path("status").asText()).isEqualTo("claimed");
        assertThat(data.path("claimed_by").asText()).isEqualTo(team.reviewer().id());
        Instant claimedAt = Instant.parse(data.path("claimed_at").asText());
        assertThat(Instant.parse(data.path("claim_expires_at").asText()))
                .isEqualTo(claimedAt.plus(Duration.ofMinutes(10)));
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("status").asText()).isEqualTo("claimed");
        assertThat(stored.path("claimed_by").asText()).isEqualTo(team.reviewer().id());
        assertThat(stored.path("claim_expires_at").asText())
                .isEqualTo(data.path("claim_expires_at").asText());
    }

    @Test
    void claimingWhatIAlreadyHoldIsRefusedAndKeepsTheLease() {
        Team team = requests.team("Claim twice");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        String firstLease = requests.claim(team.reviewer(), id).data()
                .path("claim_expires_at").asText();
        server.clock().advance(Duration.ofMinutes(1));

        ApiResponse again = requests.claim(team.reviewer(), id);

        assertThat(again.status()).as(again.text()).isEqualTo(409);
        assertThat(again.msg()).isEqualTo("Request is already claimed by you");
        assertThat(again.data().path("status").asText()).isEqualTo("claimed");
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("claim_expires_at").asText()).isEqualTo(firstLease);
        assertThat(requests.events(team.owner(), id)).hasSize(2);
    }

    @Test
    void holdingMoreClaimsThanTheQueueShowsStillShowsWhatWaits() {
        Person owner = server.newPerson("Busy Owner", Permission.all(), Optional.of(1_000));
        Person reviewer = server.newPerson("Busy Reviewer");
        String loopId = server.newLoop(owner, "Busy");
        server.join(owner, loopId, reviewer);
        for (int i = 0; i < 201; i++) {
            String id = requests.create(owner, loopId, Bodies.request());
            assertThat(requests.claim(reviewer, id).status()).isEqualTo(200);
        }
        server.clock().advance(Duration.ofSeconds(1));
        String waiting = requests.create(owner, loopId, Bodies.request("priority", "low"));

        JsonNode queue = server.get("/v1/api/queue", reviewer.apiKey()).data().path("requests");

        List<String> statuses = new ArrayList<>();
        queue.forEach(item -> statuses.add(item.path("status").asText()));
        assertThat(statuses).filteredOn("claimed"::equals).hasSize(200);
        assertThat(queueIds(reviewer)).contains(waiting);
    }

    @Test
    void aLapsedLeaseSendsTheRequestBackToPendingForAnyoneToClaim() {
        Team team = requests.team("Lease");
        Person second = server.newPerson("Second");
        server.join(team.owner(), team.loopId(), second);
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), id);
        assertThat(requests.claim(second, id).status()).isEqualTo(409);
        assertThat(queueIds(second)).doesNotContain(id);

        server.clock().advance(Duration.ofMinutes(10).plusSeconds(1));
        Requests.waitUntil("the lease lapses",
                () -> requests.status(team.owner(), id).equals("pending"));

        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("claimed_by").isNull()).isTrue();
        assertThat(stored.path("claim_expires_at").isNull()).isTrue();
        JsonNode lapse = requests.events(team.owner(), id).get(2);
        assertThat(lapse.path("action").asText()).isEqualTo("lease_expired");
        assertThat(lapse.path("from_status").asText()).isEqualTo("claimed");
        assertThat(lapse.path("to_status").asText()).isEqualTo("pending");
        assertThat(lapse.path("actor_kind").asText()).isEqualTo("system");
        assertThat(queueIds(second)).contains(id);
        ApiResponse reclaimed = requests.claim(second, id);
        assertThat(reclaimed.status()).as(reclaimed.text()).isEqualTo(200);
        assertThat(reclaimed.data().path("claimed_by").asText()).isEqualTo(second.id());
        ApiResponse late = requests.respond(team.reviewer(), id, "approve");
        assertThat(late.status()).as(late.text()).isEqualTo(409);
        assertThat(late.data().path("status").asText()).isEqualTo("claimed");
    }

    @Test
    void anUnansweredRequestTimesOutToItsDefaultAnswer() {
        Team team = requests.team("Timeout");
        String id = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        requests.claim(team.reviewer(), id);

        server.clock().advance(Duration.ofSeconds(61));
        Requests.waitUntil("the request times out",
                () -> requests.status(team.owner(), id).equals("timeout"));

        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("response_data").asText()).isEqualTo("reject");
        assertThat(stored.path("response_source").asText()).isEqualTo("timeout_default");
        assertThat(stored.path("response_by").isNull()).isTrue();
        assertThat(stored.path("response_by_user").isNull()).isTrue();
        assertThat(stored.path("cancelled_at").isNull()).isTrue();
        assertThat(stored.path("claim_expires_at").isNull()).isTrue();
        assertThat(Instant.parse(stored.path("response_at").asText()))
                .isAfterOrEqualTo(Instant.parse(stored.path("timeout_at").asText()));
        assertThat(stored.path("response_time_seconds").asLong()).isBetween(60L, 120L);
        JsonNode event = requests.events(team.owner(), id).get(2);
        assertThat(event.path("action").asText()).isEqualTo("timed_out");
        assertThat(event.path("from_status").asText()).isEqualTo("claimed");
        assertThat(event.path("to_status").asText()).isEqualTo("timeout");
        assertThat(event.path("actor_kind").asText()).isEqualTo("system");
        ApiResponse late = requests.respond(team.reviewer(), id, "approve");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.data().path("status").asText()).isEqualTo("timeout");
        assertThat(queueIds(team.reviewer())).doesNotContain(id);
        assertThat(requests.read(team.owner(), id)).isEqualTo(stored);
    }

    @Test
    void aClaimOrAnswerThatFindsTheDeadlinePassedTimesTheRequestOutForGood() {
        Team team = requests.team("Overdue");
        String forClaim = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
        String forAnswer = requests.create(team.owner(), team.loopId(),
                Bodies.timeSensitive(60));
        server.clock().advance(Duration.ofSeconds(61));

        ApiResponse claim = requests.claim(team.reviewer(), forClaim);
        String afterClaim = requests.status(team.owner(), forClaim);
        ApiResponse answer = requests.respond(team.reviewer(), forAnswer, "approve");
        String afterAnswer = requests.status(team.owner(), forAnswer);

        assertThat(claim.status()).as(claim.text()).isEqualTo(409);
        assertThat(claim.data().path("status").asText()).isEqualTo("timeout");
        assertThat(afterClaim).as("the refusal names what is stored").isEqualTo("timeout");
        assertThat(answer.status()).as(answer.text()).isEqualTo(409);
        assertThat(answer.data().path("status").asText()).isEqualTo("timeout");
        assertThat(afterAnswer).as("the refusal names what is stored").isEqualTo("timeout");
        assertThat(requests.read(team.owner(), forAnswer).path("response_data").asText())
                .isEqualTo("reject");
    }

    @Test
    void theQueueRunsFromCriticalToLowThenOldestFirst() {
        Team team = requests.team("Queue order");
        Person other = server.newPerson("Other reviewer");
        server.join(team.owner(), team.loopId(), other);
        String secondLoop = server.newLoop(team.owner(), "Second loop");
        server.join(team.owner(), secondLoop, team.reviewer());
        Person stranger = server.newPerson("Stranger");
        String foreignLoop = server.newLoop(stranger, "Foreign");
        String foreign = requests.create(stranger, foreignLoop, Bodies.request("priority",
                "critical"));

        String low = create(team, team.loopId(), "low");
        String criticalOld = create(team, team.loopId(), "critical");
        String medium = create(team, secondLoop, "medium");
        String high = create(team, team.loopId(), "high");
        String criticalNew = create(team, secondLoop, "critical");
        String mine = create(team, team.loopId(), "low");
        String theirs = create(team, team.loopId(), "critical");
        String done = create(team, team.loopId(), "critical");
        requests.claim(team.reviewer(), mine);
        requests.claim(other, theirs);
        requests.respond(other, done, "approve");

        ApiResponse queue = server.get("/v1/api/queue", team.reviewer().apiKey());

        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.msg()).isEqualTo("Queue retrieved successfully");
        assertThat(queueIds(team.reviewer())).containsExactly(criticalOld, criticalNew, high,
                medium, low, mine);
        assertThat(queue.data().path("count").asInt()).isEqualTo(6);
        assertThat(queueIds(team.reviewer())).doesNotContain(foreign, theirs, done);
        assertThat(queueIds(other)).contains(theirs).doesNotContain(mine, medium);
    }

    @Test
    void onlyTheClaimantCanReleaseAClaim() {
        Team team = requests.team("Release");
        Person other = server.newPerson("Other");
        server.join(team.owner(), team.loopId(), other);
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), id);

        ApiResponse byOther = release(other, id);
        ApiResponse byClaimant = release(team.reviewer(), id);
        ApiResponse again = release(team.reviewer(), id);

        assertThat(byOther.status()).as(byOther.text()).isEqualTo(409);
        assertThat(byOther.data().path("status").asText()).isEqualTo("claimed");
        assertThat(byClaimant.status()).as(byClaimant.text()).isEqualTo(200);
        assertThat(byClaimant.msg()).isEqualTo("Request released successfully");
        assertThat(byClaimant.data().path("status").asText()).isEqualTo("pending");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.data().path("status").asText()).isEqualTo("pending");
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("status").asText()).isEqualTo("pending");
        assertThat(stored.path("claimed_by").isNull()).isTrue();
        assertThat(requests.claim(other, id).status()).isEqualTo(200);

        requests.respond(other, id, "approve");
        ApiResponse afterAnswer = release(other, id);
        assertThat(afterAnswer.status()).isEqualTo(409);
        assertThat(afterAnswer.data().path("status").asText()).isEqualTo("completed");
        assertThat(requests.status(team.owner(), id)).isEqualTo("completed");
    }

    @Test
    void answeringAPendingRequestClaimsItImplicitlyAndRecordsTheReviewer() {
        Team team = requests.team("Respond");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());

        ApiResponse answered = requests.respond(team.reviewer(), id, "approve");

        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(answered.msg()).isEqualTo("Response submitted successfully");
        assertThat(answered.data().path("status").asText()).isEqualTo("completed");
        assertThat(answered.data().path("response_data").asText()).isEqualTo("approve");
        assertThat(answered.data().path("response_by").asText()).isEqualTo(team.reviewer().id());
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("status").asText()).isEqualTo("completed");
        assertThat(stored.path("response_source").asText()).isEqualTo("reviewer");
        assertThat(stored.path("claimed_by").asText()).isEqualTo(team.reviewer().id());
        assertThat(stored.path("response_by_user").path("user_id").asText())
                .isEqualTo(team.reviewer().id());
        assertThat(stored.path("response_by_user").path("email").asText())
                .isEqualTo(team.reviewer().email());
        assertThat(stored.path("response_at").asText())
                .isEqualTo(answered.data().path("response_at").asText());
        assertThat(stored.path("response_time_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(stored.path("cancelled_at").isNull()).isTrue();

        ApiResponse second = requests.respond(team.reviewer(), id, "reject");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.data().path("status").asText()).isEqualTo("completed");
        assertThat(requests.read(team.owner(), id)).isEqualTo(stored);
    }

    @Test
    void aRequestClaimedByAnotherReviewerCannotBeAnswered() {
        Team team = requests.team("Claimed by other");
        Person other = server.newPerson("Other");
        server.join(team.owner(), team.loopId(), other);
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(other, id);

        ApiResponse refused = requests.respond(team.reviewer(), id, "approve");

        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.data().path("status").asText()).isEqualTo("claimed");
        assertThat(requests.read(team.owner(), id).path("response_data").isNull()).isTrue();
    }

    @Test
    void everyResponseTypeTakesAValidAnswer() {
        Team team = requests.team("Answers");
        List<Object[]> forms = List.of(
                new Object[] {"text", Map.of("max_length", 20), "Looks fine", "Looks fine"},
                new Object[] {"single_select", Map.of("options", List.of("a", "b")), "b", "b"},
                new Object[] {"multi_select", Map.of("options", List.of("a", "b", "c")),
                        List.of("c", "a"), null},
                new Object[] {"rating", Map.of("min", 1, "max", 10, "step", 0.5), 8.5, 8.5},
                new Object[] {"number", Map.of("decimal_places", 2), -12.25, -12.25},
                new Object[] {"boolean", Map.of(), true, true});
        for (Object[] form : forms) {
            Map<String, Object> body = Bodies.request();
            body.put("response_type", form[0]);
            body.put("response_config", form[1]);
            body.put("default_response", form[2]);
            String id = requests.create(team.owner(), team.loopId(), body);

            ApiResponse answered = requests.respond(team.reviewer(), id, form[2]);

            assertThat(answered.status()).as("%s: %s", form[0], answered.text()).isEqualTo(200);
            JsonNode stored = requests.read(team.owner(), id).path("response_data");
            if (form[3] != null) {
                assertThat(stored.toString())
                        .isEqualTo(io.loopdesk.web.Json.write(form[3]));
            } else {
                assertThat(stored).extracting(JsonNode::asText).containsExactlyInAnyOrder("a", "c");
            }
        }
    }

    @Test
    void theLongestTextAnswerInAnyScriptIsStoredWhole() {
        Team team = requests.team("Long answers");
        Map<String, Object> body = Bodies.request();
        body.put("response_type", "text");
        body.put("response_config", Map.of("max_length", 50_000));
        body.put("default_response", "none");
        String id = requests.create(team.owner(), team.loopId(), body);
        String answer = "漢字😀".repeat(16_666) + "字😀";

        ApiResponse answered = requests.respond(team.reviewer(), id, answer);

        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
        assertThat(requests.read(team.owner(), id).path("response_data").asText())
                .isEqualTo(answer);
        assertThat(requests.events(team.owner(), id)).extracting(e -> e.path("action").asText())
                .containsExactly("created", "responded");
    }

    @Test
    void reviewerOperationsNeedTheRightPermissions() {
        Team team = requests.team("Permissions");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());
        String readOnly = server.newKey(team.reviewer(), EnumSet.of(Permission.REQUESTS_READ),
                Optional.empty());
        String writeOnly = server.newKey(team.reviewer(), EnumSet.of(Permission.LOOPS_READ),
                Optional.empty());

        ApiResponse claim = server.post("/v1/api/requests/" + id + "/claim", readOnly, Map.of());
        ApiResponse respond = server.post("/v1/api/requests/" + id + "/respond", readOnly,
                Map.of("response_data", "approve"));
        ApiResponse queue = server.get("/v1/api/queue", writeOnly);

        assertThat(claim.status()).isEqualTo(403);
        assertThat(respond.status()).isEqualTo(403);
        assertThat(queue.status()).isEqualTo(403);
        JsonNode stored = requests.read(team.owner(), id);
        assertThat(stored.path("status").asText()).isEqualTo("pending");
        assertThat(stored.path("version").asInt()).isEqualTo(1);
    }

    private String create(Team team, String loopId, String priority) {
        return requests.create(team.owner(), loopId, Bodies.request("priority", priority));
    }

    private ApiResponse release(Person reviewer, String id) {
        return server.post("/v1/api/requests/" + id + "/release", reviewer.apiKey(), Map.of());
    }

    private List<String> queueIds(Person reviewer) {
        ApiResponse queue = server.get("/v1/api/queue", reviewer.apiKey());
        assertThat(queue.status()).as(queue.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        queue.data().path("requests").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }
}
