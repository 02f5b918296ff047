package io.loopdesk.webhook;

/** A webhook target the address guard will not send to; the message says which class it is in. */
public final class RefusedAddress extends Exception {

    public RefusedAddress(String reason) {
        super(reason, null, false, false);
    }
}
