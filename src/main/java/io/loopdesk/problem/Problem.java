package io.loopdesk.problem;

/**
 * A failure that a client caused or must know about. Each kind is its own subclass; the web layer
 * maps every one to its status code and the envelope {@code {"error": true, "msg", "data"}} in
 * one place, so services throw and routes never translate.
 */
public abstract class Problem extends RuntimeException {

    private final transient Object data;

    protected Problem(String message, Object data) {
        super(message, null, false, false);
        this.data = data;
    }

    /** The HTTP status this kind of problem answers with. */
    public abstract int status();

    /** Extra response headers this problem needs, such as {@code Retry-After}. */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    /** Detail for the envelope's {@code data}: null, a string or a JSON-serialisable object. */
    public Object data() {
        return data;
    }
}
