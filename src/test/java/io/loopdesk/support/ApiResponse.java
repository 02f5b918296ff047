package io.loopdesk.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** One HTTP answer: status, headers, and the body parsed as JSON when it is JSON. */
public record ApiResponse(int status, HttpHeaders headers, String text, JsonNode json) {

    public JsonNode data() {
        return json.path("data");
    }

    public String msg() {
        return json.path("msg").asText();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
