package io.loopdesk.review.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.dashboard.PageAccess;
import io.loopdesk.dashboard.Section;
import io.loopdesk.problem.NotFound;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.review.QueueMarker;
import io.loopdesk.review.ReviewFragments;
import io.loopdesk.review.ReviewService;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Markdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reviewer's pages: the queue, and one request to claim and answer. Pages only read; claims,
 * releases and answers go through the reviewer API's routes, which answer these pages' htmx
 * calls with the fragments built here. Both pages poll the database (never this process's
 * memory), so they see changes made through any server process.
 */
public final class ReviewPages implements ReviewFragments, io.loopdesk.web.RouteSet {

    private static final int EXCERPT_LENGTH = 160;

    private final PageAccess access;
    private final ReviewService reviews;
    private final ReviewViews views;
    private final Clock clock;

    public ReviewPages(PageAccess access, ReviewService reviews, Duration lease, Clock clock) {
        this.access = access;
        this.reviews = reviews;
        this.views = new ReviewViews(reviews, lease, clock);
        this.clock = clock;
    }

    // LIMITATION: claiming, answering and releasing need JavaScript (htmx); without it the pages
    // read fine but their buttons do nothing — the API routes answer plain form posts with JSON.
    // A plain-form branch on those routes (303 back to the page, errors as a page) would lift it.
    @Override
    public void register(RoutesConfig routes) {
        routes.get("/queue", this::queuePage);
        routes.get("/review/{id}", this::reviewPage);
        routes.get("/review/{id}/watch", this::watch);
    }

    // ---- queue ------------------------------------------------------------------------------

    private void queuePage(Context ctx) {
        Caller caller = access.require(ctx);
        String me = caller.accountId();
        QueueMarker marker = reviews.queueMarker(me);
        List<ReviewRequest> queue = reviews.queue(me);
        QueueView view = queueView(me, marker.until(queue), queue);

        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "Queue", Section.QUEUE));
        model.put("queue", view);
        model.put("joined", joinedLoop(ctx, me).orElse(null));
        ctx.render("queue.jte", model);
    }

    @Override
    public void queue(Context ctx, Caller caller, QueueMarker marker, List<ReviewRequest> queue) {
        ctx.render("_queue_items.jte",
                Map.of("queue", queueView(caller.accountId(), marker, queue)));
    }

    private QueueView queueView(String me, QueueMarker marker, List<ReviewRequest> queue) {
        Map<String, String> loopNames = reviews.loopNames(me);
        Instant now = clock.instant();
        List<QueueView.Item> mine = new ArrayList<>();
        List<QueueView.Item> open = new ArrayList<>();
        for (ReviewRequest r : queue) {
            boolean isMine = r.isClaimedBy(me);
            QueueView.Item item = new QueueView.Item(r.id(), r.priority(),
                    loopNames.getOrDefault(r.loopId(), ""),
                    Markdown.excerpt(r.requestText(), EXCERPT_LENGTH),
                    QueueView.answerKind(r.responseType()), r.createdAt(), r.timeoutAt(),
                    TimeLeft.until(r.timeoutAt(), now), TimeLeft.isShort(r.timeoutAt(), now),
                    isMine ? r.claimExpiresAt() : null,
                    isMine ? TimeLeft.until(r.claimExpiresAt(), now) : null);
            (isMine ? mine : open).add(item);
        }
        return new QueueView(marker.format(), mine, open, loopNames.size());
    }

    /** The loop named by {@code ?joined=} after a join, if the reviewer is in it. */
    private Optional<String> joinedLoop(Context ctx, String me) {
        String loopId = ctx.queryParam("joined");
        return loopId == null ? Optional.empty()
                : Optional.ofNullable(reviews.loopNames(me).get(loopId));
    }

    // ---- one request --------------------------------------------------------------------

    private void reviewPage(Context ctx) {
        Caller caller = access.require(ctx);
        String me = caller.accountId();
        ReviewRequest r = reviews.lookIn(me, ctx.pathParam("id")).orElseThrow(NotFound::request);
        ReviewView view = views.view(r, me);

        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "Review " + view.shortId(), Section.QUEUE));
        model.put("view", view);
        model.put("watch", views.quietWatch(r, me));
        ctx.render("review.jte", model);
    }

    /**
     * Polled every second by an open request page with the version it shows. Unchanged: an
     * empty 204 that htmx leaves alone. Changed: the watcher again, with what to tell the
     * reviewer, and the parts of the page that changed.
     */
    private void watch(Context ctx) {
        Caller caller = access.require(ctx);
        String me = caller.accountId();
        String id = ctx.pathParam("id");
        boolean answering = "1".equals(ctx.queryParam("answering"));
        Optional<ReviewRequest> current = reviews.lookIn(me, id);

        if (current.isPresent() && String.valueOf(current.get().version())
                .equals(ctx.queryParam("version"))) {
            ctx.status(204);
            return;
        }
        Map<String, Object> model = new HashMap<>();
        if (current.isEmpty()) {
            model.put("watch", views.goneWatch(id, answering));
            model.put("view", null);
        } else {
            model.put("watch", views.changedWatch(current.get(), me, answering));
            model.put("view", views.view(current.get(), me));
        }
        ctx.render("_review_watched.jte", model);
    }

    @Override
    public void work(Context ctx, Caller caller, ReviewRequest request) {
        String me = caller.accountId();
        ctx.render("_review_swap.jte", Map.of(
                "view", views.view(request, me),
                "watch", views.quietWatch(request, me)));
    }
}
