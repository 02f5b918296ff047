package io.loopdesk.loop;

import java.util.List;

/** A loop's members with their counts, as the owner sees them. */
public record MemberRoster(List<MemberView> members, int totalCount, int activeCount,
                           int pendingCount) {

    static MemberRoster of(List<Member> members) {
        int active = (int) members.stream().filter(Member::isActive).count();
        int pending = (int) members.stream().filter(m -> "pending".equals(m.status())).count();
        return new MemberRoster(members.stream().map(MemberView::of).toList(), members.size(),
                active, pending);
    }
}
