package io.loopdesk.review.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.loopdesk.dashboard.PageAccess;
import io.loopdesk.dashboard.Section;
import io.loopdesk.form.AnswerWords;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.request.ReviewRequest;
import io.loopdesk.review.ReviewService;
import io.loopdesk.web.Caller;
import io.loopdesk.web.Markdown;
import io.loopdesk.web.RouteSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The requests a reviewer answered, newest first, with the requester's feedback. */
public final class HistoryPage implements RouteSet {

    // LIMITATION: only the newest answers are listed — the repository's query has no cursor;
    // adding a (response_at, id) cursor like the requests list's would page through all.
    static final int SHOWN = 100;
    private static final int EXCERPT_LENGTH = 200;
    private static final List<Map.Entry<String, String>> SCORES = List.of(
            Map.entry("rating", "Rating"), Map.entry("accuracy", "Accuracy"),
            Map.entry("timeliness", "Timeliness"), Map.entry("helpfulness", "Helpfulness"));

    private final PageAccess access;
    private final ReviewService reviews;

    public HistoryPage(PageAccess access, ReviewService reviews) {
        this.access = access;
        this.reviews = reviews;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/queue/history", this::show);
    }

    private void show(Context ctx) {
        Caller caller = access.require(ctx);
        String me = caller.accountId();
        Map<String, String> loopNames = reviews.loopNames(me);
        List<HistoryItem> items = new ArrayList<>();
        for (ReviewRequest r : reviews.history(me, SHOWN)) {
            items.add(item(r, loopNames.getOrDefault(r.loopId(), "a loop you have left")));
        }

        Map<String, Object> model = new HashMap<>();
        model.put("shell", access.shell(ctx, caller, "Your answers", Section.QUEUE));
        model.put("items", items);
        model.put("isCut", items.size() == SHOWN);
        ctx.render("history.jte", model);
    }

    private static HistoryItem item(ReviewRequest r, String loopName) {
        ResponseForm form = ResponseForm.parse(r.responseType(), r.responseConfig());
        JsonNode feedback = r.feedback();
        String comment = feedback == null ? null : text(feedback.path("comment"));
        return new HistoryItem(r.id(), r.priority(), loopName,
                Markdown.excerpt(r.requestText(), EXCERPT_LENGTH), r.responseAt(),
                AnswerWords.of(form, r.responseData()), comment, facts(feedback));
    }

    private static List<HistoryItem.Fact> facts(JsonNode feedback) {
        List<HistoryItem.Fact> facts = new ArrayList<>();
        if (feedback == null || !feedback.isObject()) {
            return facts;
        }
        for (Map.Entry<String, String> score : SCORES) {
            JsonNode value = feedback.path(score.getKey());
            if (value.isNumber()) {
                facts.add(new HistoryItem.Fact(score.getValue(), value.asText() + " of 5"));
            }
        }
        yesNo(facts, feedback.path("would_recommend"), "Would recommend");
        yesNo(facts, feedback.path("follow_up_needed"), "Follow-up needed");
        String category = text(feedback.path("category"));
        if (category != null) {
            facts.add(new HistoryItem.Fact("Kind", switch (category) {
                case "issue" -> "an issue";
                default -> category;
            }));
        }
        JsonNode tags = feedback.path("tags");
        if (tags.isArray() && !tags.isEmpty()) {
            List<String> words = new ArrayList<>();
            tags.forEach(tag -> words.add(tag.asText()));
            facts.add(new HistoryItem.Fact("Tags", String.join(", ", words)));
        }
        return facts;
    }

    private static void yesNo(List<HistoryItem.Fact> facts, JsonNode value, String label) {
        if (value.isBoolean()) {
            facts.add(new HistoryItem.Fact(label, value.booleanValue() ? "yes" : "no"));
        }
    }

    private static String text(JsonNode value) {
        return value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
