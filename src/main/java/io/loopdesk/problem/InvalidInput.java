package io.loopdesk.problem;

/** 400: the input broke a rule, or the request's state does not allow the operation. */
public final class InvalidInput extends Problem {

    public InvalidInput(String message) {
        this(message, null);
    }

    public InvalidInput(String message, Object data) {
        super(message, data);
    }

    /** The envelope's common "Validation failed" answer, naming the field or rule in data. */
    public static InvalidInput validation(String detail) {
        return new InvalidInput("Validation failed", detail);
    }

    @Override
    public int status() {
        return 400;
    }
}
