package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the request and review tests share: a team (an owner, a reviewer and their loop),
 * creating and reading requests through the API, and waiting for a condition with a deadline.
 */
public final class Requests {

    private final TestServer server;

    public Requests(TestServer server) {
        this.server = server;
    }

    /** An owner with a loop, and a reviewer who has joined it. */
    public record Team(Person owner, Person reviewer, String loopId) {
    }

    public Team team(String name) {
        Person owner = server.newPerson(name + " Owner");
        Person reviewer = server.newPerson(name + " Reviewer");
        String loopId = server.newLoop(owner, name);
        server.join(owner, loopId, reviewer);
        return new Team(owner, reviewer, loopId);
    }

    /** Creates a request with the owner's key and returns its id. */
    public String create(Person owner, String loopId, Map<String, Object> body) {
        return create(owner.apiKey(), loopId, body);
    }

    public String create(String key, String loopId, Map<String, Object> body) {
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests", key, body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    /** The request as its owner reads it. */
    public JsonNode read(Person owner, String id) {
        ApiResponse read = server.get("/v1/api/requests/" + id, owner.apiKey());
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        return read.data().path("request");
    }

    public String status(Person owner, String id) {
        return read(owner, id).path("status").asText();
    }

    /** How many requests the account holds, whatever their state. */
    public int count(Person owner) {
        ApiResponse list = server.get("/v1/api/requests?limit=1", owner.apiKey());
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        return list.data().path("total").asInt();
    }

    public ApiResponse claim(Person reviewer, String id) {
        return server.post("/v1/api/requests/" + id + "/claim", reviewer.apiKey(), Map.of());
    }

    public ApiResponse respond(Person reviewer, String id, Object answer) {
        return server.post("/v1/api/requests/" + id + "/respond", reviewer.apiKey(),
                Map.of("response_data", answer));
    }

    public ApiResponse cancel(Person owner, String id) {
        return server.delete("/v1/api/requests/" + id, owner.apiKey());
    }

    /** The events of a request's history, oldest first. */
    public JsonNode events(Person owner, String id) {
        ApiResponse events = server.get("/v1/api/requests/" + id + "/events", owner.apiKey());
        assertThat(events.status()).as(events.text()).isEqualTo(200);
        return events.data().path("events");
    }

    /** Waits up to ten seconds for the condition; fails the test when it never holds. */
    public static void waitUntil(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Moves the server's clock past the next top of the hour when the current quota hour is
     * nearly over, so that a test counting quota units stays within one hour.
     */
    public void keepWithinOneQuotaHour() {
        Instant now = server.clock().instant();
        Instant nextHour = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        if (Duration.between(now, nextHour).compareTo(Duration.ofMinutes(5)) < 0) {
            server.clock().advance(Duration.between(now, nextHour).plusSeconds(1));
        }
    }
}
