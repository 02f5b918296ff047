package io.loopdesk.problem;

/** 409: another actor won a race, or a retry does not match what it repeats. */
public final class Conflict extends Problem {

    public Conflict(String message) {
        super(message, null);
    }

    public Conflict(String message, Object data) {
        super(message, data);
    }

    @Override
    public int status() {
        return 409;
    }
}
