package io.loopdesk.loop;

import static io.loopdesk.db.schema.Tables.ACCOUNT;
import static io.loopdesk.db.schema.Tables.LOOP_MEMBER;
import static io.loopdesk.db.schema.Tables.LOOP_TEAM;
import static io.loopdesk.db.schema.Tables.REQUEST_EVENT;
import static io.loopdesk.db.schema.Tables.REQUEST_TALLY;
import static io.loopdesk.db.schema.Tables.REVIEW_REQUEST;

import io.loopdesk.db.RenderedSelect;
import io.loopdesk.db.Transactions;
import io.loopdesk.db.schema.tables.records.LoopTeamRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Loops and their members. Owner checks are the service's; this answers questions. */
public final class LoopRepository {

    private final DSLContext dsl;
    /** What every create runs: rendered once (see RenderedSelect). */
    private final RenderedSelect<Record> forShare;

    public LoopRepository(DSLContext dsl) {
        this.dsl = dsl;
        Field<Integer> activeMembers = DSL.field(DSL.selectCount().from(LOOP_MEMBER)
                .where(LOOP_MEMBER.LOOP_ID.eq(LOOP_TEAM.ID)
                        .and(LOOP_MEMBER.STATUS.eq(DSL.inline("active")))));
        this.forShare = RenderedSelect.of(dsl, dsl.select(LOOP_TEAM.ID, LOOP_TEAM.OWNER_ID,
                        activeMembers)
                .from(LOOP_TEAM)
                .where(LOOP_TEAM.ID.eq(DSL.param("id", LOOP_TEAM.ID)))
                .forShare());
    }

    public void insert(Loop loop) {
        dsl.insertInto(LOOP_TEAM)
                .set(LOOP_TEAM.ID, loop.id())
                .set(LOOP_TEAM.OWNER_ID, loop.ownerId())
                .set(LOOP_TEAM.NAME, loop.name())
                .set(LOOP_TEAM.DESCRIPTION, loop.description())
                .set(LOOP_TEAM.ICON, loop.icon())
                .set(LOOP_TEAM.INVITE_CODE, loop.inviteCode())
                .set(LOOP_TEAM.CREATED_AT, loop.createdAt())
                .set(LOOP_TEAM.UPDATED_AT, loop.updatedAt())
                .execute();
    }

    public Optional<Loop> findById(String id) {
        return dsl.selectFrom(LOOP_TEAM).where(LOOP_TEAM.ID.eq(id)).fetchOptional(this::toLoop);
    }

    /** The loop, its row locked until the transaction ends, so owner changes go one at a time. */
    public Optional<Loop> lockById(String id) {
        return dsl.selectFrom(LOOP_TEAM).where(LOOP_TEAM.ID.eq(id)).forUpdate()
                .fetchOptional(this::toLoop);
    }

    /** A loop a request is being added to: its owner, and how many active members it has. */
    public record Destination(String id, String ownerId, int activeMembers) {

        public boolean isOwnedBy(String accountId) {
            return ownerId.equals(accountId);
        }
    }

    /**
     * The loop as a destination, its row share-locked until the transaction ends: it cannot be
     * deleted meanwhile, while others may take the same lock to add their requests. Its members
     * are counted in the same statement (a subquery's rows are not locked).
     */
    public Optional<Destination> findForShare(String id) {
        return forShare.with(id).fetchOptional(r -> new Destination(r.get(0, String.class),
                r.get(1, String.class), r.get(2, Integer.class)));
    }

    public Optional<Loop> findByInviteCode(String code) {
        return dsl.selectFrom(LOOP_TEAM).where(LOOP_TEAM.INVITE_CODE.eq(code))
                .fetchOptional(this::toLoop);
    }

    /** Loops the account owns or is an active member of, newest first. */
    public List<Loop> findVisibleTo(String accountId) {
        return dsl.selectFrom(LOOP_TEAM)
                .where(LOOP_TEAM.OWNER_ID.eq(accountId).or(LOOP_TEAM.ID.in(
                        DSL.select(LOOP_MEMBER.LOOP_ID).from(LOOP_MEMBER)
                                .where(LOOP_MEMBER.ACCOUNT_ID.eq(accountId)
                                        .and(LOOP_MEMBER.STATUS.eq("active"))))))
                .orderBy(LOOP_TEAM.CREATED_AT.desc(), LOOP_TEAM.ID.desc())
                .fetch(this::toLoop);
    }

    public List<Loop> findOwnedBy(String accountId) {
        return dsl.selectFrom(LOOP_TEAM).where(LOOP_TEAM.OWNER_ID.eq(accountId))
                .orderBy(LOOP_TEAM.CREATED_AT.desc(), LOOP_TEAM.ID.desc())
                .fetch(this::toLoop);
    }

    /** The names of the loops the account owns, by id, newest loop first. */
    public Map<String, String> namesOwnedBy(String accountId) {
        Map<String, String> names = new LinkedHashMap<>();
        dsl.select(LOOP_TEAM.ID, LOOP_TEAM.NAME).from(LOOP_TEAM)
                .where(LOOP_TEAM.OWNER_ID.eq(accountId))
                .orderBy(LOOP_TEAM.CREATED_AT.desc(), LOOP_TEAM.ID.desc())
                .forEach(r -> names.put(r.value1(), r.value2()));
        return names;
    }

    public void update(String id, String name, String description, String icon, Instant now) {
        dsl.update(LOOP_TEAM)
                .set(LOOP_TEAM.NAME, name)
                .set(LOOP_TEAM.DESCRIPTION, description)
                .set(LOOP_TEAM.ICON, icon)
                .set(LOOP_TEAM.UPDATED_AT, now)
                .where(LOOP_TEAM.ID.eq(id))
                .execute();
    }

    public void replaceInviteCode(String id, String code, Instant now) {
        dsl.update(LOOP_TEAM)
                .set(LOOP_TEAM.INVITE_CODE, code)
                .set(LOOP_TEAM.UPDATED_AT, now)
                .where(LOOP_TEAM.ID.eq(id))
                .execute();
    }

    /** Deletes the loop with its members and requests; returns {members, requests} removed. */
    public int[] delete(String id) {
        // Cancels that precede this in the transaction leave their writes for the commit (the
        // requests, their history and tallies): they go first, so what is deleted stays deleted.
        Transactions.sendWritesNow(dsl);
        dsl.deleteFrom(REQUEST_EVENT)
                .where(REQUEST_EVENT.REQUEST_ID.in(DSL.select(REVIEW_REQUEST.ID)
                        .from(REVIEW_REQUEST).where(REVIEW_REQUEST.LOOP_ID.eq(id))))
                .execute();
        int requests = dsl.deleteFrom(REVIEW_REQUEST).where(REVIEW_REQUEST.LOOP_ID.eq(id))
                .execute();
        dsl.deleteFrom(REQUEST_TALLY).where(REQUEST_TALLY.LOOP_ID.eq(id)).execute();
        int members = dsl.deleteFrom(LOOP_MEMBER).where(LOOP_MEMBER.LOOP_ID.eq(id)).execute();
        dsl.deleteFrom(LOOP_TEAM).where(LOOP_TEAM.ID.eq(id)).execute();
        return new int[] {members, requests};
    }

    public void addMember(String loopId, String accountId, String role, Instant now) {
        dsl.insertInto(LOOP_MEMBER)
                .set(LOOP_MEMBER.LOOP_ID, loopId)
                .set(LOOP_MEMBER.ACCOUNT_ID, accountId)
                .set(LOOP_MEMBER.ROLE, role)
                .set(LOOP_MEMBER.STATUS, "active")
                .set(LOOP_MEMBER.JOINED_AT, now)
                .onDuplicateKeyUpdate()
                .set(LOOP_MEMBER.STATUS, "active")
                .execute();
    }

    public boolean removeMember(String loopId, String accountId) {
        return dsl.deleteFrom(LOOP_MEMBER)
                .where(LOOP_MEMBER.LOOP_ID.eq(loopId).and(LOOP_MEMBER.ACCOUNT_ID.eq(accountId)))
                .execute() == 1;
    }

    public List<Member> members(String loopId) {
        return dsl.select(LOOP_MEMBER.LOOP_ID, LOOP_MEMBER.ACCOUNT_ID, ACCOUNT.EMAIL, ACCOUNT.NAME,
                        LOOP_MEMBER.ROLE, LOOP_MEMBER.STATUS, LOOP_MEMBER.JOINED_AT)
                .from(LOOP_MEMBER)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(LOOP_MEMBER.ACCOUNT_ID))
                .where(LOOP_MEMBER.LOOP_ID.eq(loopId))
                .orderBy(LOOP_MEMBER.JOINED_AT, LOOP_MEMBER.ACCOUNT_ID)
                .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6(), r.value7()));
    }

    /** The members of each of the given loops, each list ordered as {@link #members}. */
    public Map<String, List<Member>> membersOf(Collection<String> loopIds) {
        if (loopIds.isEmpty()) {
            return Map.of();
        }
        return dsl.select(LOOP_MEMBER.LOOP_ID, LOOP_MEMBER.ACCOUNT_ID, ACCOUNT.EMAIL, ACCOUNT.NAME,
                        LOOP_MEMBER.ROLE, LOOP_MEMBER.STATUS, LOOP_MEMBER.JOINED_AT)
                .from(LOOP_MEMBER)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(LOOP_MEMBER.ACCOUNT_ID))
                .where(LOOP_MEMBER.LOOP_ID.in(loopIds))
                .orderBy(LOOP_MEMBER.LOOP_ID, LOOP_MEMBER.JOINED_AT, LOOP_MEMBER.ACCOUNT_ID)
                .fetchGroups(LOOP_MEMBER.LOOP_ID, r -> new Member(r.value1(), r.value2(),
                        r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    public boolean isActiveMember(String loopId, String accountId) {
        return dsl.fetchExists(LOOP_MEMBER, LOOP_MEMBER.LOOP_ID.eq(loopId)
                .and(LOOP_MEMBER.ACCOUNT_ID.eq(accountId))
                .and(LOOP_MEMBER.STATUS.eq("active")));
    }

    public int activeMemberCount(String loopId) {
        return dsl.fetchCount(LOOP_MEMBER, LOOP_MEMBER.LOOP_ID.eq(loopId)
                .and(LOOP_MEMBER.STATUS.eq("active")));
    }

    /**
     * Open (pending or claimed) requests per loop, from the request tallies: every page that
     * lists loops shows this, and counting a busy loop's open requests row by row does not
     * stay cheap.
     */
    public Map<String, Integer> openRequestCounts(Collection<String> loopIds) {
        return dsl.select(REQUEST_TALLY.LOOP_ID, DSL.sum(REQUEST_TALLY.REQUESTS))
                .from(REQUEST_TALLY)
                .where(REQUEST_TALLY.LOOP_ID.in(loopIds)
                        .and(REQUEST_TALLY.STATUS.in("pending", "claimed")))
                .groupBy(REQUEST_TALLY.LOOP_ID)
                .fetchMap(r -> r.value1(), r -> r.value2() == null ? 0 : r.value2().intValue());
    }

    private Loop toLoop(LoopTeamRecord r) {
        return new Loop(r.getId(), r.getOwnerId(), r.getName(), r.getDescription(), r.getIcon(),
                r.getInviteCode(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
