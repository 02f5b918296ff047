package io.loopdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.bench.Benchmark.Options;
import io.loopdesk.bench.Fixture.Person;
import io.loopdesk.bench.HttpConnection.Answer;
import io.loopdesk.account.Secrets;
import io.loopdesk.bench.Load.Outcome;
import io.loopdesk.db.Database;
import io.loopdesk.web.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** The scenarios of a run, in the order they run, each adding its rows to the report. */
final class Scenarios {

    private static final Duration UNBOUNDED = Duration.ofMinutes(30);
    private static final int PAGE_SIZE = 25;
    private static final byte[] ANSWER =
            "{\"response_data\":\"approve\"}".getBytes(StandardCharsets.UTF_8);

    private final Options o;
    private final ServerProcess server;
    private final Database database;
    private final Report report;
    private final PrintStream progress;
    private final Path work;
    private final Fixture fixture;
    private final int port;
    private final long databasePid = CpuMeter.databasePid();
    private double httpFloor;
    private double insertFloor;
    private double updateFloor;

    Scenarios(Options o, ServerProcess server, Database database, Report report,
              PrintStream progress, Path work) {
        this.o = o;
        this.server = server;
        this.database = database;
        this.report = report;
        this.progress = progress;
        this.work = work;
        this.port = server.port();
        this.fixture = new Fixture(database.dsl(), port);
    }

    void runAll() {
        Person lister = fixture.person("Lister");
        List<String> listLoops = loadHistory(lister);
        if (o.runs("floors") || o.runs("api")) {
            httpFloor();
            settle();
            dbFloors();
        }
        if (o.runs("api")) {
            settle();
            createReadCancel();
        }
        if (o.runs("filter")) {
            settle();
            cancelByFilter();
        }
        if (o.runs("claims")) {
            settle();
            claims();
        }
        if (o.runs("lists")) {
            settle();
            lists(lister, listLoops);
        }
    }

    // ---- data -------------------------------------------------------------------------------

    /** The account whose history is listed: {@code rows} requests over ten loops and a year. */
    private List<String> loadHistory(Person lister) {
        List<String> loops = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            loops.add(fixture.loop(lister, "History " + i)[0]);
        }
        Person reviewer = fixture.person("History Reviewer");
        long began = System.nanoTime();
        step("loading %,d requests into one account", o.rows());
        Instant now = Instant.now();
        new BulkLoad(database.dataSource(), 2).load(lister.id(), loops, reviewer.id(), o.rows(),
                BulkLoad.Mix.HISTORY, now.minus(Duration.ofDays(365)), now.minusSeconds(60));
        step("loaded in %.1f s", (System.nanoTime() - began) / 1e9);
        analyze();
        return loops;
    }

    private void analyze() {
        sql(c -> {
            try (var st = c.createStatement()) {
                st.execute("ANALYZE TABLE review_request");
            }
            return null;
        });
    }

    // ---- floors -----------------------------------------------------------------------------

    private void httpFloor() {
        step("HTTP floor");
        try (ServerProcess floor = ServerProcess.start("http-floor", HttpFloor.class.getName(),
                Benchmark.deployedJvmOptions(o), Map.of(), work.resolve("floor.log"))) {
            floor.awaitHealthy(HttpFloor.PATH, Duration.ofSeconds(60));
            Load.Result r = Load.run(o.clients(), o.warmUp(), o.measured(),
                    new CpuMeter().watch("server", floor.pid()).watch("driver", SELF),
                    i -> Api.client(Api.anonymous(floor.port()),
                            api -> api.outcome(api.get(HttpFloor.PATH), 200)));
            httpFloor = r.throughput();
            report.add("HTTP floor: bare Javalin GET", o.clients(), r, "req/s", null, "", null);
        }
    }

    private void dbFloors() {
        DbFloor floor = new DbFloor(database.dataSource(), meter());
        step("database floors: insert, update, read");
        Load.Result insert = floor.insert(o.clients(), o.warmUp(), o.measured());
        insertFloor = insert.throughput();
        report.add("DB floor: single-row INSERT", o.clients(), insert, "rows/s", null, "", null);
        Load.Result update = floor.update(o.clients(), o.warmUp(), o.measured());
        updateFloor = update.throughput();
        report.add("DB floor: single-row UPDATE", o.clients(), update, "rows/s", null, "", null);
        Load.Result read = floor.read(o.clients(), o.warmUp(), o.measured());
        report.add("DB floor: single-row SELECT", o.clients(), read, "rows/s", null, "", null);
        // Not floors but bounds: the writes SPEC 2 requires of one create and of one cancel,
        // with nothing else around them. Their ratio is the most that call could reach.
        step("database bounds: a create's and a cancel's least writes, one transaction each");
        Load.Result create = floor.createTransaction(o.clients(), o.warmUp(), o.measured());
        report.add("DB bound: create's least writes, 1 tx", o.clients(), create, "tx/s",
                create.throughput() / insertFloor, "(the most POST create can reach)", null);
        Load.Result cancel = floor.cancelTransaction(o.clients(), o.warmUp(), o.measured());
        report.add("DB bound: cancel's least writes, 1 tx", o.clients(), cancel, "tx/s",
                cancel.throughput() / updateFloor, "(the most DELETE cancel can reach)", null);
    }

    // ---- the API's single-request paths -----------------------------------------------------

    private void createReadCancel() {
        Person customer = fixture.person("Customer");
        String loop = fixture.loop(customer, "Moderation")[0];
        byte[] body = createBody();
        String path = "/v1/api/loops/" + loop + "/requests";
        Queue created = new Queue();

        // A fresh JVM compiles its hot paths during the first tens of seconds of load, on the
        // same two cores; the measured runs should see the server as it runs from then on. Its
        // compiler threads get no more of the cores than any other runnable thread, so under 32
        // clients from the start they sometimes had not caught up by the end of the run, and
        // every call cost twice the CPU it costs once compiled. So the warm-up runs at a few
        // clients first, and at full load only at its end.
        Duration jitWarmUp = o.warmUp().multipliedBy(8);
        int fewClients = Math.min(4, o.clients());
        step("JIT warm-up: create, read and cancel for %d s by %d clients, then %d s by %d,"
                + " not measured", jitWarmUp.toSeconds() * 3 / 4, fewClients,
                jitWarmUp.toSeconds() / 4, o.clients());
        Queue warm = new Queue();
        IntFunction<Load.Client> warmWork = i -> Api.client(
                Api.withKey(port, customer.apiKey()), api -> {
                    Outcome made = warm.addFrom(api.post(path, body));
                    String id = warm.ids.poll();
                    if (made != Outcome.OK || id == null) {
                        return made;
                    }
                    api.get("/v1/api/requests/" + id);
                    return api.outcome(api.delete("/v1/api/requests/" + id), 200);
                });
        Load.run(fewClients, Duration.ZERO, jitWarmUp.multipliedBy(3).dividedBy(4), warmWork);
        Load.run(o.clients(), Duration.ZERO, jitWarmUp.dividedBy(4), warmWork);

        step("POST create");
        Resident resident = Resident.watch(server);
        Load.Result create = Load.run(o.clients(), o.warmUp(), o.measured(), meter(),
                i -> Api.client(Api.withKey(port, customer.apiKey()),
                        api -> created.addFrom(api.post(path, body))));
        double ratio = create.throughput() / insertFloor;
        report.add("POST create", o.clients(), create, "req/s", ratio,
                "≥ 50% of INSERT floor, p99 ≤ 30 ms",
                ratio >= 0.5 && p99(create) <= 30 && create.errors() == 0);

        step("GET one request");
        List<String> ids = List.copyOf(created.ids);
        Load.Result read = Load.run(o.clients(), o.warmUp(), o.measured(), meter(),
                i -> Api.client(Api.withKey(port, customer.apiKey()), api -> api.outcome(
                        api.get("/v1/api/requests/" + pick(ids)), 200)));
        ratio = read.throughput() / httpFloor;
        report.add("GET /v1/api/requests/{id}", o.clients(), read, "req/s", ratio,
                "≥ 60% of HTTP floor, p99 ≤ 20 ms",
                ratio >= 0.6 && p99(read) <= 20 && read.errors() == 0);

        step("more pending requests to cancel");
        Load.run(o.clients(), Duration.ZERO, o.warmUp().plus(o.measured()),
                i -> Api.client(Api.withKey(port, customer.apiKey()),
                        api -> created.addFrom(api.post(path, body))));
        step("DELETE cancel of pending requests (%,d available)", created.ids.size());
        Load.Result cancel = Load.run(o.clients(), o.warmUp(), o.measured(), meter(),
                i -> Api.client(Api.withKey(port, customer.apiKey()), api -> {
                    String id = created.ids.poll();
                    return id == null ? Outcome.DONE
                            : api.outcome(api.delete("/v1/api/requests/" + id), 200);
                }));
        long peakKib = resident.stop();
        ratio = cancel.throughput() / updateFloor;
        report.add("DELETE cancel (pending)", o.clients(), cancel, "req/s", ratio,
                "≥ 50% of UPDATE floor, p99 ≤ 30 ms",
                ratio >= 0.5 && p99(cancel) <= 30 && cancel.errors() == 0);
        double mib = peakKib / 1024.0;
        report.add(new Report.Row("server RSS, peak under create/cancel", o.clients(), mib,
                "MiB", Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, 0, null,
                "≤ 512 MiB",
                peakKib > 0 && mib <= 512));
    }

    private static byte[] createBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processing_type", "deferred");
        body.put("type", "markdown");
        body.put("priority", "medium");
        body.put("request_text", "Is this comment acceptable?\n\n> You are all wonderful");
        body.put("response_type", "single_select");
        body.put("response_config", Map.of("options", List.of("approve", "reject")));
        body.put("default_response", "reject");
        body.put("tags", List.of("bench"));
        return Json.write(body).getBytes(StandardCharsets.UTF_8);
    }

    /** Ids of created requests, read from 201 answers without parsing the whole body. */
    private static final class Queue {

        private static final String FIELD = "\"request_id\":\"";
        final ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();

        Outcome addFrom(Answer answer) {
            String id = answer.status() == 201 ? requestIdIn(answer.text()) : null;
            if (id == null) {
                return Outcome.ERROR;
            }
            ids.add(id);
            return Outcome.OK;
        }

        static String requestIdIn(String text) {
            int at = text.indexOf(FIELD);
            return at < 0 || text.length() < at + FIELD.length() + 24 ? null
                    : text.substring(at + FIELD.length(), at + FIELD.length() + 24);
        }
    }

    // ---- cancel by filter -------------------------------------------------------------------

    private void cancelByFilter() {
        Person customer = fixture.person("Bulk Customer");
        String loop = fixture.loop(customer, "To be cancelled")[0];
        byte[] body = createBody();
        String path = "/v1/api/loops/" + loop + "/requests";
        step("creating %,d pending requests through the API", o.filterCancel());
        AtomicInteger tickets = new AtomicInteger(o.filterCancel());
        Queue created = new Queue();
        Load.Result setup = Load.run(o.clients(), Duration.ZERO, UNBOUNDED,
                i -> Api.client(Api.withKey(port, customer.apiKey()), api ->
                        tickets.getAndDecrement() <= 0 ? Outcome.DONE
                                : created.addFrom(api.post(path, body))));
        if (setup.errors() > 0) {
            throw new IllegalStateException("creating the requests failed: " + setup.firstError());
        }
        Instant before = Instant.now().plusMillis(1);

        settle();
        step("cancel by filter");
        Map<String, Object> filter = Map.of("status", "pending", "loop_id", loop,
                "created_before", before.toString());
        Map<String, Object> call = Map.of("filter", filter, "reason", "benchmark");
        CpuMeter cpu = meter();
        Answer answer;
        long began;
        try (Api api = Api.withKey(port, customer.apiKey())) {
            cpu.start();
            began = System.nanoTime();
            answer = api.post("/v1/api/requests/cancel", call);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        cpu.stop();
        List<String> problems = checkCancelled(answer, customer, loop, created.ids.size());
        problems.forEach(p -> report.note("cancel by filter: " + p));
        double ms = seconds * 1000;
        String name = String.format("cancel by filter, %,d pending", created.ids.size());
        report.add(new Report.Row(name,
                1, created.ids.size() / seconds, "req/s", ms, ms, ms, answer.serverMillis(),
                Report.cpu(perCall(cpu, created.ids.size())), cpu.otherCores(), problems.size(),
                null,
                "≤ 3 s, all refunded and recorded",
                seconds <= 3 && problems.isEmpty()));
    }

    private List<String> checkCancelled(Answer answer, Person customer, String loop, int count) {
        List<String> problems = new ArrayList<>();
        if (answer.status() != 200) {
            problems.add("answered " + answer.status() + ": " + answer.text());
            return problems;
        }
        JsonNode data = Api.data(answer);
        int refunded = 0;
        for (JsonNode item : data.path("results")) {
            refunded += item.path("refunded").asBoolean() ? 1 : 0;
        }
        if (data.path("cancelled").asInt() != count || refunded != count) {
            problems.add("answer says cancelled=" + data.path("cancelled").asInt() + " refunded="
                    + refunded + " of " + count);
        }
        long cancelledRows = count("SELECT COUNT(*) FROM review_request WHERE loop_id = ?"
                + " AND status = 'cancelled' AND cancelled_at IS NOT NULL", loop);
        long events = count("SELECT COUNT(*) FROM request_event e JOIN review_request r"
                + " ON r.id = e.request_id WHERE r.loop_id = ? AND e.action = 'cancelled'"
                + " AND e.from_status = 'pending' AND e.to_status = 'cancelled'", loop);
        long quota = count("SELECT COALESCE(SUM(used), 0) FROM quota_usage"
                + " WHERE api_key_id = ?", customer.keyId());
        if (cancelledRows != count || events != count || quota != 0) {
            problems.add("database has " + cancelledRows + " cancelled rows, " + events
                    + " cancel events, quota still used " + quota + " (want " + count + ", "
                    + count + ", 0)");
        }
        return problems;
    }

    // ---- reviewers --------------------------------------------------------------------------

    /** How reviewers find what to claim. */
    private enum Choice {
        /** Read the queue, claim a random open request from it (the queue page's way). */
        PICK("pick from queue"),
        /** Ask the server for the next one: {@code POST /v1/api/queue/claim}. */
        NEXT("claim next");

        final String label;

        Choice(String label) {
            this.label = label;
        }
    }

    private void claims() {
        Person owner = fixture.person("Queue Owner");
        List<Person> warmTeam = team(owner, "Warm-up queue", Math.max(100, o.queue() / 10))
                .reviewers();
        step("%d reviewers claiming and answering (warm-up queue, both ways)", warmTeam.size());
        work(warmTeam, true, new ConcurrentHashMap<>(), new AtomicLong());
        String[] again = fixture.loop(owner, "Warm-up queue, claim next");
        warmTeam.forEach(reviewer -> fixture.join(reviewer, again[1]));
        fillQueue(owner, again[0], Math.max(100, o.queue() / 10));
        workNext(warmTeam, true, new ConcurrentHashMap<>(), new AtomicLong());

        for (Choice choice : Choice.values()) {
            claimRun(owner, choice, true);
            claimRun(owner, choice, false);
        }
    }

    /**
     * A loop with a queue of {@code queued} pending requests and a team of reviewers of its own:
     * what one run leaves behind (claims held, requests still pending) is in no other run's
     * queues.
     */
    private Team team(Person owner, String loopName, int queued) {
        String[] loop = fixture.loop(owner, loopName);
        List<Person> reviewers = new ArrayList<>();
        for (int i = 0; i < o.reviewers(); i++) {
            Person reviewer = fixture.person("Reviewer " + (i + 1));
            fixture.join(reviewer, loop[1]);
            reviewers.add(reviewer);
        }
        fillQueue(owner, loop[0], queued);
        return new Team(loop[0], reviewers);
    }

    private record Team(String loopId, List<Person> reviewers) {
    }

    private void fillQueue(Person owner, String loopId, int count) {
        Instant now = Instant.now();
        new BulkLoad(database.dataSource(), 2).load(owner.id(), List.of(loopId), null, count,
                BulkLoad.Mix.PENDING, now.minus(Duration.ofHours(1)), now.minusSeconds(10));
    }

    /** One measured run of the reviewers on a fresh queue, and its checks. */
    private void claimRun(Person owner, Choice choice, boolean answer) {
        String how = choice.label + (answer ? ", claim+answer" : ", claim only");
        Team team = team(owner, "Queue, " + how, o.queue());
        List<Person> reviewers = team.reviewers();
        String loopId = team.loopId();
        step("%d reviewers, %s, queue of %,d", reviewers.size(), how, o.queue());
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        AtomicLong doubles = new AtomicLong();
        Load.Result r = choice == Choice.PICK ? work(reviewers, answer, claimedBy, doubles)
                : workNext(reviewers, answer, claimedBy, doubles);

        long claimEvents = count("SELECT COUNT(*) FROM request_event e JOIN review_request r"
                + " ON r.id = e.request_id WHERE r.loop_id = ? AND e.action = 'claimed'", loopId);
        long claimedTwice = count("SELECT COUNT(*) FROM (SELECT e.request_id FROM request_event e"
                + " JOIN review_request r ON r.id = e.request_id WHERE r.loop_id = ?"
                + " AND e.action = 'claimed' GROUP BY e.request_id HAVING COUNT(*) > 1) twice",
                loopId);
        long left = count("SELECT COUNT(*) FROM review_request WHERE loop_id = ?"
                + " AND status = 'pending'", loopId);
        List<String> problems = new ArrayList<>();
        if (doubles.get() > 0 || claimedTwice > 0 || claimEvents != claimedBy.size()) {
            problems.add("double claims: driver saw " + doubles.get() + ", database has "
                    + claimedTwice + "; " + claimEvents + " claim events for " + claimedBy.size()
                    + " successful claims");
        }
        problems.forEach(p -> report.note(how + ": " + p));
        report.note(String.format("%s: %,d claims by %d reviewers, %,d lost races (409), %,d "
                + "left pending", how, claimedBy.size(), reviewers.size(), r.refused(), left));
        report.add(new Report.Row(String.format("%d reviewers, %s, queue of %,d",
                o.reviewers(), how, o.queue()), o.reviewers(), r.throughput(), "claims/s",
                Report.millis(r.latency(), 50), Report.millis(r.latency(), 95),
                Report.millis(r.latency(), 99), Report.millis(r.serverTime(), 95),
                Report.cpu(r.cpuPerCall()), r.otherCores(), r.errors() + problems.size(), null,
                "no double claims, ≥ 500 claims/s",
                problems.isEmpty() && r.errors() == 0 && r.throughput() >= 500));
    }

    /**
     * Each reviewer asks the server for their next request and (when {@code answer}) answers
     * it, until the queue has nothing pending. Claims won count as throughput.
     */
    private Load.Result workNext(List<Person> reviewers, boolean answer,
                                 Map<String, String> claimedBy, AtomicLong doubles) {
        return Load.run(reviewers.size(), Duration.ZERO, UNBOUNDED, meter(), i -> {
            Person me = reviewers.get(i);
            return Api.client(Api.withKey(port, me.apiKey()), a -> {
                Answer claim = a.post("/v1/api/queue/claim", new byte[0]);
                if (claim.status() == 404) {
                    return Outcome.DONE;
                }
                String id = Queue.requestIdIn(claim.text());
                if (claim.status() != 200 || id == null) {
                    return Outcome.ERROR;
                }
                return won(a, id, me, answer, claimedBy, doubles);
            });
        });
    }

    /** A claim was won: noted (a second winner of one request is a double claim), answered. */
    private static Outcome won(Api a, String id, Person me, boolean answer,
                               Map<String, String> claimedBy, AtomicLong doubles) {
        if (claimedBy.putIfAbsent(id, me.id()) != null) {
            doubles.incrementAndGet();
        }
        if (!answer) {
            return Outcome.OK;
        }
        Answer done = a.post("/v1/api/requests/" + id + "/respond", ANSWER);
        return done.status() == 200 ? Outcome.OK : Outcome.ERROR;
    }

    /**
     * Each reviewer reads their queue, claims a random one of the open requests it shows, and
     * (when {@code answer}) answers what they won; a lost race (409) sends them to another
     * candidate, two in a row to a fresh look at the queue. A reviewer stops when their queue
     * shows nothing open. Every call is timed; claims won count as throughput.
     */
    private Load.Result work(List<Person> reviewers, boolean answer,
                             Map<String, String> claimedBy, AtomicLong doubles) {
        return Load.run(reviewers.size(), Duration.ZERO, UNBOUNDED, meter(), i -> {
            Person me = reviewers.get(i);
            Api api = Api.withKey(port, me.apiKey());
            List<String> candidates = new ArrayList<>();
            AtomicInteger lostInARow = new AtomicInteger();
            return Api.client(api, a -> {
                if (candidates.isEmpty() || lostInARow.get() >= 2) {
                    candidates.clear();
                    lostInARow.set(0);
                    JsonNode queue = a.getExpecting(200, "/v1/api/queue");
                    for (JsonNode item : queue.path("requests")) {
                        if ("pending".equals(item.path("status").asText())) {
                            candidates.add(item.path("id").asText());
                        }
                    }
                    Collections.shuffle(candidates);
                    if (candidates.isEmpty()) {
                        return Outcome.DONE;
                    }
                }
                String id = candidates.remove(candidates.size() - 1);
                Answer claim = a.post("/v1/api/requests/" + id + "/claim", new byte[0]);
                if (claim.status() == 409) {
                    lostInARow.incrementAndGet();
                    return Outcome.REFUSED;
                }
                lostInARow.set(0);
                if (claim.status() != 200) {
                    return Outcome.ERROR;
                }
                return won(a, id, me, answer, claimedBy, doubles);
            });
        });
    }

    // ---- lists ------------------------------------------------------------------------------

    private void lists(Person lister, List<String> loops) {
        String session = fixture.session(lister);
        int deep = Math.max(2, Math.min(1000, o.rows() / PAGE_SIZE));
        String deepPage = String.format("list page %,d (dashboard)", deep);
        Cursor deepCursor = cursorOfPage(lister.id(), deep);
        String cursor = "/requests?after=" + deepCursor.parameter();
        String filtered = "/requests?status=completed&loop=" + loops.get(0);
        String apiList = "/v1/api/requests?status=completed&limit=50&loop_id=" + loops.get(0);

        // As for the API: the list pages' code is compiled before it is measured, first by few
        // clients, so that the compiler threads are not starved by 32 busy ones, then at full
        // load, which the first list measured had otherwise paid for alone: its server CPU per
        // page was a quarter to a half above the next list's, which does the same work.
        Duration jitWarmUp = o.warmUp().multipliedBy(4);
        Duration fullLoad = o.warmUp().multipliedBy(2);
        step("JIT warm-up: every list, %d s by 2 clients, then %d s by %d, not measured",
                jitWarmUp.toSeconds(), fullLoad.toSeconds(), o.clients());
        List<String> pages = List.of("/requests", cursor, filtered);
        IntFunction<Load.Client> warmWork = i -> i % 2 == 0
                ? Api.client(Api.withSession(port, session), api -> api.outcome(
                        api.get(pages.get(ThreadLocalRandom.current().nextInt(3))), 200))
                : Api.client(Api.withKey(port, lister.apiKey()),
                        api -> api.outcome(api.get(apiList), 200));
        Load.run(2, Duration.ZERO, jitWarmUp, warmWork);
        Load.run(o.clients(), Duration.ZERO, fullLoad, warmWork);

        PageReads reads = new PageReads(Secrets.sha256(session), lister.id(), Instant.now());
        listBound("list page 1", reads.firstPage());
        listBound(deepPage.replace(" (dashboard)", ""), reads.pageAfter(deepCursor));
        listBound("list status+loop", reads.filtered("completed", loops.get(0)));
        ApiListReads apiReads = new ApiListReads(Secrets.sha256(lister.apiKey()), lister.id(),
                Instant.now().truncatedTo(ChronoUnit.HOURS));
        listBound("API list status+loop", apiReads.filtered("completed", loops.get(0)));

        listScenario("list page 1 (dashboard)", session, null, "/requests", 30);
        listScenario(deepPage, session, null, cursor, 30);
        listScenario("list status+loop (dashboard)", session, null, filtered, 50);
        listScenario("list status+loop (API, limit 50)", null, lister.apiKey(), apiList, 50);
        int one = 1;
        listScenario("list page 1 (dashboard)", session, null, "/requests", 30, one);
        listScenario(deepPage, session, null, cursor, 30, one);
        listScenario("list status+loop (dashboard)", session, null, filtered, 50, one);
    }

    /**
     * A bound, not a floor: the reads one dashboard page makes, as the product sends them, in
     * plain JDBC on one connection with nothing around them. No page can be faster.
     */
    private void listBound(String page, List<DbFloor.Read> reads) {
        step("database bound: the reads of %s", page);
        DbFloor floor = new DbFloor(database.dataSource(), meter());
        Load.Result r = floor.reads(o.clients(), o.warmUp(), o.measured(), reads);
        report.add("DB bound: " + page + "'s " + reads.size() + " reads", o.clients(), r,
                "pages/s", null, "(the most the page can reach)", null);
    }

    private void listScenario(String name, String session, String key, String path, int p95) {
        listScenario(name, session, key, path, p95, o.clients());
    }

    private void listScenario(String name, String session, String key, String path, int p95,
                              int clients) {
        step("%s, %d clients", name, clients);
        Load.Result r = Load.run(clients, o.warmUp(), o.measured(), meter(), i -> Api.client(
                session != null ? Api.withSession(port, session) : Api.withKey(port, key),
                api -> api.outcome(api.get(path), 200)));
        double serverP95 = Report.millis(r.serverTime(), 95);
        report.add(name, clients, r, "pages/s", null, "server p95 ≤ " + p95 + " ms",
                r.errors() == 0 && serverP95 <= p95);
    }

    /** Where a page of the dashboard's list starts: after this request, newest first. */
    private record Cursor(Instant createdAt, String id) {
        String parameter() {
            return ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + "_" + id;
        }
    }

    /** The dashboard's cursor for the first row of page {@code page} (newest first). */
    private Cursor cursorOfPage(String accountId, int page) {
        int skip = (page - 1) * PAGE_SIZE - 1;
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, id FROM"
                    + " review_request WHERE account_id = ? ORDER BY created_at DESC, id DESC"
                    + " LIMIT 1 OFFSET " + Math.max(0, skip))) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Cursor(rs.getObject(1, java.time.LocalDateTime.class)
                            .toInstant(java.time.ZoneOffset.UTC), rs.getString(2));
                }
            }
        });
    }

    /** The statements a page of the dashboard's list sends, as the product renders them. */
    private record PageReads(String sessionHash, String accountId, Instant now) {

        static final String SESSION = "select web_session.token_hash, web_session.account_id,"
                + " account.name, account.email, web_session.csrf_token, web_session.expires_at"
                + " from web_session join account on account.id = web_session.account_id"
                + " where (web_session.token_hash = ? and web_session.expires_at > ?)";
        static final String LOOPS = "select loop_team.id, loop_team.name from loop_team"
                + " where loop_team.owner_id = ?"
                + " order by loop_team.created_at desc, loop_team.id desc";
        static final String NEWER = "exists (select 1 as one from review_request"
                + " where (review_request.account_id = ? and review_request.created_at >= ?))";
        static final String COUNTS = "select request_tally.status,"
                + " sum(request_tally.requests), %s, " + NEWER
                + " from request_tally where request_tally.account_id = ?"
                + " group by request_tally.status";
        static final String ALL = "sum(request_tally.requests)";
        static final String IN_LOOP = "sum(case when request_tally.loop_id = ?"
                + " then request_tally.requests else 0 end)";
        static final String ROWS = "select review_request.id, review_request.loop_id,"
                + " review_request.priority, review_request.status,"
                + " substring(review_request.request_text, 1, 2000), review_request.created_at,"
                + " review_request.timeout_at, review_request.response_at,"
                + " review_request.cancelled_at, review_request.cancel_reason,"
                + " review_request.updated_at from review_request use index (%s)"
                + " where (review_request.account_id = ?%s)"
                + " order by review_request.created_at desc, review_request.id desc%s";
        static final String BY_CREATION = "review_request_account_created";
        static final String BY_STATUS_OR_LOOP = BY_CREATION
                + ", review_request_account_status, review_request_account_loop";
        static final String AFTER = " and (review_request.created_at < ?"
                + " or (review_request.created_at = ? and review_request.id < ?))";
        static final String STATUS_AND_LOOP = " and review_request.status = ?"
                + " and review_request.loop_id = ?";
        static final String FIRST = " offset 0 rows fetch next ? rows only";
        static final String NEXT = " fetch next ? rows only";
        static final int ROWS_READ = PAGE_SIZE + 1;

        List<DbFloor.Read> firstPage() {
            return List.of(session(), loops(), counts(),
                    rows(BY_CREATION, "", FIRST, accountId, ROWS_READ));
        }

        List<DbFloor.Read> pageAfter(Cursor cursor) {
            return List.of(session(), loops(), counts(), rows(BY_CREATION, AFTER, NEXT,
                    accountId, cursor.createdAt(), cursor.createdAt(), cursor.id(), ROWS_READ));
        }

        List<DbFloor.Read> filtered(String status, String loopId) {
            return List.of(session(), loops(), countsIn(loopId),
                    rows(BY_STATUS_OR_LOOP, STATUS_AND_LOOP, FIRST,
                            accountId, status, loopId, ROWS_READ));
        }

        private static DbFloor.Read rows(String indexes, String where, String paging,
                                         Object... parameters) {
            return DbFloor.Read.of(String.format(ROWS, indexes, where, paging), parameters);
        }

        private DbFloor.Read session() {
            return DbFloor.Read.of(SESSION, sessionHash, now);
        }

        private DbFloor.Read loops() {
            return DbFloor.Read.of(LOOPS, accountId);
        }

        private DbFloor.Read counts() {
            return DbFloor.Read.of(String.format(COUNTS, ALL), accountId, now, accountId);
        }

        private DbFloor.Read countsIn(String loopId) {
            return DbFloor.Read.of(String.format(COUNTS, IN_LOOP), loopId, accountId, now,
                    accountId);
        }
    }

    /** The statements the API's list sends, as the product renders them. */
    private record ApiListReads(String keyHash, String accountId, Instant hour) {

        static final String KEY = "select api_key.*, quota_usage.used from api_key"
                + " left outer join quota_usage on (quota_usage.api_key_id = api_key.id"
                + " and quota_usage.hour_start = ?)"
                + " where (api_key.secret_hash = ? and api_key.revoked_at is null)";
        static final String ROWS = "select review_request.id, review_request.account_id,"
                + " review_request.loop_id, review_request.api_key_id,"
                + " review_request.processing_type, review_request.content_type,"
                + " review_request.priority, review_request.priority_rank,"
                + " review_request.request_text, review_request.image_url,"
                + " review_request.context, review_request.platform,"
                + " review_request.platform_version, review_request.response_type,"
                + " review_request.response_config, review_request.default_response,"
                + " review_request.timeout_at, review_request.callback_url, review_request.tags,"
                + " review_request.status, review_request.claimed_by, review_request.claimed_at,"
                + " review_request.claim_expires_at, review_request.response_by,"
                + " review_request.response_at, review_request.response_data,"
                + " review_request.response_source, review_request.cancelled_at,"
                + " review_request.cancel_reason, review_request.feedback,"
                + " review_request.feedback_id, review_request.feedback_at,"
                + " review_request.quota_key_id, review_request.quota_hour,"
                + " review_request.idempotency_key, review_request.idempotency_hash,"
                + " review_request.created_at, review_request.updated_at, review_request.version,"
                + " account.id, account.email, account.name, account.status, account.created_at"
                + " from review_request use index (" + PageReads.BY_STATUS_OR_LOOP + ")"
                + " left outer join account on account.id = review_request.response_by"
                + " where (review_request.account_id = ?" + PageReads.STATUS_AND_LOOP + ")"
                + " order by review_request.created_at desc, review_request.id desc"
                + PageReads.FIRST;
        static final String COUNT = "select (select sum(request_tally.requests)"
                + " from request_tally where (request_tally.account_id = ?"
                + " and request_tally.loop_id = ? and request_tally.status = ?))";
        static final int LIMIT = 50;

        List<DbFloor.Read> filtered(String status, String loopId) {
            return List.of(DbFloor.Read.of(KEY, hour, keyHash), rows(status, loopId),
                    DbFloor.Read.of(COUNT, accountId, loopId, status));
        }

        DbFloor.Read rows(String status, String loopId) {
            return DbFloor.Read.of(ROWS, accountId, status, loopId, LIMIT);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static final long SELF = ProcessHandle.current().pid();

    /** CPU of the server, the database (when it runs here) and this driver. */
    private CpuMeter meter() {
        return new CpuMeter().watch("server", server.pid()).watch("db", databasePid)
                .watch("driver", SELF);
    }

    /**
     * Waits, at most a minute, until the database has finished the background work the load
     * before left it (purging old row versions, flushing pages): a one-shot measurement should
     * not pay for its predecessor. Quiet means under 5% of a core for a whole second.
     */
    private void settle() {
        if (databasePid <= 0) {
            return;
        }
        long began = System.nanoTime();
        double busy;
        do {
            CpuMeter db = new CpuMeter().watch("db", databasePid);
            db.start();
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            db.stop();
            busy = db.spent().getOrDefault("db", 0.0) / 1000;
        } while (busy > 0.05 && System.nanoTime() - began < Duration.ofMinutes(1).toNanos());
        step("database settled after %.0f s (%.0f%% of a core in the last second)",
                (System.nanoTime() - began) / 1e9, busy * 100);
    }

    private static Map<String, Double> perCall(CpuMeter cpu, int calls) {
        Map<String, Double> per = new LinkedHashMap<>();
        cpu.spent().forEach((name, ms) -> per.put(name, ms / calls));
        return per;
    }

    private static double p99(Load.Result r) {
        return Report.millis(r.latency(), 99);
    }

    private static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private void step(String format, Object... args) {
        progress.printf("[bench] %s (load %s)%n", String.format(format, args),
                Machine.loadAverage());
    }

    private interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T sql(Sql<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String query, String parameter) {
        return sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(query)) {
                ps.setString(1, parameter);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The server's resident memory, sampled every 100 ms while a load runs. */
    private static final class Resident {

        private final Thread sampler;
        private final AtomicLong peak = new AtomicLong(-1);
        private volatile boolean running = true;

        private Resident(ServerProcess server) {
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(server.residentKib(), Math::max);
                    ServerProcess.pause(100);
                }
            }, "bench-rss");
            sampler.setDaemon(true);
        }

        static Resident watch(ServerProcess server) {
            Resident resident = new Resident(server);
            resident.sampler.start();
            return resident;
        }

        long stop() {
            running = false;
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return peak.get();
        }
    }
}
