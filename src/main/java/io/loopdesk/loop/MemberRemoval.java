package io.loopdesk.loop;

import java.time.Instant;

/** The answer to removing a member from a loop. */
public record MemberRemoval(String loopId, String userId, Instant removedAt) {
}
