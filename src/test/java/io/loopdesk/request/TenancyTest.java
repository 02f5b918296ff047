package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One account's loops and requests seen with another account's key (SPEC 2.1): exactly as if
 * they did not exist, and left untouched whatever that key tries.
 */
class TenancyTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    /** The first account's world: a pending, a claimed and a completed request. */
    private record World(Team team, String pending, String claimed, String completed) {

        List<String> ids() {
            return List.of(pending, claimed, completed);
        }
    }

    private World world() {
        Team team = requests.team("Tenant");
        String pending = requests.create(team.owner(), team.loopId(), Bodies.request());
        String claimed = requests.create(team.owner(), team.loopId(), Bodies.request());
        String completed = requests.create(team.owner(), team.loopId(), Bodies.request());
        assertThat(requests.claim(team.reviewer(), claimed).status()).isEqualTo(200);
        assertThat(requests.respond(team.reviewer(), completed, "approve").status())
                .isEqualTo(200);
        return new World(team, pending, claimed, completed);
    }

    /** Everything the owner can read about their world, to compare before and after. */
    private List<JsonNode> state(World world) {
        Person owner = world.team().owner();
        List<JsonNode> state = new ArrayList<>();
        for (String id : world.ids()) {
            state.add(requests.read(owner, id));
            state.add(requests.events(owner, id));
        }
        String loop = "/v1/api/loops/" + world.team().loopId();
        state.add(server.get(loop, owner.apiKey()).data());
        state.add(server.get(loop + "/members", owner.apiKey()).data());
        state.add(server.get("/v1/api/requests", owner.apiKey()).data());
        return state;
    }

    @Test
    void anotherAccountsKeyFindsNoneOfTheRequestsAndChangesNothing() {
        World world = world();
        Person stranger = server.newPerson("Stranger");
        String strangersLoop = server.newLoop(stranger, "Stranger's own");
        List<JsonNode> before = state(world);

        for (String id : world.ids()) {
            for (String prefix : List.of("/v1/api/requests/", "/v1/requests/")) {
                String path = prefix + id;
                notFound(server.get(path, stranger.apiKey()), "Request not found");
                notFound(server.get(path + "/events", stranger.apiKey()), "Request not found");
                notFound(server.delete(path, stranger.apiKey()), "Request not found");
                notFound(server.send("DELETE", path, stranger.apiKey(),
                        Map.of("reason", "mine now"), Map.of()), "Request not found");
                notFound(server.send("PATCH", path, stranger.apiKey(),
                        Map.of("priority", "critical"), Map.of()), "Request not found");
                notFound(server.post(path + "/feedback", stranger.apiKey(),
                        Map.of("feedback", Map.of("rating", 1))), "Request not found");
                notFound(server.post(path + "/claim", stranger.apiKey(), Map.of()),
                        "Request not found");
                notFound(server.post(path + "/release", stranger.apiKey(), Map.of()),
                        "Request not found");
                notFound(server.post(path + "/respond", stranger.apiKey(),
                        Map.of("response_data", "reject")), "Request not found");
            }
        }

        ApiResponse batch = server.post("/v1/api/requests/cancel", stranger.apiKey(),
                Map.of("ids", world.ids(), "reason", "not yours"));
        assertThat(batch.status()).as(batch.text()).isEqualTo(200);
        assertThat(batch.data().path("not_found").asInt()).isEqualTo(3);
        assertThat(batch.data().path("cancelled").asInt()).isZero();
        batch.data().path("results").forEach(result -> {
            assertThat(result.path("outcome").asText()).isEqualTo("not_found");
            assertThat(result.path("status").isNull()).isTrue();
        });

        String everything = "2999-01-01T00:00:00Z";
        ApiResponse dryRun = server.post("/v1/api/requests/cancel", stranger.apiKey(),
                Map.of("filter", Map.of("created_before", everything,
                        "loop_id", world.team().loopId()), "dry_run", true));
        ApiResponse byFilter = server.post("/v1/api/requests/cancel", stranger.apiKey(),
                Map.of("filter", Map.of("created_before", everything,
                        "loop_id", world.team().loopId())));
        assertThat(dryRun.data().path("matched").asInt()).isZero();
        assertThat(byFilter.data().path("cancelled").asInt()).isZero();

        ApiResponse list = server.get("/v1/api/requests?loop_id=" + world.team().loopId(),
                stranger.apiKey());
        assertThat(list.data().path("total").asInt()).isZero();
        assertThat(server.get("/v1/api/queue", stranger.apiKey()).data().path("count").asInt())
                .isZero();
        assertThat(server.get("/v1/api/requests", stranger.apiKey()).data().path("total")
                .asInt()).isZero();
        assertThat(server.get("/v1/api/loops/" + strangersLoop + "/requests",
                stranger.apiKey()).data().path("total").asInt()).isZero();

        assertThat(state(world)).isEqualTo(before);
    }

    /**
     * Ids are compared byte for byte: the same letters in another case, or with a NUL after
     * them (a path refuses it before any lookup), name no request and no loop, even for the
     * owner, and change nothing.
     */
    @Test
    void anIdSpelledAnyOtherWayNamesNothing() {
        World world = world();
        Person owner = world.team().owner();
        List<JsonNode> before = state(world);

        for (String id : world.ids()) {
            String path = "/v1/api/requests/" + id.toUpperCase(Locale.ROOT);
            notFound(server.get(path, owner.apiKey()), "Request not found");
            notFound(server.delete(path, owner.apiKey()), "Request not found");
        }
        ApiResponse batch = server.post("/v1/api/requests/cancel", owner.apiKey(),
                Map.of("ids", world.ids().stream().map(id -> id + "\u0000").toList()));
        assertThat(batch.data().path("not_found").asInt()).as(batch.text()).isEqualTo(3);
        String loop = world.team().loopId();
        assertThat(server.get("/v1/api/loops/" + loop.toUpperCase(Locale.ROOT),
                owner.apiKey()).status()).isEqualTo(404);
        assertThat(server.get("/v1/api/requests?loop_id=" + loop + "%00", owner.apiKey())
                .data().path("total").asInt()).isZero();

        assertThat(state(world)).isEqualTo(before);
    }

    @Test
    void anotherAccountsKeyFindsNoneOfTheLoopsAndChangesNothing() {
        World world = world();
        Person stranger = server.newPerson("Stranger");
        String loopId = world.team().loopId();
        List<JsonNode> before = state(world);

        for (String prefix : List.of("/v1/api/loops/", "/v1/loops/")) {
            String path = prefix + loopId;
            notFound(server.get(path, stranger.apiKey()), "Loop not found");
            notFound(server.send("PUT", path, stranger.apiKey(), Map.of("name", "Taken"),
                    Map.of()), "Loop not found");
            notFound(server.delete(path, stranger.apiKey()), "Loop not found");
            notFound(server.delete(path + "?force=true", stranger.apiKey()), "Loop not found");
            notFound(server.get(path + "/members", stranger.apiKey()), "Loop not found");
            notFound(server.delete(path + "/members/" + world.team().reviewer().id(),
                    stranger.apiKey()), "Loop not found");
            notFound(server.post(path + "/invite-code", stranger.apiKey(), Map.of()),
                    "Loop not found");
            notFound(server.get(path + "/requests", stranger.apiKey()), "Loop not found");
            notFound(server.post(path + "/requests", stranger.apiKey(), Bodies.request()),
                    "Loop not found");
        }
        assertThat(server.get("/v1/api/loops", stranger.apiKey()).data().path("count").asInt())
                .isZero();

        assertThat(state(world)).isEqualTo(before);
    }

    @Test
    void aReviewerSeesTheLoopButNotTheOwnersRequestsOrOwnerOperations() {
        World world = world();
        Person reviewer = world.team().reviewer();
        String loop = "/v1/api/loops/" + world.team().loopId();
        List<JsonNode> before = state(world);

        for (String id : world.ids()) {
            String path = "/v1/api/requests/" + id;
            notFound(server.get(path, reviewer.apiKey()), "Request not found");
            notFound(server.get(path + "/events", reviewer.apiKey()), "Request not found");
            notFound(server.delete(path, reviewer.apiKey()), "Request not found");
            notFound(server.send("PATCH", path, reviewer.apiKey(), Map.of("priority", "low"),
                    Map.of()), "Request not found");
            notFound(server.post(path + "/feedback", reviewer.apiKey(),
                    Map.of("feedback", Map.of("rating", 5))), "Request not found");
        }
        ApiResponse batch = server.post("/v1/api/requests/cancel", reviewer.apiKey(),
                Map.of("ids", world.ids()));
        assertThat(batch.data().path("not_found").asInt()).isEqualTo(3);
        assertThat(server.get(loop, reviewer.apiKey()).status()).isEqualTo(200);
        for (ApiResponse ownerOnly : List.of(
                server.send("PUT", loop, reviewer.apiKey(), Map.of("name", "Mine"), Map.of()),
                server.delete(loop + "?force=true", reviewer.apiKey()),
                server.get(loop + "/members", reviewer.apiKey()),
                server.delete(loop + "/members/" + world.team().owner().id(), reviewer.apiKey()),
                server.post(loop + "/invite-code", reviewer.apiKey(), Map.of()),
                server.get(loop + "/requests", reviewer.apiKey()),
                server.post(loop + "/requests", reviewer.apiKey(), Bodies.request()))) {
            assertThat(ownerOnly.status()).as(ownerOnly.text()).isIn(403, 404);
            assertThat(ownerOnly.json().path("error").asBoolean()).isTrue();
        }

        assertThat(state(world)).isEqualTo(before);
    }

    @Test
    void aRemovedReviewerLosesTheirClaimAndCanNoLongerAnswer() {
        World world = world();
        Person reviewer = world.team().reviewer();

        ApiResponse removed = server.delete("/v1/api/loops/" + world.team().loopId()
                + "/members/" + reviewer.id(), world.team().owner().apiKey());

        assertThat(removed.status()).as(removed.text()).isEqualTo(200);
        JsonNode released = requests.read(world.team().owner(), world.claimed());
        assertThat(released.path("status").asText()).isEqualTo("pending");
        assertThat(released.path("claimed_by").isNull()).isTrue();
        notFound(requests.respond(reviewer, world.pending(), "approve"), "Request not found");
        notFound(requests.claim(reviewer, world.pending()), "Request not found");
        assertThat(server.get("/v1/api/queue", reviewer.apiKey()).data().path("count").asInt())
                .isZero();
        assertThat(requests.status(world.team().owner(), world.pending())).isEqualTo("pending");
    }

    @Test
    void theOwnersOtherKeysSeeEverythingAndOtherAccountsRequestsStaySeparateInLists() {
        World world = world();
        Person other = server.newPerson("Other");
        String otherLoop = server.newLoop(other, "Other");
        String othersRequest = requests.create(other, otherLoop, Bodies.request());
        String secondKey = server.newKey(world.team().owner(),
                io.loopdesk.account.Permission.all(), java.util.Optional.empty());

        ApiResponse mine = server.get("/v1/api/requests", secondKey);
        ApiResponse theirs = server.get("/v1/api/requests", other.apiKey());

        List<String> mineIds = new ArrayList<>();
        mine.data().path("requests").forEach(r -> mineIds.add(r.path("id").asText()));
        assertThat(mineIds).containsExactlyInAnyOrderElementsOf(world.ids());
        assertThat(theirs.data().path("total").asInt()).isEqualTo(1);
        assertThat(theirs.data().path("requests").get(0).path("id").asText())
                .isEqualTo(othersRequest);
        assertThat(Instant.parse(theirs.data().path("requests").get(0).path("created_at")
                .asText())).isNotNull();
    }

    private static void notFound(ApiResponse answer, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(404);
        assertThat(answer.json().path("error").asBoolean()).isTrue();
        assertThat(answer.msg()).isEqualTo(message);
    }
}
