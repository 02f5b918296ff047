package io.loopdesk.webhook;

import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.App;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The address guard as an operator runs it: a second server process on the same database with
 * private targets not allowed. It refuses them when they are registered and when they are sent.
 */
class StrictGuardTest {

    private static App strict;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startAStrictProcess() {
        strict = Hooks.secondProcess(env -> env.put("ALLOW_PRIVATE_WEBHOOKS", "false"));
    }

    @AfterAll
    static void stopIt() {
        strict.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost:8080/hook",
        "http://10.0.0.5/", "http://172.20.1.1/", "http://192.168.1.1/", "http://100.64.1.1/",
        "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/", "http://169.254.1.1/", "http://[fe80::1]/",
        "http://224.0.0.251/", "http://0.0.0.0/", "http://[::]/", "http://[::1]/",
        "http://255.255.255.255/", "http://[fc00::1]/", "http://[::ffff:127.0.0.1]/",
        "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.1/"})
    void everyPrivateOrInternalTargetIsRefusedWhenRegistered(String url) {
        Person alice = server().newPerson("Alice");

        ApiResponse endpoint = send("POST", "/v1/api/webhooks", alice, Map.of("url", url));
        assertThat(endpoint.status()).as(endpoint.text()).isEqualTo(400);
        assertThat(endpoint.msg()).isEqualTo("Validation failed");
        assertThat(endpoint.data().asText()).startsWith("url ").contains("cannot target");

        String loop = server().newLoop(alice, "Moderation");
        ApiResponse request = send("POST", "/v1/api/loops/" + loop + "/requests", alice,
                Bodies.request("callback_url", url));
        assertThat(request.status()).as(request.text()).isEqualTo(400);
        assertThat(request.data().asText()).startsWith("callback_url ").contains("cannot target");
    }

    @Test
    void aPrivateTargetCannotBeSwappedInLater() {
        Person alice = server().newPerson("Alice");
        ApiResponse created = send("POST", "/v1/api/webhooks", alice,
                Map.of("url", "https://93.184.216.34/hook"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.data().path("webhook").path("id").asText();

        ApiResponse changed = send("PATCH", "/v1/api/webhooks/" + id, alice,
                Map.of("url", "http://192.168.0.1/hook"));
        assertThat(changed.status()).isEqualTo(400);
        assertThat(changed.data().asText()).contains("private address");
    }

    @Test
    void aTargetThatTurnedPrivateIsRefusedWhenSent() {
        Person alice = server().newPerson("Alice");
        String loop = server().newLoop(alice, "Moderation");
        try (Receiver receiver = Receiver.start()) {
            // Registered where private targets were allowed; now the name points at loopback.
            Hooks.endpoint(alice, receiver.url("localhost"), List.of("request.created"));
            Hooks.withAppWorkerStopped(() -> {
                String id = Hooks.request(alice, loop, Bodies.request());

                Await.until("the strict process's attempt", () -> !Hooks
                        .deliveriesOfRequest(alice, id).get(0).path("status").asText()
                        .equals("pending"));

                JsonNode delivery = Hooks.deliveriesOfRequest(alice, id).get(0);
                assertThat(delivery.path("status").asText()).isEqualTo("failed");
                assertThat(delivery.path("last_error").asText())
                        .startsWith("address refused: localhost points to a loopback address");
                assertThat(receiver.calls()).isEmpty();
            });
        }
    }

    private static ApiResponse send(String method, String path, Person person, Object body) {
        String text = Json.write(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + strict.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + person.apiKey())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(text))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body(),
                    Json.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
