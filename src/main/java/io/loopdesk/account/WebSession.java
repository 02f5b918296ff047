package io.loopdesk.account;

import java.time.Instant;

/**
 * A signed-in browser, with the name and email of its account, read together with the session
 * so that a page's frame costs no second lookup. The token itself lives only in the cookie; the
 * database keeps its hash.
 */
public record WebSession(String tokenHash, String accountId, String accountName,
                         String accountEmail, String csrfToken, Instant expiresAt) {
}
