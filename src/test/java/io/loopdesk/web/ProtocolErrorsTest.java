package io.loopdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests Jetty refuses before any route sees them still get the API's envelope on API paths
 * (SPEC 2.1), and a short plain page elsewhere, never the server's own HTML.
 */
class ProtocolErrorsTest {

    private static final String TWENTY_KB = "a".repeat(20 * 1024);

    private final TestServer server = TestServer.get();

    @Test
    void oversizedHeadersOnAnApiPathAnswer431WithTheEnvelope() throws IOException {
        Answer answer = send("GET /v1/test HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Padding: " + TWENTY_KB + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertEnvelope(answer, "Request header fields too large");
    }

    @Test
    void anOverLongUriOnAnApiPathAnswers414WithTheEnvelope() throws IOException {
        Answer answer = send("GET /v1/api/requests?q=" + TWENTY_KB + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(414);
        assertEnvelope(answer, "Request URI too long");
    }

    @Test
    void aMalformedRequestLineOrHeaderAnswers400WithTheEnvelope() throws IOException {
        List<String> malformed = List.of(
                "GET /v1/api/requests HTTP/1.1 extra\r\nHost: 127.0.0.1\r\n",
                "POST /v1/api/loops HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: twelve\r\n");

        for (String request : malformed) {
            Answer answer = send(request + "Connection: close\r\n\r\n");

            assertThat(answer.status()).as(request).isEqualTo(400);
            assertEnvelope(answer, "Malformed request");
        }
    }

    @Test
    void aGarbledChunkedBodyAnswers400WithTheEnvelopeAndChangesNothing() throws IOException {
        String key = server.newPerson("Chunky").apiKey();

        Answer answer = send("POST /v1/api/loops HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "ZZZ\r\nabc\r\n0\r\n\r\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertEnvelope(answer, "Malformed request");
        assertThat(server.get("/v1/api/loops", key).data().path("count").asInt()).isZero();
    }

    @Test
    void oversizedHeadersOnAPageAnswerAShortPlainPage() throws IOException {
        Answer answer = send("GET /requests HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-Padding: " + TWENTY_KB + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.head()).containsIgnoringCase("Content-Type: text/plain");
        assertThat(answer.body()).isEqualTo("431 Request header fields too large\n");
    }

    private static void assertEnvelope(Answer answer, String msg) throws IOException {
        assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
        JsonNode body = Json.MAPPER.readTree(answer.body());
        assertThat(body.path("error").asBoolean()).as(answer.body()).isTrue();
        assertThat(body.path("msg").asText()).isEqualTo(msg);
        assertThat(answer.body()).doesNotContainIgnoringCase("jetty");
    }

    /** The status line and headers, and the body, of one raw HTTP answer. */
    private record Answer(int status, String head, String body) {
    }

    /** Writes {@code request} byte for byte, as no well-behaved client library would. */
    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String text = readAll(socket.getInputStream());
            int split = text.indexOf("\r\n\r\n");
            assertThat(split).as(text).isPositive();
            String head = text.substring(0, split);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, text.substring(split + 4));
        }
    }

    /** Jetty closes the connection after refusing a request, which ends the answer. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes.write(buffer, 0, read);
            }
        } catch (SocketException e) {
            // A reset after the answer was sent: what arrived is the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
