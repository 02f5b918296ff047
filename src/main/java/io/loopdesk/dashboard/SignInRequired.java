package io.loopdesk.dashboard;

/** A page was asked for without a session; the visitor is sent to log in and back to it. */
final class SignInRequired extends RuntimeException {

    private final String returnTo;

    SignInRequired(String returnTo) {
        super("sign-in required", null, false, false);
        this.returnTo = returnTo;
    }

    String returnTo() {
        return returnTo;
    }
}
