package io.loopdesk.account;

/** A key just created, with its secret: the only moment the secret exists outside the client. */
public record IssuedKey(ApiKey key, String secret) {
}
