package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading requests (SPEC 2.7): the list with its filters, sorts and pages, and the history. */
class ListTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);

    private Person owner;
    private String loopA;
    private String loopB;
    private String lowPending;
    private String criticalCancelled;
    private String highClaimed;
    private String mediumCompleted;
    private String criticalPending;

    /** Five requests, created in this order, across two loops and every open and final state. */
    @BeforeEach
    void createFiveRequests() {
        owner = server.newPerson("Lister");
        loopA = server.newLoop(owner, "A");
        loopB = server.newLoop(owner, "B");
        lowPending = requests.create(owner, loopA, Bodies.request("priority", "low"));
        criticalCancelled = requests.create(owner, loopA, Bodies.request("priority", "critical"));
        highClaimed = requests.create(owner, loopB, Bodies.request("priority", "high"));
        mediumCompleted = requests.create(owner, loopB, Bodies.request("priority", "medium"));
        criticalPending = requests.create(owner, loopA, Bodies.request("priority", "critical"));
        requests.cancel(owner, criticalCancelled);
        requests.claim(owner, highClaimed);
        requests.respond(owner, mediumCompleted, "approve");
    }

    @Test
    void theListIsNewestFirstByDefaultAndHoldsFullRequests() {
        ApiResponse list = list("");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.msg()).isEqualTo("Requests retrieved successfully");
        assertThat(ids(list)).containsExactly(criticalPending, mediumCompleted, highClaimed,
                criticalCancelled, lowPending);
        JsonNode data = list.data();
        assertThat(data.path("count").asInt()).isEqualTo(5);
        assertThat(data.path("total").asInt()).isEqualTo(5);
        assertThat(data.path("has_more").asBoolean()).isFalse();
        assertThat(data.path("pagination").path("limit").asInt()).isEqualTo(50);
        assertThat(data.path("pagination").path("offset").asInt()).isZero();
        assertThat(data.path("pagination").path("next_offset").isNull()).isTrue();
        JsonNode completed = data.path("requests").get(1);
        assertThat(completed).isEqualTo(requests.read(owner, mediumCompleted));
        assertThat(completed.path("response_by_user").path("user_id").asText())
                .isEqualTo(owner.id());
        assertThat(completed.path("response_by_user").path("email").asText())
                .isEqualTo(owner.email());
        assertThat(completed.path("response_by_user").path("name").asText())
                .isEqualTo(owner.name());
    }

    @Test
    void eachFilterNarrowsTheList() {
        assertThat(ids(list("status=pending"))).containsExactly(criticalPending, lowPending);
        assertThat(ids(list("status=cancelled"))).containsExactly(criticalCancelled);
        assertThat(ids(list("status=claimed"))).containsExactly(highClaimed);
        assertThat(ids(list("status=completed"))).containsExactly(mediumCompleted);
        assertThat(ids(list("status=timeout"))).isEmpty();
        assertThat(ids(list("priority=critical"))).containsExactly(criticalPending,
                criticalCancelled);
        assertThat(ids(list("loop_id=" + loopA))).containsExactly(criticalPending,
                criticalCancelled, lowPending);
        assertThat(ids(list("status=pending&priority=critical&loop_id=" + loopA)))
                .containsExactly(criticalPending);
        assertThat(ids(list("loop_id=0123456789abcdef01234567"))).isEmpty();

        Instant cancelledAt = createdAt(criticalCancelled);
        Instant completedAt = createdAt(mediumCompleted);
        assertThat(ids(list("created_after=" + cancelledAt))).containsExactly(criticalPending,
                mediumCompleted, highClaimed);
        assertThat(ids(list("created_before=" + completedAt))).containsExactly(highClaimed,
                criticalCancelled, lowPending);
        assertThat(ids(list("created_after=" + cancelledAt + "&created_before=" + completedAt)))
                .containsExactly(highClaimed);
        String withOffset = URLEncoder.encode(cancelledAt.atOffset(ZoneOffset.ofHours(2))
                .toString(), StandardCharsets.UTF_8);
        assertThat(ids(list("created_after=" + withOffset))).containsExactly(criticalPending,
                mediumCompleted, highClaimed);
    }

    /** Times are stored to the microsecond; a bound finer than that still splits correctly. */
    @Test
    void aBoundFinerThanAMicrosecondKeepsARequestOnItsSide() {
        Instant created = createdAt(mediumCompleted);
        Instant justBefore = created.minusNanos(1);
        Instant justAfter = created.plusNanos(1);

        assertThat(ids(list("created_after=" + justBefore))).contains(mediumCompleted);
        assertThat(ids(list("created_after=" + justAfter))).doesNotContain(mediumCompleted);
        assertThat(ids(list("created_before=" + justAfter))).contains(mediumCompleted);
        assertThat(ids(list("created_before=" + justBefore))).doesNotContain(mediumCompleted);
        assertThat(ids(list("created_after=" + justBefore + "&created_before=" + justAfter)))
                .containsExactly(mediumCompleted);
    }

    @Test
    void eachSortOrdersTheList() {
        assertThat(ids(list("sort=created_at_desc"))).containsExactly(criticalPending,
                mediumCompleted, highClaimed, criticalCancelled, lowPending);
        assertThat(ids(list("sort=created_at_asc"))).containsExactly(lowPending,
                criticalCancelled, highClaimed, mediumCompleted, criticalPending);
        assertThat(ids(list("sort=priority_desc"))).containsExactly(criticalPending,
                criticalCancelled, highClaimed, mediumCompleted, lowPending);
        assertThat(ids(list("sort=status_asc"))).containsExactly(criticalCancelled,
                highClaimed, mediumCompleted, criticalPending, lowPending);
    }

    @Test
    void pagesWalkTheWholeListWithoutGapsOrRepeats() {
        ApiResponse first = list("limit=2");
        ApiResponse second = list("limit=2&offset=2");
        ApiResponse last = list("limit=2&offset=4");
        ApiResponse beyond = list("limit=2&offset=10");

        assertThat(ids(first)).containsExactly(criticalPending, mediumCompleted);
        assertThat(first.data().path("has_more").asBoolean()).isTrue();
        assertThat(first.data().path("count").asInt()).isEqualTo(2);
        assertThat(first.data().path("total").asInt()).isEqualTo(5);
        assertThat(first.data().path("pagination").path("limit").asInt()).isEqualTo(2);
        assertThat(first.data().path("pagination").path("next_offset").asInt()).isEqualTo(2);
        assertThat(ids(second)).containsExactly(highClaimed, criticalCancelled);
        assertThat(second.data().path("pagination").path("offset").asInt()).isEqualTo(2);
        assertThat(second.data().path("pagination").path("next_offset").asInt()).isEqualTo(4);
        assertThat(ids(last)).containsExactly(lowPending);
        assertThat(last.data().path("has_more").asBoolean()).isFalse();
        assertThat(last.data().path("pagination").path("next_offset").isNull()).isTrue();
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.data().path("total").asInt()).isEqualTo(5);
        assertThat(beyond.data().path("has_more").asBoolean()).isFalse();

        ApiResponse filteredPage = list("status=pending&limit=1");
        assertThat(ids(filteredPage)).containsExactly(criticalPending);
        assertThat(filteredPage.data().path("total").asInt()).isEqualTo(2);
        assertThat(filteredPage.data().path("has_more").asBoolean()).isTrue();
    }

    @Test
    void aLoopsListIsScopedToThatLoopAndNamesIt() {
        ApiResponse inLoop = server.get("/v1/api/loops/" + loopB + "/requests?limit=1",
                owner.apiKey());

        assertThat(inLoop.status()).as(inLoop.text()).isEqualTo(200);
        assertThat(inLoop.data().path("loop_id").asText()).isEqualTo(loopB);
        assertThat(ids(inLoop)).containsExactly(mediumCompleted);
        assertThat(inLoop.data().path("total").asInt()).isEqualTo(2);
        assertThat(inLoop.data().path("has_more").asBoolean()).isTrue();
        ApiResponse ignoresOtherLoop = server.get("/v1/api/loops/" + loopB
                + "/requests?loop_id=" + loopA, owner.apiKey());
        assertThat(ids(ignoresOtherLoop)).containsExactly(mediumCompleted, highClaimed);
    }

    @Test
    void theHistoryListsEveryTransitionOldestFirst() {
        server.send("PATCH", "/v1/api/requests/" + highClaimed, owner.apiKey(),
                java.util.Map.of("priority", "critical"), java.util.Map.of());
        server.post("/v1/api/requests/" + highClaimed + "/release", owner.apiKey(),
                java.util.Map.of());
        requests.respond(owner, highClaimed, "reject");

        ApiResponse answer = server.get("/v1/api/requests/" + highClaimed + "/events",
                owner.apiKey());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.data().path("request_id").asText()).isEqualTo(highClaimed);
        JsonNode events = answer.data().path("events");
        assertThat(answer.data().path("count").asInt()).isEqualTo(events.size());
        assertThat(events).extracting(e -> e.path("action").asText())
                .containsExactly("created", "claimed", "adjusted", "released", "responded");
        assertThat(events).extracting(e -> e.path("to_status").asText())
                .containsExactly("pending", "claimed", "claimed", "pending", "completed");
        assertThat(events.get(0).path("from_status").isNull()).isTrue();
        assertThat(events.get(4).path("from_status").asText()).isEqualTo("pending");
        assertThat(events.get(4).path("actor_id").asText()).isEqualTo(owner.id());
        assertThat(events.get(2).path("details").path("priority").asText())
                .isEqualTo("critical");
        List<Instant> times = new ArrayList<>();
        events.forEach(e -> times.add(Instant.parse(e.path("created_at").asText())));
        assertThat(times).isSorted();
        assertThat(events).extracting(e -> e.path("id").asLong()).isSorted();
    }

    private ApiResponse list(String query) {
        ApiResponse list = server.get("/v1/api/requests?" + query, owner.apiKey());
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list;
    }

    private static List<String> ids(ApiResponse list) {
        List<String> ids = new ArrayList<>();
        list.data().path("requests").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    private Instant createdAt(String id) {
        return Instant.parse(requests.read(owner, id).path("created_at").asText());
    }
}
