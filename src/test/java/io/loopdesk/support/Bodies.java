package io.loopdesk.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid create-request bodies to start from; tests change the field they are about. */
public final class Bodies {

    private Bodies() {
    }

    /** A deferred single-select moderation request. */
    public static Map<String, Object> request() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processing_type", "deferred");
        body.put("type", "markdown");
        body.put("priority", "medium");
        body.put("request_text", "Is this comment acceptable?\n\n> You are all wonderful");
        body.put("response_type", "single_select");
        body.put("response_config", Map.of("options", List.of("approve", "reject")));
        body.put("default_response", "reject");
        return body;
    }

    public static Map<String, Object> request(String field, Object value) {
        Map<String, Object> body = request();
        body.put(field, value);
        return body;
    }

    /** A time-sensitive request that times out after {@code seconds}. */
    public static Map<String, Object> timeSensitive(int seconds) {
        Map<String, Object> body = request();
        body.put("processing_type", "time-sensitive");
        body.put("timeout_seconds", seconds);
        return body;
    }
}
