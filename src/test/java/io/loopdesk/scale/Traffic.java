package io.loopdesk.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP calls spread over the servers of a {@link Cluster}, each to a server picked at random.
 * Every answer whose status the caller did not expect is kept as a problem, so that the test
 * can fail with all of them at once; successful claims are kept per request.
 */
final class Traffic {

    /** One answer. */
    record Answer(int status, JsonNode json) {

        JsonNode data() {
            return json.path("data");
        }
    }

    private final Cluster cluster;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> claimsWon = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> callsPerServer = new ConcurrentHashMap<>();

    Traffic(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Sends to a random server; an answer outside {@code expected} is recorded as a problem. */
    Answer send(String method, String path, String key, Object body, Set<Integer> expected) {
        int server = ThreadLocalRandom.current().nextInt(cluster.servers().size());
        callsPerServer.computeIfAbsent(server, s -> new AtomicInteger()).incrementAndGet();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.baseUrl(server)
                        + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (!expected.contains(response.statusCode())) {
                problems.add(method + " " + path + " on server " + (server + 1) + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            problems.add(method + " " + path + " failed: " + e);
            return new Answer(-1, Json.object());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, Json.object());
        }
    }

    /** How many claims the API has granted so far. */
    int claimsWonSoFar() {
        return claimsWon.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void claimWon(String requestId) {
        claimsWon.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
    }

    int claimsWon(String requestId) {
        AtomicInteger won = claimsWon.get(requestId);
        return won == null ? 0 : won.get();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    Map<Integer, AtomicInteger> callsPerServer() {
        return callsPerServer;
    }
}
