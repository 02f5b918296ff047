package io.loopdesk.loop;

import io.loopdesk.Ids;
import io.loopdesk.account.AccountRepository;
import io.loopdesk.db.Transactions;
import io.loopdesk.problem.Conflict;
import io.loopdesk.problem.Forbidden;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.request.RequestService;
import io.loopdesk.review.ReviewService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loops and their membership: creating and changing a loop, inviting reviewers by code, and
 * removing them. A loop is visible to its owner and its active members only; to anyone else it
 * does not exist. Only the owner may change it.
 */
public final class LoopService {

    private static final Logger log = LoggerFactory.getLogger(LoopService.class);
    private static final String DEFAULT_ICON = "shield-check";
    private static final String OWNER_ROLE = "admin";
    private static final String MEMBER_ROLE = "member";
    private static final String CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    // 16 characters of 36 give about 82 bits. Lowercase only, because the column's collation
    // compares case-insensitively and a code is often typed by hand.
    private static final int CODE_LENGTH = 16;
    private static final int MAX_CODE_LENGTH = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Transactions tx;
    private final LoopRepository loops;
    private final RequestService requests;
    private final ReviewService reviews;
    private final Clock clock;
    private volatile String baseUrl;

    /** Member names and emails come joined from {@code loops}; accounts are not read here. */
    public LoopService(Transactions tx, LoopRepository loops, AccountRepository accounts,
                       RequestService requests, ReviewService reviews, Clock clock,
                       String publicBaseUrl) {
        this.tx = tx;
        this.loops = loops;
        this.requests = requests;
        this.reviews = reviews;
        this.clock = clock;
        this.baseUrl = trimSlashes(publicBaseUrl);
    }

    /** The absolute base of join and QR links; known for certain only once the port is bound. */
    public void useBaseUrl(String publicBaseUrl) {
        this.baseUrl = trimSlashes(publicBaseUrl);
    }

    public LoopInvite create(String accountId, String name, String description, String icon) {
        String checkedName = checkName(name);
        String checkedDescription = checkDescription(description);
        String checkedIcon = checkIcon(icon);

        Instant now = now();
        LoopView view = tx.inTransaction(() -> {
            Loop loop = new Loop(Ids.next(), accountId, checkedName, checkedDescription,
                    checkedIcon, unusedInviteCode(), now, now);
            loops.insert(loop);
            loops.addMember(loop.id(), accountId, OWNER_ROLE, now);
            return view(loop, accountId);
        });
        log.info("loop created loop_id={} account={}", view.id(), accountId);
        return invite(view);
    }

    /** Whether the account works in others' loops and owns none: a reviewer, only. */
    public boolean onlyReviews(String accountId) {
        return loops.findOwnedBy(accountId).isEmpty()
                && !loops.findVisibleTo(accountId).isEmpty();
    }

    /** The names of the loops the account owns, by id, newest loop first. */
    public Map<String, String> namesOwnedBy(String accountId) {
        return loops.namesOwnedBy(accountId);
    }

    public List<LoopView> listVisible(String accountId) {
        return tx.inTransaction(() -> views(loops.findVisibleTo(accountId), accountId));
    }

    public LoopView get(String loopId, String accountId) {
        return tx.inTransaction(() -> view(visibleLoop(loopId, accountId, false), accountId));
    }

    public LoopView update(String loopId, String accountId, LoopChanges changes) {
        LoopView view = tx.inTransaction(() -> {
            Loop loop = ownedLoop(loopId, accountId);
            if (changes.isEmpty()) {
                throw new InvalidInput("At least one field must be provided for update");
            }
            String name = changes.name().map(LoopService::checkName).orElse(loop.name());
            String description = changes.description().map(LoopService::checkDescription)
                    .orElse(loop.description());
            String icon = changes.icon().map(LoopService::checkIcon).orElse(loop.icon());

            loops.update(loop.id(), name, description, icon, now());
            return view(loops.findById(loop.id()).orElseThrow(), accountId);
        });
        log.info("loop updated loop_id={} account={} fields={}", view.id(), accountId,
                String.join(",", changes.fieldNames()));
        return view;
    }

    /**
     * Deletes the loop with its members and requests. While requests are open this is refused
     * unless {@code force} is set, which cancels them first (with their usual refunds and
     * webhooks) so that no requester is left waiting on a loop that is gone.
     */
    public LoopDeletion delete(String loopId, String accountId, boolean force) {
        Instant now = now();
        int[] cancelled = new int[1];
        LoopDeletion deletion = tx.inTransaction(() -> {
            Loop loop = ownedLoop(loopId, accountId);
            int open = loops.openRequestCounts(List.of(loop.id())).getOrDefault(loop.id(), 0);
            if (open > 0 && !force) {
                throw new Conflict("Cannot delete loop with active requests",
                        Map.of("loop_id", loop.id(), "open_request_count", open));
            }
            if (open > 0) {
                cancelled[0] = requests.cancelOpenInLoop(loop.id(), accountId);
            }

            int[] removed = loops.delete(loop.id());
            return new LoopDeletion(loop.id(), now,
                    new LoopDeletion.DeletedData(removed[0], removed[1]));
        });
        log.info("loop deleted loop_id={} account={} force={} requests_cancelled={} "
                        + "members_removed={} requests_deleted={}", deletion.loopId(), accountId,
                force, cancelled[0], deletion.deletedData().membersRemoved(),
                deletion.deletedData().requestsDeleted());
        return deletion;
    }

    public MemberRoster members(String loopId, String accountId) {
        return tx.inTransaction(() -> {
            Loop loop = visibleLoop(loopId, accountId, false);
            requireOwner(loop, accountId);
            return MemberRoster.of(loops.members(loop.id()));
        });
    }

    /**
     * Removes a reviewer from the loop. Whatever they had claimed in it goes back to pending at
     * once rather than waiting for the lease to run out.
     */
    public MemberRemoval removeMember(String loopId, String accountId, String userId) {
        Instant now = now();
        int[] released = new int[1];
        MemberRemoval removal = tx.inTransaction(() -> {
            Loop loop = ownedLoop(loopId, accountId);
            if (loop.isOwnedBy(userId)) {
                throw new InvalidInput("The loop owner cannot be removed");
            }
            if (!Ids.isWellFormed(userId) || !loops.removeMember(loop.id(), userId)) {
                throw new NotFound("Member not found");
            }
            released[0] = reviews.releaseClaimsOf(loop.id(), userId);
            return new MemberRemoval(loop.id(), userId, now);
        });
        log.info("loop member removed loop_id={} account={} member={} claims_released={}",
                removal.loopId(), accountId, userId, released[0]);
        return removal;
    }

    /** Replaces the invite code; the old code, its join link and its QR code stop working. */
    public LoopInvite rotateInviteCode(String loopId, String accountId) {
        LoopView view = tx.inTransaction(() -> {
            Loop loop = ownedLoop(loopId, accountId);
            loops.replaceInviteCode(loop.id(), unusedInviteCode(), now());
            return view(loops.findById(loop.id()).orElseThrow(), accountId);
        });
        log.info("loop invite code rotated loop_id={} account={}", view.id(), accountId);
        return invite(view);
    }

    /** Joins as an active member. Joining a loop one already belongs to (or owns) is a no-op. */
    public LoopView join(String inviteCode, String accountId) {
        String code = inviteCode == null ? "" : inviteCode.strip();
        if (code.isEmpty() || code.length() > MAX_CODE_LENGTH) {
            throw invalidCode();
        }

        boolean[] joined = new boolean[1];
        LoopView view = tx.inTransaction(() -> {
            Loop loop = loops.findByInviteCode(code).orElseThrow(LoopService::invalidCode);
            if (!loop.isOwnedBy(accountId) && !loops.isActiveMember(loop.id(), accountId)) {
                loops.addMember(loop.id(), accountId, MEMBER_ROLE, now());
                joined[0] = true;
            }
            return view(loop, accountId);
        });
        if (joined[0]) {
            log.info("loop member joined loop_id={} account={}", view.id(), accountId);
        }
        return view;
    }

    /** The QR code of the join link for a live invite code; empty for an unknown or old one. */
    public Optional<byte[]> qrCodePng(String inviteCode) {
        if (inviteCode == null || inviteCode.isEmpty() || inviteCode.length() > MAX_CODE_LENGTH) {
            return Optional.empty();
        }
        return loops.findByInviteCode(inviteCode)
                .map(loop -> QrCodes.png(joinUrl(loop.inviteCode())));
    }

    private Loop visibleLoop(String loopId, String accountId, boolean lock) {
        if (!Ids.isWellFormed(loopId)) {
            throw NotFound.loop();
        }
        Loop loop = (lock ? loops.lockById(loopId) : loops.findById(loopId))
                .orElseThrow(NotFound::loop);
        if (!loop.isOwnedBy(accountId) && !loops.isActiveMember(loop.id(), accountId)) {
            throw NotFound.loop();
        }
        return loop;
    }

    /** The loop, locked for a change by its owner; members learn only that they may not. */
    private Loop ownedLoop(String loopId, String accountId) {
        Loop loop = visibleLoop(loopId, accountId, true);
        requireOwner(loop, accountId);
        return loop;
    }

    private static void requireOwner(Loop loop, String accountId) {
        if (!loop.isOwnedBy(accountId)) {
            throw new Forbidden("Only the loop owner can do this");
        }
    }

    private LoopView view(Loop loop, String viewerId) {
        return views(List.of(loop), viewerId).get(0);
    }

    private List<LoopView> views(List<Loop> list, String viewerId) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<String> ids = list.stream().map(Loop::id).toList();
        Map<String, List<Member>> members = loops.membersOf(ids);
        Map<String, Integer> open = loops.openRequestCounts(ids);
        return list.stream()
                .map(loop -> LoopView.of(loop, members.getOrDefault(loop.id(), List.of()),
                        open.getOrDefault(loop.id(), 0),
                        loop.isOwnedBy(viewerId) ? links(loop.inviteCode()) : null))
                .toList();
    }

    private LoopInvite invite(LoopView ownerView) {
        String code = ownerView.inviteCode();
        return new LoopInvite(ownerView, code, QrCodes.dataUrl(QrCodes.png(joinUrl(code))),
                ownerView.qrCodeUrl(), ownerView.joinUrl());
    }

    private LoopView.InviteLinks links(String code) {
        return new LoopView.InviteLinks(code, joinUrl(code), baseUrl + "/qr/" + code + ".png");
    }

    private String joinUrl(String code) {
        return baseUrl + "/join/" + code;
    }

    private String unusedInviteCode() {
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = randomCode();
            if (loops.findByInviteCode(code).isEmpty()) {
                return code;
            }
        }
        throw new IllegalStateException("No unused invite code found after 5 attempts");
    }

    /** Now, at the precision the database keeps, so an answer shows what a later read shows. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String randomCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static String checkName(String name) {
        if (name == null) {
            throw InvalidInput.validation("name is required");
        }
        return checkLength("name", name.strip(), 1, 100);
    }

    private static String checkDescription(String description) {
        return description == null ? "" : checkLength("description", description.strip(), 0, 500);
    }

    /** A blank icon means the default one. */
    private static String checkIcon(String icon) {
        return icon == null || icon.isBlank() ? DEFAULT_ICON
                : checkLength("icon", icon.strip(), 1, 100);
    }

    private static String checkLength(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            throw InvalidInput.validation(min == 0
                    ? field + " must be at most " + max + " characters"
                    : field + " must be " + min + " to " + max + " characters");
        }
        return value;
    }

    private static NotFound invalidCode() {
        return new NotFound("Invalid invite code");
    }

    private static String trimSlashes(String url) {
        return url == null ? "" : url.replaceAll("/+$", "");
    }
}
