package io.loopdesk.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.loopdesk.form.AnswerWords;
import io.loopdesk.form.ResponseForm;
import io.loopdesk.request.RequestEvent;
import io.loopdesk.request.ReviewRequest;
import java.util.ArrayList;
import java.util.List;

/** A request's history events told in words. */
final class Timeline {

    private Timeline() {
    }

    static String what(RequestEvent e) {
        return switch (e.action()) {
            case "created" -> "Created";
            case "claimed" -> "Claimed";
            case "released" -> "Released back to the queue";
            case "lease_expired" -> "Claim expired; back in the queue";
            case "claim_revoked" -> "Claim ended: the reviewer left the loop";
            case "responded" -> "Answered";
            case "timed_out" -> "Timed out; the default answer was used";
            case "cancelled" -> "Cancelled";
            case "adjusted" -> "Changed";
            case "feedback" -> "Feedback given";
            default -> e.action().replace('_', ' ');
        };
    }

    static String detail(ReviewRequest r, RequestEvent e) {
        JsonNode details = e.details();
        if (details == null || !details.isObject()) {
            return "";
        }
        return switch (e.action()) {
            case "cancelled" -> cancelled(details);
            case "adjusted" -> adjusted(details);
            case "responded" -> AnswerWords.of(ResponseForm.parse(r.responseType(),
                    r.responseConfig()),
                    details.get("response_data"));
            default -> "";
        };
    }

    private static String cancelled(JsonNode details) {
        String reason = details.path("reason").asText("");
        String refund = details.path("refunded").asBoolean()
                ? "its quota unit was refunded" : "no refund: a reviewer had claimed it";
        return (reason.isEmpty() ? "No reason given" : "Reason: " + reason) + " · " + refund;
    }

    private static String adjusted(JsonNode details) {
        List<String> changes = new ArrayList<>();
        if (details.has("priority")) {
            changes.add("priority set to " + details.get("priority").asText());
        }
        if (details.has("timeout_at")) {
            changes.add("deadline extended");
        }
        if (details.has("context")) {
            changes.add("context updated");
        }
        if (details.has("tags")) {
            changes.add("tags updated");
        }
        return String.join(", ", changes);
    }
}
