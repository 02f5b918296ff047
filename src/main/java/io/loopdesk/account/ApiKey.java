package io.loopdesk.account;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** A stored API key. The secret itself is never kept: only its SHA-256 and a short prefix. */
public record ApiKey(
        String id,
        String accountId,
        String name,
        String prefix,
        Set<Permission> permissions,
        Optional<Integer> hourlyLimit,
        Instant createdAt,
        Optional<Instant> lastUsedAt,
        Optional<Instant> revokedAt) {

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
