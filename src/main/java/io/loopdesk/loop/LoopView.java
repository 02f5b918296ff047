package io.loopdesk.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A loop as one viewer sees it. The owner's view carries the invite code and the links built
 * from it; a member's view leaves those three fields out of the JSON altogether.
 */
public record LoopView(
        String id,
        String name,
        String description,
        String icon,
        String creatorId,
        List<MemberView> members,
        int memberCount,
        int pendingCount,
        int openRequestCount,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String inviteCode,
        @JsonInclude(JsonInclude.Include.NON_NULL) String joinUrl,
        @JsonInclude(JsonInclude.Include.NON_NULL) String qrCodeUrl) {

    static LoopView of(Loop loop, List<Member> members, int openRequests, InviteLinks links) {
        int active = (int) members.stream().filter(Member::isActive).count();
        int pending = (int) members.stream().filter(m -> "pending".equals(m.status())).count();
        return new LoopView(loop.id(), loop.name(), loop.description(), loop.icon(),
                loop.ownerId(), members.stream().map(MemberView::of).toList(), active, pending,
                openRequests, loop.createdAt(), loop.updatedAt(),
                links == null ? null : links.inviteCode(),
                links == null ? null : links.joinUrl(),
                links == null ? null : links.qrCodeUrl());
    }

    /** The invite code and the absolute links that carry it; only ever shown to the owner. */
    record InviteLinks(String inviteCode, String joinUrl, String qrCodeUrl) {
    }
}
