package io.loopdesk.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of every JSON answer: {@code {"error": bool, "msg": string, "data": ...}}. */
public final class Envelope {

    private Envelope() {
    }

    public static Map<String, Object> success(String msg, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", false);
        body.put("msg", msg);
        body.put("data", data);
        return body;
    }

    /** On errors {@code data} is left out entirely when there is nothing to add. */
    public static Map<String, Object> failure(String msg, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("msg", msg);
        if (data != null) {
            body.put("data", data);
        }
        return body;
    }
}
