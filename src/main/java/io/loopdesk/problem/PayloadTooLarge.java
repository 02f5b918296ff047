package io.loopdesk.problem;

/** 413: the body is larger than the server accepts. */
public final class PayloadTooLarge extends Problem {

    public PayloadTooLarge() {
        super("Request body too large", null);
    }

    @Override
    public int status() {
        return 413;
    }
}
