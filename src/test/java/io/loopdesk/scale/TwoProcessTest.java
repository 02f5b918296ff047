package io.loopdesk.scale;

import static io.loopdesk.db.schema.Tables.QUOTA_USAGE;
import static io.loopdesk.db.schema.Tables.REQUEST_EVENT;
import static io.loopdesk.db.schema.Tables.REQUEST_TALLY;
import static io.loopdesk.db.schema.Tables.REVIEW_REQUEST;
import static io.loopdesk.db.schema.Tables.WEBHOOK_ATTEMPT;
import static io.loopdesk.db.schema.Tables.WEBHOOK_DELIVERY;
import static io.loopdesk.db.schema.Tables.WEBHOOK_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.account.AccountService;
import io.loopdesk.account.ApiKeyRepository;
import io.loopdesk.account.IssuedKey;
import io.loopdesk.account.Permission;
import io.loopdesk.account.SessionRepository;
import io.loopdesk.db.schema.tables.records.RequestEventRecord;
import io.loopdesk.db.schema.tables.records.ReviewRequestRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Two server JVMs on one database, with a load spread over both: creates, cancels one by one
 * and by filter, claims that are answered or left to lapse, priority changes, deadlines that
 * pass (the sweepers of both processes race for them) and webhooks sent by the delivery
 * workers of both. Afterwards every invariant of the service must hold.
 */
class TwoProcessTest {

    private static final int REQUESTS = 160;
    private static final int REVIEWERS = 4;
    private static final Duration TURMOIL = Duration.ofSeconds(6);
    private static final List<String> ALL_EVENTS = List.of("request.created", "request.claimed",
            "request.released", "request.completed", "request.timeout", "request.cancelled");
    private static final Map<String, String> WEBHOOK_EVENT_OF = Map.of(
            "created", "request.created", "claimed", "request.claimed",
            "released", "request.released", "lease_expired", "request.released",
            "claim_revoked", "request.released", "responded", "request.completed",
            "timed_out", "request.timeout", "cancelled", "request.cancelled");

    private record Person(String id, String apiKey, String keyId) {
    }

    @Test
    void twoServerProcessesOnOneDatabaseKeepEveryInvariant() throws Exception {
        Map<String, String> env = Map.of(
                "ALLOW_PRIVATE_WEBHOOKS", "true",
                "SWEEP_INTERVAL_MS", "200",
                "CLAIM_LEASE_SECONDS", "1",
                "WEBHOOK_POLL_INTERVAL_MS", "100",
                "HOURLY_QUOTA", "100000");
        try (Cluster cluster = Cluster.start(2, env); HookReceiver hooks = new HookReceiver()) {
            DSLContext db = cluster.database().dsl();
            AccountService accounts = new AccountService(new AccountRepository(db),
                    new ApiKeyRepository(db), new SessionRepository(db), Clock.systemUTC());
            Traffic traffic = new Traffic(cluster);
            Person customer = person(accounts, "customer");
            List<Person> reviewers = new ArrayList<>();
            for (int i = 0; i < REVIEWERS; i++) {
                reviewers.add(person(accounts, "reviewer" + i));
            }
            String loop = loop(traffic, customer, reviewers, "Moderation");
            String bulkLoop = loop(traffic, customer, reviewers, "Bulk");
            traffic.send("POST", "/v1/api/webhooks", customer.apiKey(), Map.of(
                    "url", hooks.url("/endpoint"), "events", ALL_EVENTS), Set.of(201));

            List<String> ids = create(traffic, customer, loop, REQUESTS, hooks);
            create(traffic, customer, bulkLoop, REQUESTS / 4, hooks);
            turmoil(traffic, db, customer, reviewers, ids, bulkLoop);
            cancelWhateverIsOpen(traffic, customer, List.of(loop, bulkLoop));
            awaitWebhooks(db, customer, hooks, cluster);

            String context = cluster.logs();
            assertThat(traffic.problems()).as("unexpected answers%s", context).isEmpty();
            assertThat(traffic.callsPerServer()).as("both servers took traffic").hasSize(2);
            everyRequestEndedInOneFinalStateWithAgreeingFields(db, customer);
            everyHistoryIsOneUnbrokenChain(db, customer, traffic);
            quotaIsCreatedMinusRefunded(db, customer);
            talliesMatchTheRequests(db, customer);
            everyEventWasDeliveredExactlyOnce(db, customer, hooks);
        }
    }

    // ---- arrange ----------------------------------------------------------------------------

    private static Person person(AccountService accounts, String name) {
        var account = accounts.signUp(name + "." + UUID.randomUUID() + "@scale.test", name,
                "scale test password " + UUID.randomUUID());
        IssuedKey key = accounts.createApiKey(account.id(), "scale", Permission.all(),
                Optional.empty());
        return new Person(account.id(), key.secret(), key.key().id());
    }

    private static String loop(Traffic traffic, Person owner, List<Person> reviewers,
                               String name) {
        JsonNode created = traffic.send("POST", "/v1/api/loops", owner.apiKey(),
                Map.of("name", name), Set.of(201)).data();
        for (Person reviewer : reviewers) {
            traffic.send("POST", "/v1/api/loops/join", reviewer.apiKey(),
                    Map.of("invite_code", created.path("invite_code").asText()), Set.of(200));
        }
        return created.path("loop").path("id").asText();
    }

    private static List<String> create(Traffic traffic, Person customer, String loop, int count,
                                       HookReceiver hooks) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        parallel(8, i -> {
            for (int n = i; n < count; n += 8) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("processing_type", "deferred");
                body.put("type", "markdown");
                body.put("priority", List.of("low", "medium", "high", "critical").get(n % 4));
                body.put("request_text", "Is comment " + n + " acceptable?");
                body.put("response_type", "single_select");
                body.put("response_config", Map.of("options", List.of("approve", "reject")));
                body.put("default_response", "reject");
                if (n % 3 == 0) {
                    body.put("callback_url", hooks.url("/callback"));
                }
                Traffic.Answer created = traffic.send("POST", "/v1/api/loops/" + loop
                        + "/requests", customer.apiKey(), body, Set.of(201));
                ids.add(created.data().path("request_id").asText());
            }
        });
        return List.copyOf(ids);
    }

    // ---- act --------------------------------------------------------------------------------

    /** Everything at once, against both servers, for a few seconds. */
    private static void turmoil(Traffic traffic, DSLContext db, Person customer,
                                List<Person> reviewers, List<String> ids, String bulkLoop)
            throws Exception {
        long until = System.nanoTime() + TURMOIL.toNanos();
        parallel(REVIEWERS + 4, worker -> {
            if (worker < REVIEWERS) {
                review(traffic, reviewers.get(worker), until);
            } else if (worker < REVIEWERS + 2) {
                cancelOrAdjust(traffic, customer, ids, until);
            } else if (worker == REVIEWERS + 2) {
                passDeadlines(db, ids, until);
            } else {
                // The bulk cancel lands amid the turmoil: once reviewers are busy claiming, or
                // when the turmoil ends without them.
                try {
                    await().atMost(Duration.ofNanos(Math.max(1, until - System.nanoTime())))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> traffic.claimsWonSoFar() >= REVIEWERS);
                } catch (ConditionTimeoutException notBusyYet) {
                    // sent all the same
                }
                traffic.send("POST", "/v1/api/requests/cancel", customer.apiKey(), Map.of(
                        "filter", Map.of("loop_id", bulkLoop, "status", "pending",
                                "created_before", Instant.now().toString())), Set.of(200));
            }
        });
    }

    /**
     * Claims what the queue offers, half the time by picking from the queue and half by claim
     * next; answers most, leaves the rest for the lease to lapse.
     */
    private static void review(Traffic traffic, Person me, long until) {
        while (System.nanoTime() < until) {
            if (ThreadLocalRandom.current().nextBoolean()) {
                var next = traffic.send("POST", "/v1/api/queue/claim", me.apiKey(), null,
                        Set.of(200, 404));
                if (next.status() == 404) {
                    pace(50);
                } else {
                    answerMostOf(traffic, me, next.data().path("request_id").asText());
                }
                continue;
            }
            List<String> pending = new ArrayList<>();
            for (JsonNode item : traffic.send("GET", "/v1/api/queue", me.apiKey(), null,
                    Set.of(200)).data().path("requests")) {
                if ("pending".equals(item.path("status").asText())) {
                    pending.add(item.path("id").asText());
                }
            }
            if (pending.isEmpty()) {
                pace(50);
                continue;
            }
            String id = pending.get(ThreadLocalRandom.current().nextInt(pending.size()));
            int claimed = traffic.send("POST", "/v1/api/requests/" + id + "/claim", me.apiKey(),
                    null, Set.of(200, 409)).status();
            if (claimed == 200) {
                answerMostOf(traffic, me, id);
            }
        }
    }

    private static void answerMostOf(Traffic traffic, Person me, String claimedId) {
        traffic.claimWon(claimedId);
        if (ThreadLocalRandom.current().nextInt(10) < 7) {
            traffic.send("POST", "/v1/api/requests/" + claimedId + "/respond", me.apiKey(),
                    Map.of("response_data", "approve"), Set.of(200, 409));
        }
    }

    private static void cancelOrAdjust(Traffic traffic, Person customer, List<String> ids,
                                       long until) {
        while (System.nanoTime() < until) {
            String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            if (ThreadLocalRandom.current().nextBoolean()) {
                traffic.send("DELETE", "/v1/api/requests/" + id, customer.apiKey(), null,
                        Set.of(200, 400));
            } else {
                String priority = List.of("low", "medium", "high", "critical")
                        .get(ThreadLocalRandom.current().nextInt(4));
                traffic.send("PATCH", "/v1/api/requests/" + id, customer.apiKey(),
                        Map.of("priority", priority), Set.of(200, 400, 409));
            }
            pace(20);
        }
    }

    /**
     * Time passes faster here than on the clock: deadlines of a few open requests at a time are
     * moved into the past, so that both processes' sweepers race each other and the reviewers.
     */
    private static void passDeadlines(DSLContext db, List<String> ids, long until) {
        while (System.nanoTime() < until) {
            List<String> some = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                some.add(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
            }
            db.update(REVIEW_REQUEST)
                    .set(REVIEW_REQUEST.TIMEOUT_AT, Instant.now().minusSeconds(1))
                    .where(REVIEW_REQUEST.ID.in(some)
                            .and(REVIEW_REQUEST.STATUS.in("pending", "claimed")))
                    .execute();
            pace(300);
        }
    }

    private static void cancelWhateverIsOpen(Traffic traffic, Person customer,
                                             List<String> loops) {
        Instant now = Instant.now().plusMillis(1);
        for (String loop : loops) {
            traffic.send("POST", "/v1/api/requests/cancel", customer.apiKey(), Map.of(
                    "filter", Map.of("loop_id", loop, "created_before", now.toString()),
                    "reason", "test over"), Set.of(200));
        }
    }

    /**
     * Waits for every delivery to arrive. An attempt that fails on a machine this busy (a send
     * cut at its time-out) is retried after 15 s, so the wait allows for a retry or two.
     */
    private static void awaitWebhooks(DSLContext db, Person customer, HookReceiver hooks,
                                      Cluster cluster) {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        int total = db.fetchCount(WEBHOOK_DELIVERY,
                                WEBHOOK_DELIVERY.ACCOUNT_ID.eq(customer.id()));
                        int open = db.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ACCOUNT_ID
                                .eq(customer.id()).and(WEBHOOK_DELIVERY.STATUS.ne("delivered")));
                        return total > 0 && open == 0 && hooks.calls().size() >= total;
                    });
            return;
        } catch (ConditionTimeoutException e) {
            // what is still open is reported below
        }
        var open = db.select(WEBHOOK_DELIVERY.STATUS, DSL.count()).from(WEBHOOK_DELIVERY)
                .where(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(customer.id()))
                .groupBy(WEBHOOK_DELIVERY.STATUS).fetchMap(r -> r.value1(), r -> r.value2());
        var errors = db.select(WEBHOOK_ATTEMPT.STATUS_CODE, WEBHOOK_ATTEMPT.ERROR)
                .from(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.ERROR.isNotNull()).limit(10).fetch();
        throw new AssertionError("webhook deliveries did not finish within 90 s: deliveries "
                + open + ", calls received " + hooks.calls().size() + ", failed attempts "
                + errors + "\n" + cluster.logs());
    }

    // ---- invariants -------------------------------------------------------------------------

    private static void everyRequestEndedInOneFinalStateWithAgreeingFields(DSLContext db,
                                                                           Person customer) {
        List<ReviewRequestRecord> rows = requests(db, customer);
        assertThat(rows).hasSize(REQUESTS + REQUESTS / 4);
        Map<String, Long> byStatus = rows.stream().collect(Collectors.groupingBy(
                ReviewRequestRecord::getStatus, Collectors.counting()));
        assertThat(byStatus.keySet()).as("only final statuses: %s", byStatus)
                .isSubsetOf("completed", "timeout", "cancelled");
        assertThat(byStatus).as("the load reached every final state: %s", byStatus)
                .containsKeys("completed", "timeout", "cancelled");
        for (ReviewRequestRecord r : rows) {
            String what = r.getId() + " " + r.getStatus();
            assertThat(r.getClaimExpiresAt()).as(what).isNull();
            switch (r.getStatus()) {
                case "completed" -> {
                    assertThat(r.getResponseSource()).as(what).isEqualTo("reviewer");
                    assertThat(r.getResponseBy()).as(what).isNotNull();
                    assertThat(r.getResponseAt()).as(what).isNotNull();
                    assertThat(r.getResponseData()).as(what).isEqualTo("\"approve\"");
                    assertThat(r.getCancelledAt()).as(what).isNull();
                }
                case "timeout" -> {
                    assertThat(r.getResponseSource()).as(what).isEqualTo("timeout_default");
                    assertThat(r.getResponseData()).as(what).isEqualTo(r.getDefaultResponse());
                    assertThat(r.getResponseBy()).as(what).isNull();
                    assertThat(r.getCancelledAt()).as(what).isNull();
                }
                default -> {
                    assertThat(r.getCancelledAt()).as(what).isNotNull();
                    assertThat(r.getResponseSource()).as(what).isNull();
                    assertThat(r.getResponseData()).as(what).isNull();
                }
            }
        }
    }

    /**
     * Each history starts with its creation; every event starts where the one before ended and
     * the last ends where the request is; one event per version. A lost, duplicated or doubled
     * transition (two claims at once, say) breaks the chain. Every claim the API granted is
     * in it, and every answer came from the reviewer who held the request.
     */
    private static void everyHistoryIsOneUnbrokenChain(DSLContext db, Person customer,
                                                       Traffic traffic) {
        Map<String, List<RequestEventRecord>> histories = histories(db, customer);
        int claimed = 0;
        for (ReviewRequestRecord r : requests(db, customer)) {
            List<RequestEventRecord> history = histories.getOrDefault(r.getId(), List.of());
            String what = r.getId() + " " + describe(history);
            assertThat(history).as(what).isNotEmpty();
            assertThat(history.get(0).getAction()).as(what).isEqualTo("created");
            assertThat(history.get(0).getFromStatus()).as(what).isNull();
            String holder = null;
            for (int i = 1; i < history.size(); i++) {
                RequestEventRecord e = history.get(i);
                assertThat(e.getFromStatus()).as(what)
                        .isEqualTo(history.get(i - 1).getToStatus());
                if (e.getAction().equals("claimed")) {
                    holder = e.getActorId();
                } else if (e.getAction().equals("responded")) {
                    assertThat(e.getActorId()).as(what).isEqualTo(r.getResponseBy());
                    if (e.getFromStatus().equals("claimed")) {
                        assertThat(e.getActorId()).as(what).isEqualTo(holder);
                    }
                }
            }
            assertThat(history.get(history.size() - 1).getToStatus()).as(what)
                    .isEqualTo(r.getStatus());
            assertThat(history).as(what).hasSize(r.getVersion());
            long claims = history.stream().filter(e -> e.getAction().equals("claimed")).count();
            assertThat(claims).as(what).isEqualTo(traffic.claimsWon(r.getId()));
            claimed += (int) claims;
        }
        assertThat(claimed).as("reviewers won some claims").isPositive();
    }

    /** Use per key and hour equals the requests created in it minus the pending ones cancelled. */
    private static void quotaIsCreatedMinusRefunded(DSLContext db, Person customer) {
        Map<Instant, Integer> expected = new HashMap<>();
        Map<String, List<RequestEventRecord>> histories = histories(db, customer);
        for (ReviewRequestRecord r : requests(db, customer)) {
            boolean refunded = histories.get(r.getId()).stream().anyMatch(e ->
                    e.getAction().equals("cancelled") && e.getFromStatus().equals("pending"));
            expected.merge(r.getQuotaHour(), refunded ? 0 : 1, Integer::sum);
        }
        Map<Instant, Integer> used = db.selectFrom(QUOTA_USAGE)
                .where(QUOTA_USAGE.API_KEY_ID.eq(customer.keyId()))
                .fetchMap(QUOTA_USAGE.HOUR_START, QUOTA_USAGE.USED);
        assertThat(used).isEqualTo(expected);
    }

    private static void talliesMatchTheRequests(DSLContext db, Person customer) {
        Map<String, Integer> counted = new HashMap<>();
        requests(db, customer).forEach(r -> counted.merge(r.getLoopId() + " " + r.getStatus()
                + " " + r.getPriorityRank(), 1, Integer::sum));
        Map<String, Integer> tallied = new HashMap<>();
        db.select(REQUEST_TALLY.LOOP_ID, REQUEST_TALLY.STATUS, REQUEST_TALLY.PRIORITY_RANK,
                        DSL.sum(REQUEST_TALLY.REQUESTS))
                .from(REQUEST_TALLY).where(REQUEST_TALLY.ACCOUNT_ID.eq(customer.id()))
                .groupBy(REQUEST_TALLY.LOOP_ID, REQUEST_TALLY.STATUS, REQUEST_TALLY.PRIORITY_RANK)
                .forEach(r -> {
                    if (r.value4().intValue() != 0) {
                        tallied.put(r.value1() + " " + r.value2() + " " + r.value3(),
                                r.value4().intValue());
                    }
                });
        assertThat(tallied).isEqualTo(counted);
    }

    /**
     * One outbox event per webhook-worthy transition, in order; each delivered once to the
     * endpoint (and once to the callback URL where the request has one); both processes'
     * delivery workers took part.
     */
    private static void everyEventWasDeliveredExactlyOnce(DSLContext db, Person customer,
                                                          HookReceiver hooks) {
        Map<String, List<RequestEventRecord>> histories = histories(db, customer);
        Map<String, List<String>> outbox = new HashMap<>();
        Map<String, String> requestOfEvent = new HashMap<>();
        db.selectFrom(WEBHOOK_EVENT).where(WEBHOOK_EVENT.ACCOUNT_ID.eq(customer.id()))
                .orderBy(WEBHOOK_EVENT.REQUEST_ID, WEBHOOK_EVENT.REQUEST_SEQ)
                .forEach(e -> {
                    outbox.computeIfAbsent(e.getRequestId(), k -> new ArrayList<>())
                            .add(e.getEvent());
                    requestOfEvent.put(e.getId(), e.getRequestId());
                });
        Set<String> withCallback = requests(db, customer).stream()
                .filter(r -> r.getCallbackUrl() != null).map(ReviewRequestRecord::getId)
                .collect(Collectors.toSet());
        int expectedCallbacks = 0;
        for (Map.Entry<String, List<RequestEventRecord>> h : histories.entrySet()) {
            List<String> wanted = h.getValue().stream().map(e -> WEBHOOK_EVENT_OF.get(
                    e.getAction())).filter(Objects::nonNull).toList();
            assertThat(outbox.get(h.getKey())).as(h.getKey()).isEqualTo(wanted);
            expectedCallbacks += withCallback.contains(h.getKey()) ? wanted.size() : 0;
        }

        Map<String, Long> atEndpoint = calls(hooks, "/endpoint");
        assertThat(atEndpoint.keySet()).isEqualTo(requestOfEvent.keySet());
        assertThat(atEndpoint.values()).containsOnly(1L);
        Map<String, Long> atCallback = calls(hooks, "/callback");
        assertThat(atCallback).hasSize(expectedCallbacks);
        assertThat(atCallback.values()).containsOnly(1L);
        assertThat(atCallback.keySet()).allMatch(id -> withCallback.contains(
                requestOfEvent.get(id)));

        List<String> workers = db.selectDistinct(WEBHOOK_ATTEMPT.WORKER).from(WEBHOOK_ATTEMPT)
                .join(WEBHOOK_DELIVERY).on(WEBHOOK_DELIVERY.ID.eq(WEBHOOK_ATTEMPT.DELIVERY_ID))
                .where(WEBHOOK_DELIVERY.ACCOUNT_ID.eq(customer.id()))
                .fetch(WEBHOOK_ATTEMPT.WORKER);
        assertThat(workers).as("both delivery workers sent some").hasSize(2);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static List<ReviewRequestRecord> requests(DSLContext db, Person customer) {
        return db.selectFrom(REVIEW_REQUEST).where(REVIEW_REQUEST.ACCOUNT_ID.eq(customer.id()))
                .fetch();
    }

    private static Map<String, List<RequestEventRecord>> histories(DSLContext db,
                                                                   Person customer) {
        return db.select(REQUEST_EVENT.fields()).from(REQUEST_EVENT)
                .join(REVIEW_REQUEST).on(REVIEW_REQUEST.ID.eq(REQUEST_EVENT.REQUEST_ID))
                .where(REVIEW_REQUEST.ACCOUNT_ID.eq(customer.id()))
                .orderBy(REQUEST_EVENT.ID)
                .fetchInto(REQUEST_EVENT)
                .stream().collect(Collectors.groupingBy(RequestEventRecord::getRequestId,
                        LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<String, Long> calls(HookReceiver hooks, String path) {
        return hooks.calls().stream().filter(c -> c.path().equals(path))
                .collect(Collectors.groupingBy(HookReceiver.Call::deliveryId,
                        Collectors.counting()));
    }

    private static String describe(List<RequestEventRecord> history) {
        return history.stream().map(e -> e.getAction() + "(" + e.getFromStatus() + "→"
                + e.getToStatus() + ")").collect(Collectors.joining(" "));
    }

    private interface Work {
        void run(int worker) throws Exception;
    }

    private static void parallel(int workers, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                int worker = i;
                done.add(pool.submit(() -> {
                    work.run(worker);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Spaces out a load loop's calls; nothing waits on a condition this way. */
    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
