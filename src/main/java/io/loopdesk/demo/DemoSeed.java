package io.loopdesk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.App;
import io.loopdesk.account.Account;
import io.loopdesk.account.Permission;
import io.loopdesk.loop.LoopInvite;
import io.loopdesk.request.CancelOutcome;
import io.loopdesk.request.RequestService;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.review.ReviewService;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: into an empty database, two customers, two reviewers, loops, API keys and a few
 * dozen realistic requests in every status; then the log-ins are printed and written to
 * {@code $DATA_DIR/demo.json} for tools.
 */
public final class DemoSeed {

    private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);
    private static final String PASSWORD = "loopdesk-demo";

    private final App app;

    public DemoSeed(App app) {
        this.app = app;
    }

    public void run() {
        Path file = app.settings().dataDir().resolve("demo.json");
        if (!app.services().accounts().hasNoAccounts()) {
            if (Files.exists(file)) {
                JsonNode existing = Json.readStored(read(file));
                ((com.fasterxml.jackson.databind.node.ObjectNode) existing)
                        .put("base_url", app.baseUrl());
                write(file, existing);
                announce(existing);
            } else {
                log.info("demo mode: the database already holds data, nothing was seeded");
            }
            return;
        }
        JsonNode seeded = Json.MAPPER.valueToTree(seed());
        write(file, seeded);
        announce(seeded);
    }

    private Map<String, Object> seed() {
        var accounts = app.services().accounts();
        Person customer = person("dana@example.com", "Dana Whitfield");
        Person other = person("omar@example.com", "Omar Castillo");
        Person riley = person("riley@example.com", "Riley Chen");
        Person sam = person("sam@example.com", "Sam Okafor");

        LoopInvite moderation = app.services().loops().create(customer.account.id(),
                "Content moderation", "Community posts flagged by the classifier", "shield-check");
        LoopInvite escalations = app.services().loops().create(other.account.id(),
                "Support escalations", "Refunds and account issues the bot is unsure about",
                "life-buoy");
        app.services().loops().join(moderation.inviteCode(), riley.account.id());
        app.services().loops().join(moderation.inviteCode(), sam.account.id());

        seedRequests(customer.account.id(), moderation.loop().id(), riley.account.id(),
                sam.account.id());
        seedRequests(other.account.id(), escalations.loop().id(), other.account.id(),
                other.account.id(), 6);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base_url", app.baseUrl());
        out.put("customer", customer.json(moderation.loop().id()));
        out.put("other_customer", other.json(escalations.loop().id()));
        out.put("reviewers", List.of(riley.json(null), sam.json(null)));
        log.info("demo data seeded accounts=4 loops=2");
        return out;
    }

    private void seedRequests(String ownerId, String loopId, String reviewerA, String reviewerB) {
        seedRequests(ownerId, loopId, reviewerA, reviewerB, DemoRequests.ALL.size());
    }

    private void seedRequests(String ownerId, String loopId, String reviewerA, String reviewerB,
                              int count) {
        RequestService requests = app.services().requests();
        ReviewService reviews = app.services().reviews();
        Caller owner = Caller.account(ownerId);
        Instant now = requests.clock().instant();

        for (int i = 0; i < count; i++) {
            DemoRequests.Sample sample = DemoRequests.ALL.get(i);
            var created = requests.create(owner, loopId, new Body(sample.body()), Optional.empty());
            String id = created.request().id();
            Instant createdAt = now.minus(Duration.ofMinutes(37L * (count - i)));
            String reviewer = i % 2 == 0 ? reviewerA : reviewerB;
            switch (sample.outcome()) {
                case PENDING -> requests.backdateForDemo(id, createdAt,
                        createdAt.plus(Duration.ofDays(3)));
                case CLAIMED -> {
                    requests.backdateForDemo(id, createdAt, createdAt.plus(Duration.ofDays(2)));
                    reviews.claim(reviewer, id);
                }
                case COMPLETED -> {
                    requests.backdateForDemo(id, createdAt, createdAt.plus(Duration.ofDays(2)));
                    reviews.respond(reviewer, id, sample.answer());
                }
                case CANCELLED -> {
                    requests.backdateForDemo(id, createdAt, createdAt.plus(Duration.ofDays(2)));
                    CancelOutcome ignored = requests.cancel(owner, id,
                            Optional.of("The post was deleted by its author"));
                }
                case TIMEOUT -> {
                    requests.backdateForDemo(id, createdAt, createdAt.plus(Duration.ofMinutes(30)));
                    requests.timeOut(id);
                }
            }
        }
    }

    private Person person(String email, String name) {
        var accounts = app.services().accounts();
        Account account = accounts.signUp(email, name, PASSWORD);
        String key = accounts.createApiKey(account.id(), "Demo key", Permission.all(),
                Optional.empty()).secret();
        return new Person(account, key);
    }

    private void announce(JsonNode demo) {
        StringBuilder text = new StringBuilder("\n  Loopdesk demo is running at ")
                .append(demo.path("base_url").asText()).append("\n\n");
        appendLogin(text, "Customer", demo.path("customer"));
        appendLogin(text, "Other customer", demo.path("other_customer"));
        for (JsonNode reviewer : demo.path("reviewers")) {
            appendLogin(text, "Reviewer", reviewer);
        }
        text.append("  Everything above is also in ")
                .append(app.settings().dataDir().resolve("demo.json")).append("\n");
        System.out.println(text);
    }

    private static void appendLogin(StringBuilder text, String role, JsonNode person) {
        text.append(String.format("  %-15s %-22s password %s   API key %s%n", role,
                person.path("email").asText(), person.path("password").asText(),
                person.path("api_key").asText()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    private static void write(Path file, JsonNode json) {
        try {
            // With DB_URL set nothing else uses the data directory, so it may not exist yet.
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }

    private record Person(Account account, String apiKey) {

        Map<String, Object> json(String loopId) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("email", account.email());
            out.put("password", PASSWORD);
            out.put("api_key", apiKey);
            if (loopId != null) {
                out.put("loop_id", loopId);
            }
            return out;
        }
    }
}
