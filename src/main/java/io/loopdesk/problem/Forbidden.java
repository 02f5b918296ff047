package io.loopdesk.problem;

/** 403: the caller is known but lacks the permission, or failed the CSRF check. */
public final class Forbidden extends Problem {

    public Forbidden(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 403;
    }
}
