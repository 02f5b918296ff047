package io.loopdesk.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.problem.InvalidInput;
import io.loopdesk.web.Body;
import io.loopdesk.web.Json;
import java.util.List;

/** The requester's verdict on an answer (SPEC 2.11), reduced to the fields it may hold. */
public final class Feedback {

    private static final List<String> SCORES =
            List.of("rating", "accuracy", "timeliness", "helpfulness");

    private Feedback() {
    }

    public static ObjectNode parse(Body body) {
        Body feedback = body.optionalBody("feedback")
                .orElseThrow(() -> InvalidInput.validation(
                        "feedback is required and must be an object"));
        ObjectNode kept = Json.object();
        for (String score : SCORES) {
            feedback.optionalWhole(score, 1, 5).ifPresent(value -> kept.put(score, value));
        }
        feedback.optionalString("comment", 0, 1_000).ifPresent(c -> kept.put("comment", c));
        feedback.optionalBoolean("would_recommend").ifPresent(b -> kept.put("would_recommend", b));
        feedback.optionalBoolean("follow_up_needed").ifPresent(b -> kept.put("follow_up_needed",
                b));
        feedback.optionalStrings("tags", 20, 50)
                .ifPresent(tags -> kept.set("tags", Json.MAPPER.valueToTree(tags)));
        feedback.optionalEnum("category", Feedback::category, "positive, constructive, issue")
                .ifPresent(c -> kept.put("category", c));
        if (kept.isEmpty()) {
            throw InvalidInput.validation("feedback must hold at least one field");
        }
        return kept;
    }

    private static java.util.Optional<String> category(String value) {
        return List.of("positive", "constructive", "issue").contains(value)
                ? java.util.Optional.of(value) : java.util.Optional.empty();
    }
}
