package io.loopdesk.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.request.Requests;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/api/queue/claim}: the reviewer's next request, in queue order, never twice. */
class ClaimNextTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void theMostUrgentComesFirstThenTheOldest() {
        Team team = requests.team("Next in order");
        String low = createAged(team, "low");
        String olderHigh = createAged(team, "high");
        String critical = createAged(team, "critical");
        String newerHigh = createAged(team, "high");

        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ApiResponse next = claimNext(team.reviewer());
            assertThat(next.status()).as(next.text()).isEqualTo(200);
            assertThat(next.msg()).isEqualTo("Request claimed successfully");
            assertThat(next.data().path("status").asText()).isEqualTo("claimed");
            assertThat(next.data().path("claimed_by").asText()).isEqualTo(team.reviewer().id());
            served.add(next.data().path("request_id").asText());
        }

        assertThat(served).containsExactly(critical, olderHigh, newerHigh, low);
        ApiResponse empty = claimNext(team.reviewer());
        assertThat(empty.status()).as(empty.text()).isEqualTo(404);
        assertThat(empty.msg()).isEqualTo("No pending request in your queue");
        assertThat(requests.events(team.owner(), critical).get(1).path("action").asText())
                .isEqualTo("claimed");
    }

    @Test
    void onlyPendingRequestsOfMyOwnLoopsAreServed() {
        Team mine = requests.team("Next mine");
        Team theirs = requests.team("Next theirs");
        requests.create(theirs.owner(), theirs.loopId(), Bodies.request("priority", "critical"));
        String taken = createAged(mine, "critical");
        Person colleague = server.newPerson("Colleague");
        server.join(mine.owner(), mine.loopId(), colleague);
        assertThat(requests.claim(colleague, taken).status()).isEqualTo(200);
        String cancelled = createAged(mine, "high");
        requests.cancel(mine.owner(), cancelled);
        String open = createAged(mine, "low");

        ApiResponse next = claimNext(mine.reviewer());

        assertThat(next.status()).as(next.text()).isEqualTo(200);
        assertThat(next.data().path("request_id").asText()).isEqualTo(open);
        assertThat(claimNext(mine.reviewer()).status()).isEqualTo(404);
    }

    @Test
    void reviewersAskingAtOnceEachGetADifferentRequest() throws Exception {
        Team team = requests.team("Next at once");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            created.add(requests.create(team.owner(), team.loopId(), Bodies.request()));
        }
        List<Person> reviewers = new ArrayList<>(List.of(team.reviewer()));
        for (int i = 1; i < 8; i++) {
            Person reviewer = server.newPerson("Next reviewer " + i);
            server.join(team.owner(), team.loopId(), reviewer);
            reviewers.add(reviewer);
        }

        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> calls = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Person reviewer : reviewers) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return claimNext(reviewer);
                }));
            }
        }
        go.countDown();

        List<String> won = new ArrayList<>();
        int empty = 0;
        for (Future<ApiResponse> call : calls) {
            ApiResponse answer = call.get(30, TimeUnit.SECONDS);
            if (answer.status() == 404) {
                empty++;
            } else {
                assertThat(answer.status()).as(answer.text()).isEqualTo(200);
                won.add(answer.data().path("request_id").asText());
            }
        }
        assertThat(won).doesNotHaveDuplicates().hasSize(12);
        assertThat(Set.copyOf(won)).isEqualTo(created);
        assertThat(empty).isEqualTo(4);
        for (String id : won) {
            long claims = 0;
            for (var event : requests.events(team.owner(), id)) {
                claims += event.path("action").asText().equals("claimed") ? 1 : 0;
            }
            assertThat(claims).as("claimed events of %s", id).isEqualTo(1);
        }
    }

    /** Creates a request of this priority, a minute after the one before it. */
    private String createAged(Team team, String priority) {
        server.clock().advance(Duration.ofMinutes(1));
        return requests.create(team.owner(), team.loopId(), Bodies.request("priority", priority));
    }

    private ApiResponse claimNext(Person reviewer) {
        return server.post("/v1/api/queue/claim", reviewer.apiKey(), Map.of());
    }
}
