package io.loopdesk.account;

import java.time.Instant;

/** A signed-in browser. The token itself lives only in the cookie; the database keeps its hash. */
public record WebSession(String tokenHash, String accountId, String csrfToken, Instant expiresAt) {
}
