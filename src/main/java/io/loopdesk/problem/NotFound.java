package io.loopdesk.problem;

/** 404: unknown, malformed, or belonging to another account (all reported alike). */
public final class NotFound extends Problem {

    public NotFound(String message) {
        super(message, null);
    }

    public static NotFound request() {
        return new NotFound("Request not found");
    }

    public static NotFound loop() {
        return new NotFound("Loop not found");
    }

    @Override
    public int status() {
        return 404;
    }
}
