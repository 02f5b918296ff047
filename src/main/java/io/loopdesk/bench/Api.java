package io.loopdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.web.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loopdesk's HTTP API as one client sees it: one kept-alive connection and one credential (an
 * API key, or a browser session cookie for pages). Also a {@link Load.Client} helper: it keeps
 * the last answer, for the server's own timing and for describing a failure.
 */
final class Api implements AutoCloseable {

    private final HttpConnection connection;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpConnection.Answer last;

    private Api(int port, String headerName, String headerValue) {
        this.connection = new HttpConnection("127.0.0.1", port);
        if (headerName != null) {
            headers.put(headerName, headerValue);
        }
    }

    static Api withKey(int port, String apiKey) {
        return new Api(port, "Authorization", "Bearer " + apiKey);
    }

    static Api withSession(int port, String sessionToken) {
        return new Api(port, "Cookie", "loopdesk_session=" + sessionToken);
    }

    static Api anonymous(int port) {
        return new Api(port, null, null);
    }

    HttpConnection.Answer get(String path) {
        return remember(connection.send("GET", path, headers, null));
    }

    HttpConnection.Answer delete(String path) {
        return remember(connection.send("DELETE", path, headers, null));
    }

    HttpConnection.Answer post(String path, byte[] json) {
        Map<String, String> withType = new LinkedHashMap<>(headers);
        withType.put("Content-Type", "application/json");
        return remember(connection.send("POST", path, withType, json));
    }

    HttpConnection.Answer post(String path, Object body) {
        return post(path, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs and insists on {@code status}, answering the parsed envelope's {@code data}. */
    JsonNode postExpecting(int status, String path, Object body) {
        return expect(status, post(path, body), "POST " + path);
    }

    JsonNode getExpecting(int status, String path) {
        return expect(status, get(path), "GET " + path);
    }

    Load.Outcome outcome(HttpConnection.Answer answer, int expected) {
        return answer.status() == expected ? Load.Outcome.OK : Load.Outcome.ERROR;
    }

    double lastServerMillis() {
        return last == null ? -1 : last.serverMillis();
    }

    String lastProblem() {
        if (last == null) {
            return "no answer";
        }
        String text = last.text();
        return last.status() + " " + (text.length() > 300 ? text.substring(0, 300) : text);
    }

    static JsonNode data(HttpConnection.Answer answer) {
        try {
            return Json.MAPPER.readTree(answer.body()).path("data");
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + answer.text(), e);
        }
    }

    private static JsonNode expect(int status, HttpConnection.Answer answer, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + " answered " + answer.status() + ": "
                    + answer.text());
        }
        return data(answer);
    }

    private HttpConnection.Answer remember(HttpConnection.Answer answer) {
        last = answer;
        return answer;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** A load client over its own connection; the call decides what counts as success. */
    interface Call {
        Load.Outcome call(Api api) throws Exception;
    }

    static Load.Client client(Api api, Call call) {
        return new Load.Client() {
            @Override
            public Load.Outcome call() throws Exception {
                return call.call(api);
            }

            @Override
            public double lastServerMillis() {
                return api.lastServerMillis();
            }

            @Override
            public String lastProblem() {
                return api.lastProblem();
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
