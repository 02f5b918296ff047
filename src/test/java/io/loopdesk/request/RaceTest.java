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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Actors racing over one request (SPEC 1): exactly one wins, the others are told the status
 * that won, and the request's fields always agree with its final state.
 */
class RaceTest {

    private final TestServer server = TestServer.get();
    private final Requests requests = new Requests(server);
    private final ExecutorService pool = Executors.newFixedThreadPool(64);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void ofTwentyConcurrentCancelsExactlyOneSucceeds() throws Exception {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(10));
        String loopId = server.newLoop(owner, "Stampede");
        String id = requests.create(owner, loopId, Bodies.request());

        List<ApiResponse> answers = all(20, () -> requests.cancel(owner, id));

        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
        for (ApiResponse answer : answers) {
            if (answer.status() != 200) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(400);
                assertThat(answer.msg()).isEqualTo("Request cannot be cancelled in current state");
                assertThat(answer.data().path("status").asText()).isEqualTo("cancelled");
            }
        }
        assertThat(requests.events(owner, id)).extracting(e -> e.path("action").asText())
                .containsExactly("created", "cancelled");
        assertThat(server.get("/v1/test", owner.apiKey()).data().path("rate_limit")
                .path("remaining").asInt()).as("the unit is refunded once").isEqualTo(10);
    }

    @Test
    void cancelAgainstRespondEndsInExactlyOneConsistentStateFiftyTimesOver() throws Exception {
        Team team = requests.team("Cancel or answer");
        int completed = 0;
        int cancelled = 0;
        for (int round = 0; round < 50; round++) {
            String id = requests.create(team.owner(), team.loopId(), Bodies.request());
            boolean startsClaimed = round % 2 == 1;
            if (startsClaimed) {
                assertThat(requests.claim(team.reviewer(), id).status()).isEqualTo(200);
            }

            List<ApiResponse> answers = together(
                    () -> requests.cancel(team.owner(), id),
                    () -> requests.respond(team.reviewer(), id, "approve"));
            ApiResponse cancel = answers.get(0);
            ApiResponse respond = answers.get(1);

            JsonNode stored = requests.read(team.owner(), id);
            String status = stored.path("status").asText();
            assertThat(status).as("round %d", round).isIn("completed", "cancelled");
            if (status.equals("completed")) {
                completed++;
                assertThat(respond.status()).as(respond.text()).isEqualTo(200);
                assertThat(cancel.status()).as(cancel.text()).isEqualTo(400);
                assertThat(cancel.data().path("status").asText()).isEqualTo("completed");
                assertThat(stored.path("response_data").asText()).isEqualTo("approve");
                assertThat(stored.path("response_by").asText()).isEqualTo(team.reviewer().id());
                assertThat(stored.path("response_source").asText()).isEqualTo("reviewer");
                assertThat(stored.path("cancelled_at").isNull()).isTrue();
                assertThat(stored.path("cancel_reason").isNull()).isTrue();
            } else {
                cancelled++;
                assertThat(cancel.status()).as(cancel.text()).isEqualTo(200);
                assertThat(cancel.data().path("refund_info").path("refunded").asBoolean())
                        .isEqualTo(!startsClaimed);
                assertThat(respond.status()).as(respond.text()).isEqualTo(409);
                assertThat(respond.data().path("status").asText()).isEqualTo("cancelled");
                assertThat(stored.path("cancelled_at").isNull()).isFalse();
                assertThat(stored.path("response_data").isNull()).isTrue();
                assertThat(stored.path("response_by").isNull()).isTrue();
                assertThat(stored.path("response_at").isNull()).isTrue();
                assertThat(stored.path("response_source").isNull()).isTrue();
            }
            JsonNode events = requests.events(team.owner(), id);
            assertThat(events).filteredOn(e -> e.path("action").asText().equals("cancelled")
                    || e.path("action").asText().equals("responded")).hasSize(1);
        }
        assertThat(completed + cancelled).isEqualTo(50);
    }

    @Test
    void timeoutAgainstRespondEndsInExactlyOneConsistentState() throws Exception {
        Team team = requests.team("Answer or time out");
        List<String> ids = new ArrayList<>();
        List<Instant> deadlines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = requests.create(team.owner(), team.loopId(), Bodies.timeSensitive(60));
            ids.add(id);
            deadlines.add(Instant.parse(requests.read(team.owner(), id).path("timeout_at")
                    .asText()));
        }
        // The deadlines spread over the time the creates took; put "now" in their middle so
        // that the answers and the timeouts meet around it.
        Instant now = server.clock().instant();
        server.clock().advance(Duration.between(now, deadlines.get(25)));

        AtomicBoolean sweeping = new AtomicBoolean(true);
        Future<?> sweeper = pool.submit(() -> {
            RequestService service = server.app().services().requests();
            while (sweeping.get()) {
                service.overdueIds(500).forEach(service::timeOut);
            }
        });
        List<Callable<ApiResponse>> answers = new ArrayList<>();
        ids.forEach(id -> answers.add(() -> requests.respond(team.reviewer(), id, "approve")));
        List<ApiResponse> responded = all(answers);
        sweeping.set(false);
        sweeper.get(10, TimeUnit.SECONDS);
        server.clock().advance(Duration.ofSeconds(61));

        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            ApiResponse respond = responded.get(i);
            Requests.waitUntil("request " + id + " is final",
                    () -> !requests.status(team.owner(), id).equals("pending"));
            JsonNode stored = requests.read(team.owner(), id);
            String status = stored.path("status").asText();
            assertThat(status).isIn("completed", "timeout");
            if (status.equals("completed")) {
                assertThat(respond.status()).as(respond.text()).isEqualTo(200);
                assertThat(stored.path("response_source").asText()).isEqualTo("reviewer");
                assertThat(stored.path("response_by").asText()).isEqualTo(team.reviewer().id());
                assertThat(Instant.parse(stored.path("response_at").asText()))
                        .isBefore(Instant.parse(stored.path("timeout_at").asText()));
            } else {
                assertThat(respond.status()).as(respond.text()).isEqualTo(409);
                assertThat(respond.data().path("status").asText()).isEqualTo("timeout");
                assertThat(stored.path("response_source").asText()).isEqualTo("timeout_default");
                assertThat(stored.path("response_data").asText()).isEqualTo("reject");
                assertThat(stored.path("response_by").isNull()).isTrue();
            }
            assertThat(stored.path("cancelled_at").isNull()).isTrue();
            assertThat(requests.events(team.owner(), id))
                    .filteredOn(e -> e.path("action").asText().equals("timed_out")
                            || e.path("action").asText().equals("responded")).hasSize(1);
        }
    }

    @Test
    void fiftyParallelCreatesMakeFiftyDistinctRequestsAndUseFiftyUnits() throws Exception {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(1000));
        String loopId = server.newLoop(owner, "Burst");

        List<ApiResponse> created = all(50, () -> server.post(
                "/v1/api/loops/" + loopId + "/requests", owner.apiKey(), Bodies.request()));

        Set<String> ids = new HashSet<>();
        for (ApiResponse answer : created) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            ids.add(answer.data().path("request_id").asText());
        }
        assertThat(ids).hasSize(50).allMatch(id -> id.matches("[0-9a-f]{24}"));
        assertThat(requests.count(owner)).isEqualTo(50);
        assertThat(server.get("/v1/test", owner.apiKey()).data().path("rate_limit")
                .path("remaining").asInt()).isEqualTo(950);
    }

    @Test
    void parallelCreatesNeverOvershootTheHourlyLimit() throws Exception {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(30));
        String loopId = server.newLoop(owner, "Over the limit");

        List<ApiResponse> created = all(50, () -> server.post(
                "/v1/api/loops/" + loopId + "/requests", owner.apiKey(), Bodies.request()));

        assertThat(created).extracting(ApiResponse::status).filteredOn(s -> s == 201).hasSize(30);
        assertThat(created).extracting(ApiResponse::status).filteredOn(s -> s == 429).hasSize(20);
        assertThat(requests.count(owner)).isEqualTo(30);
    }

    @Test
    void parallelRetriesWithOneIdempotencyKeyCreateOneRequestAndSpendOneUnit() throws Exception {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(100));
        String loopId = server.newLoop(owner, "Retries");
        Map<String, String> key = Map.of("Idempotency-Key", "retry-storm");

        List<ApiResponse> created = all(10, () -> server.send("POST",
                "/v1/api/loops/" + loopId + "/requests", owner.apiKey(), Bodies.request(), key));

        Set<String> ids = new HashSet<>();
        for (ApiResponse answer : created) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            ids.add(answer.data().path("request_id").asText());
        }
        assertThat(ids).hasSize(1);
        assertThat(created).filteredOn(a -> a.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(requests.count(owner)).isEqualTo(1);
        assertThat(server.get("/v1/test", owner.apiKey()).data().path("rate_limit")
                .path("remaining").asInt()).isEqualTo(99);
    }

    @Test
    void parallelRetriesWithOneIdempotencyKeyOnAUsedUpKeyAreAllRefusedWith429() throws Exception {
        // Each retry's insert waits on the one before, whose commit fails for the quota; the
        // waiters can deadlock on the same key, and must still answer 429.
        RetryStorm storm = retryStormAfterOneCreate(1);

        for (ApiResponse answer : storm.answers()) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(429);
            assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(answer.data().path("remaining").asInt()).isZero();
        }
        assertThat(requests.count(storm.owner())).isEqualTo(1);
    }

    @Test
    void parallelRetriesForTheLastUnitOfTheHourAllAnswerWithTheOneRequest() throws Exception {
        RetryStorm storm = retryStormAfterOneCreate(2);

        Set<String> ids = new HashSet<>();
        for (ApiResponse answer : storm.answers()) {
            assertThat(answer.status()).as(answer.text()).isEqualTo(201);
            ids.add(answer.data().path("request_id").asText());
        }
        assertThat(ids).hasSize(1);
        assertThat(requests.count(storm.owner())).isEqualTo(2);
    }

    private record RetryStorm(Person owner, List<ApiResponse> answers) {
    }

    /** A key allowed {@code hourlyLimit} creates makes one, then 30 retries of one more. */
    private RetryStorm retryStormAfterOneCreate(int hourlyLimit) throws Exception {
        requests.keepWithinOneQuotaHour();
        Person owner = server.newPerson("Owner", Permission.all(), Optional.of(hourlyLimit));
        String path = "/v1/api/loops/" + server.newLoop(owner, "Retry storm") + "/requests";
        assertThat(server.post(path, owner.apiKey(), Bodies.request()).status()).isEqualTo(201);
        Map<String, String> key = Map.of("Idempotency-Key", "retry-storm-" + hourlyLimit);
        return new RetryStorm(owner, all(30, () -> server.send("POST", path, owner.apiKey(),
                Bodies.request(), key)));
    }

    @Test
    void ofTwoReviewersClaimingAtOnceExactlyOneGetsTheRequest() throws Exception {
        Team team = requests.team("Claim race");
        Person second = server.newPerson("Second Reviewer");
        server.join(team.owner(), team.loopId(), second);
        for (int round = 0; round < 20; round++) {
            String id = requests.create(team.owner(), team.loopId(), Bodies.request());

            List<ApiResponse> answers = together(() -> requests.claim(team.reviewer(), id),
                    () -> requests.claim(second, id));

            assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(1);
            ApiResponse loser = answers.stream().filter(a -> a.status() != 200).findFirst()
                    .orElseThrow();
            assertThat(loser.status()).as(loser.text()).isEqualTo(409);
            assertThat(loser.msg()).isEqualTo("Request is already claimed by another reviewer");
            assertThat(loser.data().path("status").asText()).isEqualTo("claimed");
            String winner = answers.get(0).status() == 200 ? team.reviewer().id() : second.id();
            assertThat(requests.read(team.owner(), id).path("claimed_by").asText())
                    .isEqualTo(winner);
        }
    }

    /** Runs the same call {@code times} times at once. */
    private List<ApiResponse> all(int times, Callable<ApiResponse> call) throws Exception {
        List<Callable<ApiResponse>> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(call);
        }
        return all(calls);
    }

    @SafeVarargs
    private List<ApiResponse> together(Callable<ApiResponse>... calls) throws Exception {
        return all(List.of(calls));
    }

    /** Starts every call at the same instant and returns their answers in order. */
    private List<ApiResponse> all(List<Callable<ApiResponse>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiResponse>> futures = new ArrayList<>();
        for (Callable<ApiResponse> call : calls) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        ready.await(10, TimeUnit.SECONDS);
        go.countDown();
        List<ApiResponse> answers = new ArrayList<>();
        for (Future<ApiResponse> future : futures) {
            answers.add(future.get(30, TimeUnit.SECONDS));
        }
        return answers;
    }
}
