package io.loopdesk.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loopdesk.web.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo's requests: what an AI moderation pipeline would plausibly ask people. */
final class DemoRequests {

    enum Outcome { PENDING, CLAIMED, COMPLETED, CANCELLED, TIMEOUT }

    record Sample(ObjectNode body, Outcome outcome, JsonNode answer) {
    }

    static final List<Sample> ALL = build();

    private DemoRequests() {
    }

    private static List<Sample> build() {
        List<Sample> all = new ArrayList<>();
        String[] priorities = {"low", "medium", "high", "critical"};
        Outcome[] outcomes = Outcome.values();
        List<Object[]> asks = asks();
        for (int i = 0; i < asks.size(); i++) {
            Object[] ask = asks.get(i);
            ObjectNode body = Json.object();
            body.put("processing_type", i % 3 == 0 ? "time-sensitive" : "deferred");
            if (i % 3 == 0) {
                body.put("timeout_seconds", 86_400);
            }
            body.put("type", ask.length > 5 ? "image" : "markdown");
            if (ask.length > 5) {
                body.put("image_url", (String) ask[5]);
            }
            body.put("priority", priorities[i % priorities.length]);
            body.put("request_text", (String) ask[0]);
            body.put("response_type", (String) ask[1]);
            body.set("response_config", Json.MAPPER.valueToTree(ask[2]));
            body.set("default_response", Json.MAPPER.valueToTree(ask[3]));
            body.set("context", Json.MAPPER.valueToTree(Map.of(
                    "source", "community-forum", "post_id", 48_210 + i * 7,
                    "classifier_score", Math.round((0.51 + (i % 40) / 100.0) * 100) / 100.0)));
            body.set("tags", Json.MAPPER.valueToTree(List.of("demo", (String) ask[1])));
            body.put("platform", i % 4 == 0 ? "n8n" : "api");
            all.add(new Sample(body, outcomes[i % outcomes.length],
                    Json.MAPPER.valueToTree(ask[4])));
        }
        return List.copyOf(all);
    }

    private static List<Object[]> asks() {
        var approve = Map.of("options", List.of(
                Map.of("value", "approve", "label", "Approve", "color", "#1a7f37",
                        "description", "The post stays up"),
                Map.of("value", "reject", "label", "Reject", "color", "#cf222e",
                        "description", "The post is removed"),
                Map.of("value", "escalate", "label", "Escalate", "color", "#9a6700",
                        "description", "Needs a senior moderator")));
        var labels = Map.of("options", List.of("spam", "harassment", "misinformation",
                "off-topic", "self-promotion", "none"), "min_selections", 1, "max_selections", 3);
        var rating = Map.of("scale_min", 1, "scale_max", 5, "scale_step", 1,
                "labels", Map.of("1", "Harmless", "5", "Severe"));
        var refund = Map.of("min_value", 0, "max_value", 500, "decimal_places", 2, "prefix", "$");
        var yesNo = Map.of("true_label", "Safe to publish", "false_label", "Hold back");
        var text = Map.of("placeholder", "Rewrite the reply so it is polite and accurate",
                "min_length", 10, "max_length", 2000, "required", true);

        List<Object[]> asks = new ArrayList<>();
        String[] posts = {
            "**Flagged comment** on *Weekend hiking thread*:\n\n> Anyone who takes the north "
                + "trail is an idiot, seriously.\n\nClassifier says *insult (0.71)*.",
            "A new member posted a link to a crypto giveaway in **#general**:\n\n> Send 0.1 BTC "
                + "and get 1 BTC back! Limited time.",
            "Product review contains a phone number:\n\n> Great blender. Call me at 555-0143 "
                + "if you want mine cheap.",
            "Reply in *Parenting* mentions medication dosage:\n\n> Just give the toddler half "
                + "an adult pill, works every time.",
            "Post in **#politics** quoting a statistic without a source:\n\n> 80% of people "
                + "agree with me on this.",
            "User bio links to an unknown shortener: `bit.ly/3xQ9` — check whether it is safe.",
            "Comment on a news article:\n\n> This reporter should be fired, the article is "
                + "full of mistakes (see paragraph 3).",
            "Marketplace listing titled *Vintage camera, works great* — price looks far below "
                + "market value.",
            "Forum signature contains a table of affiliate links:\n\n| shop | code |\n|---|---|\n"
                + "| Acme | SAVE10 |\n| Globex | DEAL5 |",
            "Reply to a support thread:\n\n> Have you tried turning it off and on again? "
                + "That fixed mine.",
            "Chat message flagged for language in a gaming channel:\n\n> gg ez, uninstall",
        };
        for (int round = 0; round < 4; round++) {
            for (int p = 0; p < posts.length; p++) {
                int kind = (round * posts.length + p) % 6;
                String post = posts[p];
                switch (kind) {
                    case 0 -> asks.add(new Object[] {post + "\n\nShould it stay up?",
                        "single_select", approve, "escalate", "approve"});
                    case 1 -> asks.add(new Object[] {post + "\n\nWhich labels apply?",
                        "multi_select", labels, List.of("none"), List.of("spam")});
                    case 2 -> asks.add(new Object[] {post + "\n\nHow harmful is it?",
                        "rating", rating, 3, 2});
                    case 3 -> asks.add(new Object[] {"A customer asks for a refund after "
                        + "this exchange. How much should we refund?\n\n" + post,
                        "number", refund, 0, 24.99});
                    case 4 -> asks.add(new Object[] {"Is this product photo safe to publish? "
                        + "The listing text is below.\n\n" + post, "boolean", yesNo, false, true,
                        "https://picsum.photos/seed/loopdesk" + p + "/640/420"});
                    default -> asks.add(new Object[] {"Draft a moderator reply for this "
                        + "post.\n\n" + post, "text", text, "Thanks for posting. A moderator "
                        + "will review this shortly.", "Please keep it friendly: the north "
                        + "trail is tough, and tips for it are welcome."});
                }
            }
        }
        return asks;
    }
}
