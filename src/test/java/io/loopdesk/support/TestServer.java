package io.loopdesk.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.App;
import io.loopdesk.Settings;
import io.loopdesk.account.Account;
import io.loopdesk.account.Permission;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One Loopdesk server per test JVM, on a free port, with its own embedded database in a fresh
 * data directory and a clock tests can move. Each test makes its own accounts and data.
 */
public final class TestServer {

    private static TestServer instance;

    private final App app;
    private final TestClock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(App app, TestClock clock) {
        this.app = app;
        this.clock = clock;
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestServer start() {
        try {
            Path dataDir = Files.createTempDirectory("loopdesk-test-");
            Map<String, String> env = new HashMap<>();
            env.put("PORT", "0");
            env.put("DATA_DIR", dataDir.toString());
            env.put("SWEEP_INTERVAL_MS", "300");
            env.put("ALLOW_PRIVATE_WEBHOOKS", "true");
            Optional.ofNullable(System.getenv("TEST_DB_URL")).ifPresent(url -> {
                env.put("DB_URL", url);
                env.put("DB_USER", System.getenv().getOrDefault("TEST_DB_USER", "root"));
                env.put("DB_PASSWORD", System.getenv().getOrDefault("TEST_DB_PASSWORD", ""));
            });
            TestClock clock = new TestClock();
            App app = App.start(Settings.fromEnvironment(env, false), clock);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            return new TestServer(app, clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public App app() {
        return app;
    }

    public TestClock clock() {
        return clock;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    // ---- people -------------------------------------------------------------------------

    /** An account with a password and an API key holding every permission. */
    public record Person(String id, String email, String password, String name, String apiKey) {
    }

    public Person newPerson(String name) {
        return newPerson(name, Permission.all(), Optional.empty());
    }

    public Person newPerson(String name, Set<Permission> permissions, Optional<Integer> limit) {
        String email = name.toLowerCase().replace(' ', '.') + "." + UUID.randomUUID() + "@example.test";
        String password = "correct horse " + UUID.randomUUID();
        var accounts = app.services().accounts();
        Account account = accounts.signUp(email, name, password);
        String key = accounts.createApiKey(account.id(), "test key", permissions, limit).secret();
        return new Person(account.id(), email, password, name, key);
    }

    /** A further key for an existing person. */
    public String newKey(Person person, Set<Permission> permissions, Optional<Integer> limit) {
        return app.services().accounts().createApiKey(person.id(), "extra key", permissions, limit)
                .secret();
    }

    /** Creates a loop owned by {@code owner} through the API and returns its id. */
    public String newLoop(Person owner, String name) {
        ApiResponse created = post("/v1/api/loops", owner.apiKey(), Map.of("name", name));
        if (created.status() != 201) {
            throw new IllegalStateException("loop not created: " + created.text());
        }
        return created.data().path("loop").path("id").asText();
    }

    /** Makes {@code member} an active member of the loop, through its invite code. */
    public void join(Person owner, String loopId, Person member) {
        ApiResponse loop = get("/v1/api/loops/" + loopId, owner.apiKey());
        String code = loop.data().path("loop").path("invite_code").asText();
        ApiResponse joined = post("/v1/api/loops/join", member.apiKey(), Map.of("invite_code", code));
        if (joined.status() != 200) {
            throw new IllegalStateException("join failed: " + joined.text());
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------

    public ApiResponse get(String path, String key) {
        return send("GET", path, key, null, Map.of());
    }

    public ApiResponse post(String path, String key, Object body) {
        return send("POST", path, key, body, Map.of());
    }

    public ApiResponse delete(String path, String key) {
        return send("DELETE", path, key, null, Map.of());
    }

    /**
     * Sends a request. {@code body} may be a String (sent as is) or any value (sent as JSON);
     * {@code key} may be null (no Authorization header).
     */
    public ApiResponse send(String method, String path, String key, Object body,
                            Map<String, String> headers) {
        String text = body == null ? null : body instanceof String s ? s : Json.write(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = parse(response.body());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            return Json.object();
        }
    }
}
