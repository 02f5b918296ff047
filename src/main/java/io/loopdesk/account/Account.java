package io.loopdesk.account;

import java.time.Instant;

/** A person: customer, reviewer, or both. */
public record Account(String id, String email, String name, String status, Instant createdAt) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
