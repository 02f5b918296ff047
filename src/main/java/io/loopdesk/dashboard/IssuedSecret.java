package io.loopdesk.dashboard;

/**
 * An endpoint's signing secret just after it was made, for the one page that shows it: after
 * the endpoint was created, or after its secret was rotated.
 */
public record IssuedSecret(String endpointId, String url, String secret, boolean isRotation) {
}
