package io.loopdesk.loop;

import java.time.Instant;

/** A member as the JSON API shows them. */
public record MemberView(
        String userId,
        String email,
        String name,
        String role,
        String status,
        Instant joinedAt) {

    public static MemberView of(Member member) {
        return new MemberView(member.accountId(), member.email(), member.name(), member.role(),
                member.status(), member.joinedAt());
    }
}
