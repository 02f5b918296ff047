package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.Permission;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Cancelling many requests at once (SPEC 2.9), by ids and by filter. */
class CancelManyTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    @Test
    void eachIdIsDecidedAsASingleCancelWouldDecideIt() {
        requests.keepWithinOneQuotaHour();
        Team team = requests.team("Batch");
        Person stranger = server.newPerson("Stranger");
        String strangersRequest = requests.create(stranger, server.newLoop(stranger, "S"),
                Bodies.request());
        String pending = requests.create(team.owner(), team.loopId(), Bodies.request());
        String claimed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.claim(team.reviewer(), claimed);
        String completed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), completed, "approve");
        String remaining = server.get("/v1/test", team.owner().apiKey())
                .header("X-RateLimit-Remaining");
        String unknown = "0123456789abcdef01234567";
        List<String> ids = List.of(pending, claimed, completed, unknown, "not-an-id",
                strangersRequest, "A".repeat(24), "x".repeat(300), pending);

        ApiResponse batch = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                Map.of("ids", ids, "reason", "Campaign withdrawn"));

        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        JsonNode data = batch.data();
        assertThat(data.path("cancelled").asInt()).isEqualTo(2);
        assertThat(data.path("not_cancellable").asInt()).isEqualTo(1);
        assertThat(data.path("not_found").asInt()).isEqualTo(5);
        Map<String, JsonNode> results = new LinkedHashMap<>();
        data.path("results").forEach(r -> results.put(r.path("request_id").asText(), r));
        assertThat(results).hasSize(8);
        assertResult(results.get(pending), "cancelled", "cancelled", true);
        assertResult(results.get(claimed), "cancelled", "cancelled", false);
        assertResult(results.get(completed), "not_cancellable", "completed", false);
        for (String missing : List.of(unknown, "not-an-id", strangersRequest, "A".repeat(24),
                "x".repeat(300))) {
            assertThat(results.get(missing).path("outcome").asText()).isEqualTo("not_found");
            assertThat(results.get(missing).path("status").isNull()).isTrue();
            assertThat(results.get(missing).path("refunded").asBoolean()).isFalse();
        }
        assertThat(requests.read(team.owner(), pending).path("cancel_reason").asText())
                .isEqualTo("Campaign withdrawn");
        assertThat(requests.read(team.owner(), claimed).path("status").asText())
                .isEqualTo("cancelled");
        assertThat(requests.read(team.owner(), completed).path("response_data").asText())
                .isEqualTo("approve");
        assertThat(requests.status(stranger, strangersRequest)).isEqualTo("pending");
        assertThat(server.get("/v1/test", team.owner().apiKey()).header("X-RateLimit-Remaining"))
                .as("only the pending request is refunded")
                .isEqualTo(Integer.toString(Integer.parseInt(remaining) + 1));
        assertThat(requests.respond(team.reviewer(), claimed, "approve").status()).isEqualTo(409);
    }

    @Test
    void aFilterCancelsWhatMatchesAndNeverWhatWasCreatedAfterItsCutOff() {
        Person owner = server.newPerson("Owner");
        String loopA = server.newLoop(owner, "A");
        String loopB = server.newLoop(owner, "B");
        String oldHigh = requests.create(owner, loopA, Bodies.request("priority", "high"));
        String oldLow = requests.create(owner, loopA, Bodies.request("priority", "low"));
        String oldOtherLoop = requests.create(owner, loopB, Bodies.request("priority", "high"));
        String cutOffRequest = requests.create(owner, loopA, Bodies.request("priority", "high"));
        Instant cutOff = Instant.parse(requests.read(owner, cutOffRequest)
                .path("created_at").asText());
        String newer = requests.create(owner, loopA, Bodies.request("priority", "high"));
        Map<String, Object> filter = Map.of("created_before", cutOff.toString(),
                "loop_id", loopA, "priority", "high", "status", "pending");

        ApiResponse dryRun = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("filter", filter, "dry_run", true));

        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.data().path("matched").asInt()).isEqualTo(1);
        assertThat(requests.status(owner, oldHigh)).isEqualTo("pending");

        String createdMeanwhile = requests.create(owner, loopA, Bodies.request("priority",
                "high"));
        ApiResponse cancelled = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("filter", filter, "reason", "Bulk clean-up"));

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.data().path("cancelled").asInt()).isEqualTo(1);
        assertThat(cancelled.data().path("results")).hasSize(1);
        assertThat(cancelled.data().path("results").get(0).path("request_id").asText())
                .isEqualTo(oldHigh);
        assertThat(cancelled.data().path("results").get(0).path("refunded").asBoolean())
                .isTrue();
        assertThat(requests.read(owner, oldHigh).path("cancel_reason").asText())
                .isEqualTo("Bulk clean-up");
        for (String untouched : List.of(oldLow, oldOtherLoop, cutOffRequest, newer,
                createdMeanwhile)) {
            assertThat(requests.status(owner, untouched)).as(untouched).isEqualTo("pending");
        }
    }

    @Test
    void aFilterWithOnlyACutOffCancelsEveryOpenRequestBeforeItAndReportsTheFinalOnes() {
        Team team = requests.team("Everything");
        String pending = requests.create(team.owner(), team.loopId(), Bodies.request());
        String completed = requests.create(team.owner(), team.loopId(), Bodies.request());
        requests.respond(team.reviewer(), completed, "reject");
        Instant cutOff = server.clock().instant().plusSeconds(1);

        ApiResponse dryRun = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                Map.of("filter", Map.of("created_before", cutOff.toString()), "dry_run", true));
        ApiResponse cancelled = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                Map.of("filter", Map.of("created_before", cutOff.toString())));

        assertThat(dryRun.data().path("matched").asInt()).isEqualTo(2);
        assertThat(cancelled.data().path("cancelled").asInt()).isEqualTo(1);
        assertThat(cancelled.data().path("not_cancellable").asInt()).isEqualTo(1);
        assertThat(requests.status(team.owner(), pending)).isEqualTo("cancelled");
        assertThat(requests.status(team.owner(), completed)).isEqualTo("completed");
    }

    @Test
    void aMisspeltFieldOrADryRunOfNullIsRefusedAndCancelsNothing() {
        Team team = requests.team("Typos");
        String pending = requests.create(team.owner(), team.loopId(), Bodies.request());
        String cutOff = server.clock().instant().plusSeconds(1).toString();

        // Each of these, were the odd field ignored, would cancel every open request.
        Map<String, String> refusals = Map.of(
                "{\"filter\": {\"created_before\": \"" + cutOff + "\"}, \"dryRun\": true}",
                "dryRun is not a field this request takes; it takes ids, filter, reason, dry_run",
                "{\"filter\": {\"created_before\": \"" + cutOff + "\"}, \"dry_run\": null}",
                "dry_run must be true or false",
                "{\"filter\": {\"created_before\": \"" + cutOff + "\", \"stauts\": \"claimed\"}}",
                "filter.stauts is not a field this request takes; it takes status, priority,"
                        + " loop_id, created_before, text");
        refusals.forEach((body, message) -> {
            ApiResponse refused = server.post("/v1/api/requests/cancel", team.owner().apiKey(),
                    body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.msg()).isEqualTo("Validation failed");
            assertThat(refused.data().asText()).isEqualTo(message);
        });
        assertThat(requests.status(team.owner(), pending)).isEqualTo("pending");
    }

    @Test
    void aFilterTextIsReadAsTheRequestsPageReadsItAndIsNeverCutOrDropped() {
        Person owner = server.newPerson("Texts");
        String loopId = server.newLoop(owner, "T");
        requests.create(owner, loopId, Bodies.request("request_text", "Line one\nline two"));
        requests.create(owner, loopId, Bodies.request("request_text", "Line one\r\nline two"));
        requests.create(owner, loopId, Bodies.request("request_text", "Nothing alike"));
        String cutOff = server.clock().instant().plusSeconds(1).toString();

        assertThat(matching(owner, cutOff, "line one\r\nline two")).isEqualTo(1);
        assertThat(matching(owner, cutOff, " line two\n")).isEqualTo(2);
        for (var refused : Map.of("x".repeat(SearchText.MAX_LENGTH + 1),
                "filter.text must be at most 200 characters",
                " \r\n ", "filter.text must not be blank").entrySet()) {
            ApiResponse answer = server.post("/v1/api/requests/cancel", owner.apiKey(),
                    Map.of("filter", Map.of("created_before", cutOff, "text", refused.getKey()),
                            "dry_run", true));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.data().asText()).isEqualTo(refused.getValue());
        }
    }

    private int matching(Person owner, String cutOff, String text) {
        ApiResponse dryRun = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("filter", Map.of("created_before", cutOff, "text", text),
                        "dry_run", true));
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        return dryRun.data().path("matched").asInt();
    }

    @Test
    void aBatchOfFiveHundredIdsIsAcceptedAndAKeyWithoutWriteIsRefused() {
        Person owner = server.newPerson("Owner");
        String loopId = server.newLoop(owner, "Big batch");
        String id = requests.create(owner, loopId, Bodies.request());
        List<String> ids = new ArrayList<>();
        ids.add(id);
        for (int i = 1; i < 500; i++) {
            ids.add(String.format("%024x", i));
        }
        String readOnly = server.newKey(owner, EnumSet.of(Permission.REQUESTS_READ),
                Optional.empty());

        ApiResponse refused = server.post("/v1/api/requests/cancel", readOnly,
                Map.of("ids", List.of(id)));
        ApiResponse batch = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("ids", ids));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.data().path("cancelled").asInt()).isEqualTo(1);
        assertThat(batch.data().path("not_found").asInt()).isEqualTo(499);
    }

    private static void assertResult(JsonNode result, String outcome, String status,
                                     boolean refunded) {
        assertThat(result.path("outcome").asText()).isEqualTo(outcome);
        assertThat(result.path("status").asText()).isEqualTo(status);
        assertThat(result.path("refunded").asBoolean()).isEqualTo(refunded);
    }
}
