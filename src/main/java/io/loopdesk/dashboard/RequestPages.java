package io.loopdesk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.account.Account;
import io.loopdesk.account.AccountService;
import io.loopdesk.form.AnswerWords;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.request.RequestCounts;
import io.loopdesk.request.RequestEvent;
import io.loopdesk.request.RequestQuery;
import io.loopdesk.request.RequestService;
import io.loopdesk.request.RequestSummary;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.request.Status;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Markdown;
import io.loopdesk.web.RouteSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The customer's requests: the filtered, paged list and one request in full. */
final class RequestPages implements RouteSet {

    static final int PAGE_SIZE = 25;
    private static final Duration LONGEST_DEADLINE = Duration.ofDays(30);
    private static final List<Map.Entry<String, Duration>> EXTENSIONS = List.of(
            Map.entry("1 hour later", Duration.ofHours(1)),
            Map.entry("6 hours later", Duration.ofHours(6)),
            Map.entry("1 day later", Duration.ofDays(1)),
            Map.entry("3 days later", Duration.ofDays(3)),
            Map.entry("7 days later", Duration.ofDays(7)));

    private final PageAccess access;
    private final RequestService requests;
    private final AccountService accounts;
    private final RequestRows rows;
    private final WebhookPages webhooks;
    private final Clock clock;

    RequestPages(PageAccess access, RequestService requests, AccountService accounts,
                 RequestRows rows, WebhookPages webhooks, Clock clock) {
        this.access = access;
        this.requests = requests;
        this.accounts = accounts;
        this.rows = rows;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/requests", this::list);
        routes.get("/requests/{id}", this::show);
    }

    private void list(Context ctx) {
        Caller caller = access.require(ctx);
        ListFilter filter = ListFilter.from(ctx);
        Map<String, String> loopNames = rows.loopNames(caller.accountId());

        Instant countedAt = clock.instant();
        Optional<RequestCounts> tallied = requests.countsBefore(caller, filter.loopId(),
                filter.priority(), countedAt);
        Map<Status, Integer> counts = tallied.map(RequestCounts::byStatus)
                .orElseGet(() -> requests.countsByStatus(caller));
        int matching;
        int openMatching;
        if (tallied.isPresent() && filter.text().isEmpty()) {
            // Without a search text, the counts per status in the filter's loop and priority
            // say it all.
            RequestCounts by = tallied.get();
            matching = by.matching(filter.status());
            openMatching = filter.status().isPresent()
                    ? (filter.canMatchOpen() ? matching : 0)
                    : by.matching(Optional.of(Status.PENDING))
                    + by.matching(Optional.of(Status.CLAIMED));
        } else {
            matching = countAt(caller, filter, countedAt);
            openMatching = filter.status().isPresent()
                    ? (filter.canMatchOpen() ? matching : 0)
                    : countAt(caller, filter.withStatus(Status.PENDING), countedAt)
                    + countAt(caller, filter.withStatus(Status.CLAIMED), countedAt);
        }

        List<RequestSummary> found = requests.summaries(caller,
                filter.query(caller.accountId(), Optional.empty(), PAGE_SIZE + 1));
        boolean hasOlder = found.size() > PAGE_SIZE;
        List<RequestSummary> shown = hasOlder ? found.subList(0, PAGE_SIZE) : found;
        String olderHref = hasOlder ? filter.at(cursorAfter(shown)).href() : null;

        RequestList page = new RequestList(filter, counts,
                loopChoices(loopNames),
                shown.stream().map(r -> RequestRows.row(r,
                        loopNames.getOrDefault(r.loopId(), ""), null)).toList(),
                matching, openMatching, countedAt, olderHref, filter.after().isEmpty());
        render(ctx, "requests.jte", access.shell(ctx, caller, "Requests", Section.REQUESTS),
                Map.of("page", page));
    }

    /** How many requests match the filter among those created before {@code moment}. */
    private int countAt(Caller caller, ListFilter filter, Instant moment) {
        return requests.countMatching(caller,
                filter.at(null).query(caller.accountId(), Optional.of(moment), 1));
    }

    private static RequestQuery.Cursor cursorAfter(List<RequestSummary> shown) {
        RequestSummary last = shown.get(shown.size() - 1);
        return new RequestQuery.Cursor(last.createdAt(), last.id());
    }

    private static List<RequestList.LoopChoice> loopChoices(Map<String, String> names) {
        return names.entrySet().stream()
                .map(e -> new RequestList.LoopChoice(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        ReviewRequest r = requests.get(caller, ctx.pathParam("id"));
        List<RequestEvent> events = requests.events(caller, r.id());
        Map<String, String> names = names(caller, r, events);
        String loopName = rows.loopNames(caller.accountId()).getOrDefault(r.loopId(), "");

        RequestDetail detail = new RequestDetail(r.id(), r.loopId(), loopName, r.status(),
                r.priority(), r.processingType().wireName(), Markdown.toSafeHtml(r.requestText()),
                r.imageUrl(), entries(r.context()), r.tags(), describeForm(r),
                AnswerWords.of(ResponseForm.parse(r.responseType(), r.responseConfig()),
                        r.defaultResponse()),
                r.createdAt(), r.timeoutAt(), answer(r, names), r.cancelledAt(), r.cancelReason(),
                entries(r.feedback()), timeline(r, events, names), extensions(r));
        render(ctx, "request.jte", access.shell(ctx, caller, "Request " + detail.shortId(),
                Section.REQUESTS), Map.of("request", detail,
                "deliveries", webhooks.deliveriesOfRequest(caller, r.id())));
    }

    private static String describeForm(ReviewRequest r) {
        return ResponseForm.parse(r.responseType(), r.responseConfig()).describe();
    }

    private static RequestDetail.Answer answer(ReviewRequest r, Map<String, String> names) {
        if (r.responseData() == null || r.responseData().isNull()) {
            return null;
        }
        boolean isDefault = ReviewRequest.FROM_TIMEOUT.equals(r.responseSource());
        String by = isDefault ? "the default answer, because nobody answered in time"
                : names.getOrDefault(r.responseBy(), "a reviewer");
        return new RequestDetail.Answer(
                AnswerWords.of(ResponseForm.parse(r.responseType(), r.responseConfig()),
                        r.responseData()), by,
                isDefault, r.responseAt(), r.responseTimeSeconds());
    }

    private List<RequestDetail.Extension> extensions(ReviewRequest r) {
        if (!r.status().isOpen()) {
            return List.of();
        }
        Instant latest = r.createdAt().plus(LONGEST_DEADLINE);
        List<RequestDetail.Extension> choices = new ArrayList<>();
        for (Map.Entry<String, Duration> step : EXTENSIONS) {
            Instant until = r.timeoutAt().plus(step.getValue());
            if (!until.isAfter(latest)) {
                choices.add(new RequestDetail.Extension(step.getKey(), until));
            }
        }
        return choices;
    }

    /** Display names of everyone in the history; the viewer is "you". */
    private Map<String, String> names(Caller caller, ReviewRequest r, List<RequestEvent> events) {
        Map<String, String> names = new HashMap<>();
        List<String> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.actorId()));
        ids.add(r.responseBy());
        for (String id : ids) {
            if (id == null || names.containsKey(id)) {
                continue;
            }
            names.put(id, id.equals(caller.accountId()) ? "you"
                    : accounts.findAccount(id).map(RequestPages::nameOf).orElse("a former member"));
        }
        return names;
    }

    private static List<RequestDetail.Moment> timeline(ReviewRequest r, List<RequestEvent> events,
                                                       Map<String, String> names) {
        List<RequestDetail.Moment> moments = new ArrayList<>();
        for (RequestEvent e : events) {
            String who = e.actorId() == null ? "Loopdesk" : names.getOrDefault(e.actorId(), "");
            moments.add(new RequestDetail.Moment(e.createdAt(), Timeline.what(e), who,
                    Timeline.detail(r, e)));
        }
        return moments;
    }

    private static List<RequestDetail.Entry> entries(JsonNode object) {
        List<RequestDetail.Entry> entries = new ArrayList<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(field -> entries.add(new RequestDetail.Entry(
                    field.getKey(), field.getValue().isTextual() ? field.getValue().textValue()
                            : field.getValue().toString())));
        }
        return entries;
    }

    private static void render(Context ctx, String template, Shell shell,
                               Map<String, Object> more) {
        Map<String, Object> model = new HashMap<>(more);
        model.put("shell", shell);
        ctx.render(template, model);
    }

    private static String nameOf(Account account) {
        return account.name() + " (" + account.email() + ")";
    }
}
