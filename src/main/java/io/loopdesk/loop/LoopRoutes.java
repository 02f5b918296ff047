package io.loopdesk.loop;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.account.Permission;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.problem.NotFound;
import io.loopdesk.request.RequestService;
import io.loopdesk.web.Api;
import io.loopdesk.web.Body;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.RouteSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The loop endpoints of the JSON API, and the QR code image of an invite link. */
public final class LoopRoutes implements RouteSet {

    private static final String ACCESS_DENIED = "Access denied to this loop";
    private static final int ANY_LENGTH = Integer.MAX_VALUE;

    private final LoopService loops;

    /** A loop's request list is served by the request routes; {@code requests} is not used. */
    public LoopRoutes(LoopService loops, RequestService requests) {
        this.loops = loops;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes)
                .post("/loops", this::create)
                .get("/loops", this::list)
                .post("/loops/join", this::join)
                .get("/loops/{loopId}", this::show)
                .put("/loops/{loopId}", this::update)
                .delete("/loops/{loopId}", this::delete)
                .get("/loops/{loopId}/members", this::members)
                .delete("/loops/{loopId}/members/{userId}", this::removeMember)
                .post("/loops/{loopId}/invite-code", this::rotateInviteCode);
        routes.get("/qr/{code}.png", this::qrCode);
    }

    private void create(Context ctx) {
        Caller caller = writer(ctx);
        Body body = Body.of(ctx);
        LoopInvite created = loops.create(caller.accountId(), text(body, "name").orElse(null),
                text(body, "description").orElse(null), text(body, "icon").orElse(null));
        ctx.status(201).json(Envelope.success("Loop created successfully with QR code", created));
    }

    private void list(Context ctx) {
        Caller caller = reader(ctx);
        var visible = loops.listVisible(caller.accountId());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("loops", visible);
        data.put("count", visible.size());
        ctx.json(Envelope.success("Loops retrieved successfully", data));
    }

    private void show(Context ctx) {
        Caller caller = reader(ctx);
        LoopView loop = loops.get(ctx.pathParam("loopId"), caller.accountId());
        ctx.json(Envelope.success("Loop retrieved successfully", Map.of("loop", loop)));
    }

    private void update(Context ctx) {
        Caller caller = writer(ctx);
        Body body = Body.of(ctx);
        LoopChanges changes = new LoopChanges(text(body, "name"), text(body, "description"),
                text(body, "icon"));
        LoopView loop = loops.update(ctx.pathParam("loopId"), caller.accountId(), changes);
        ctx.json(Envelope.success("Loop updated successfully", Map.of("loop", loop)));
    }

    private void delete(Context ctx) {
        Caller caller = writer(ctx);
        LoopDeletion deletion = loops.delete(ctx.pathParam("loopId"), caller.accountId(),
                force(ctx));
        ctx.json(Envelope.success("Loop deleted successfully", deletion));
    }

    private void members(Context ctx) {
        Caller caller = reader(ctx);
        MemberRoster roster = loops.members(ctx.pathParam("loopId"), caller.accountId());
        ctx.json(Envelope.success("Members retrieved successfully", roster));
    }

    private void removeMember(Context ctx) {
        Caller caller = writer(ctx);
        MemberRemoval removal = loops.removeMember(ctx.pathParam("loopId"), caller.accountId(),
                ctx.pathParam("userId"));
        ctx.json(Envelope.success("Member removed successfully", removal));
    }

    private void rotateInviteCode(Context ctx) {
        Caller caller = writer(ctx);
        LoopInvite invite = loops.rotateInviteCode(ctx.pathParam("loopId"), caller.accountId());
        ctx.json(Envelope.success("Invite code rotated successfully", invite));
    }

    private void join(Context ctx) {
        Caller caller = writer(ctx);
        String code = text(Body.of(ctx), "invite_code")
                .orElseThrow(() -> InvalidInput.validation("invite_code is required"));
        LoopView loop = loops.join(code, caller.accountId());
        ctx.json(Envelope.success("Joined loop successfully", Map.of("loop", loop)));
    }

    /** No authentication: whoever holds the code may see it drawn, and it stops with the code. */
    private void qrCode(Context ctx) {
        byte[] png = loops.qrCodePng(ctx.pathParam("code"))
                .orElseThrow(() -> new NotFound("Invalid invite code"));
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("image/png").result(png);
        // The server sets UTF-8 on every answer; a PNG has no character set.
        ctx.res().setCharacterEncoding(null);
    }

    private static Caller reader(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.LOOPS_READ, ACCESS_DENIED);
        return caller;
    }

    private static Caller writer(Context ctx) {
        Caller caller = Caller.of(ctx);
        caller.require(Permission.LOOPS_WRITE, ACCESS_DENIED);
        return caller;
    }

    /** A string field of any length; its bounds are the service's to check. */
    private static Optional<String> text(Body body, String field) {
        return body.optionalString(field, 0, ANY_LENGTH);
    }

    private static boolean force(Context ctx) {
        String force = ctx.queryParam("force");
        if (force == null || force.isEmpty() || force.equalsIgnoreCase("false")) {
            return false;
        }
        if (force.equalsIgnoreCase("true")) {
            return true;
        }
        throw InvalidInput.validation("force must be true or false");
    }
}
