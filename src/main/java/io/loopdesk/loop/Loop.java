package io.loopdesk.loop;

import java.time.Instant;

/** A named team of reviewers; its creator owns it. */
public record Loop(
        String id,
        String ownerId,
        String name,
        String description,
        String icon,
        String inviteCode,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isOwnedBy(String accountId) {
        return ownerId.equals(accountId);
    }
}
