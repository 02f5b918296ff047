package io.loopdesk.loop;

import java.time.Instant;

/** A person in a loop: the owner (role admin) or a reviewer who joined (role member). */
public record Member(
        String loopId,
        String accountId,
        String email,
        String name,
        String role,
        String status,
        Instant joinedAt) {

    public boolean isActive() {
        return "active".equals(status);
    }
}
