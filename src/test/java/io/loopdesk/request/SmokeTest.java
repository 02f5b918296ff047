package io.loopdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer;
import org.junit.jupiter.api.Test;

class SmokeTest {

    @Test
    void aRequestCanBeCreatedReadAndCancelled() {
        TestServer server = TestServer.get();
        var alice = server.newPerson("Alice");
        String loop = server.newLoop(alice, "Moderation");
        var created = server.post("/v1/api/loops/" + loop + "/requests", alice.apiKey(), Bodies.request());
        System.out.println(created.text());
        assertThat(created.status()).isEqualTo(201);
        String id = created.data().path("request_id").asText();
        var read = server.get("/v1/requests/" + id, alice.apiKey());
        System.out.println(read.text());
        var cancel = server.delete("/v1/api/requests/" + id, alice.apiKey());
        System.out.println(cancel.text() + " " + cancel.headers().map());
        assertThat(cancel.status()).isEqualTo(200);
    }
}
