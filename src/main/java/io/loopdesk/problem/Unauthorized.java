package io.loopdesk.problem;

/** 401: no credentials, or credentials that do not belong to an account. */
public final class Unauthorized extends Problem {

    public Unauthorized(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 401;
    }
}
