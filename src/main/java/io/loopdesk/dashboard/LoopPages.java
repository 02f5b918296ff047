package io.loopdesk.dashboard;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.loop.LoopService;
import io.loopdesk.loop.LoopView;
import io.loopdesk.web.Caller;
import io.loopdesk.web.RouteSet;
import java.util.List;
import java.util.Map;

/**
 * The loops a customer owns or reviews in, and one loop with its invitation and members.
 * Every change is made by the page's htmx calls to the loop routes of the JSON API.
 */
final class LoopPages implements RouteSet {

    private final PageAccess access;
    private final LoopService loops;

    LoopPages(PageAccess access, LoopService loops) {
        this.access = access;
        this.loops = loops;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/loops", this::list);
        routes.get("/loops/{id}", this::show);
        routes.get("/join/{code}", this::join);
    }

    private void list(Context ctx) {
        Caller caller = access.require(ctx);
        List<LoopView> visible = loops.listVisible(caller.accountId());
        ctx.render("loops.jte", Map.of(
                "shell", access.shell(ctx, caller, "Loops", Section.LOOPS),
                "loops", visible,
                "accountId", caller.accountId()));
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        LoopView loop = loops.get(ctx.pathParam("id"), caller.accountId());
        ctx.render("loop.jte", Map.of(
                "shell", access.shell(ctx, caller, loop.name(), Section.LOOPS),
                "loop", loop,
                "isOwner", loop.creatorId().equals(caller.accountId())));
    }

    /** An invitation link: after log-in the visitor confirms, and joins through the API. */
    private void join(Context ctx) {
        Caller caller = access.require(ctx);
        ctx.render("join.jte", Map.of(
                "shell", access.shell(ctx, caller, "Join a loop", Section.LOOPS),
                "code", ctx.pathParam("code")));
    }
}
