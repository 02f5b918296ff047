package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A loop with its owner and a reviewer, requests of every answer type, and API reads. */
final class Desk {

    final TestServer server = TestServer.get();

    /** An owner, a reviewer who joined the owner's loop, and the loop. */
    record Team(Person owner, Person reviewer, String loopId) {
    }

    Team team(String loopName) {
        Person owner = server.newPerson("Olive Owner");
        Person reviewer = server.newPerson("Remy Reviewer");
        String loopId = server.newLoop(owner, loopName);
        server.join(owner, loopId, reviewer);
        return new Team(owner, reviewer, loopId);
    }

    Person joinedReviewer(Team team, String name) {
        Person another = server.newPerson(name);
        server.join(team.owner(), team.loopId(), another);
        return another;
    }

    static Map<String, Object> body(String text, String type, Object config, Object fallback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processing_type", "deferred");
        body.put("type", "markdown");
        body.put("priority", "medium");
        body.put("request_text", text);
        body.put("response_type", type);
        body.put("response_config", config);
        body.put("default_response", fallback);
        return body;
    }

    static Map<String, Object> text() {
        return body("Summarise why this **refund** was refused, for the customer.", "text",
                Map.of("placeholder", "Two or three sentences", "min_length", 10,
                        "max_length", 280, "required", true),
                "No summary");
    }

    static Map<String, Object> singleSelect() {
        return body("Is this comment acceptable?\n\n> You are all wonderful, but shipping took"
                        + " **three weeks**.", "single_select",
                Map.of("options", List.of(
                        Map.of("value", "approve", "label", "Approve",
                                "description", "Publish it as it is", "color", "#16a34a"),
                        Map.of("value", "reject", "label", "Reject",
                                "description", "Hide it and tell the author why",
                                "color", "#dc2626"),
                        Map.of("value", "escalate", "label", "Escalate", "color", "orange"))),
                "reject");
    }

    static Map<String, Object> multiSelect() {
        return body("Which rules does this post break?", "multi_select",
                Map.of("options", List.of(
                        Map.of("value", "spam", "label", "Spam"),
                        Map.of("value", "abuse", "label", "Abuse", "description",
                                "Insults or threats"),
                        Map.of("value", "off_topic", "label", "Off topic"),
                        Map.of("value", "ads", "label", "Advertising")),
                        "min_selections", 2, "max_selections", 3),
                List.of("spam", "abuse"));
    }

    static Map<String, Object> stars() {
        return body("How helpful is this reply to the customer?", "rating",
                Map.of("scale_min", 1, "scale_max", 5,
                        "labels", Map.of("1", "Useless", "3", "Okay", "5", "Perfect")),
                3);
    }

    static Map<String, Object> slider() {
        return body("How sure are you that this photo shows the whole item?", "rating",
                Map.of("scale_min", 0, "scale_max", 100, "scale_step", 5,
                        "labels", Map.of("0", "Not at all", "50", "Somewhat", "100", "Certain")),
                50);
    }

    static Map<String, Object> number() {
        return body("What refund should this customer get?", "number",
                Map.of("min_value", 0, "max_value", 10000, "decimal_places", 2, "prefix", "$",
                        "suffix", "USD"),
                0);
    }

    static Map<String, Object> yesNo() {
        return body("May this product listing go live?", "boolean",
                Map.of("true_label", "Publish", "false_label", "Block it",
                        "true_color", "#16a34a", "false_color", "#dc2626"),
                false);
    }

    String create(Team team, Map<String, Object> body) {
        ApiResponse created = server.post("/v1/api/loops/" + team.loopId() + "/requests",
                team.owner().apiKey(), body);
        if (created.status() != 201) {
            throw new IllegalStateException("request not created: " + created.text());
        }
        return created.data().path("request_id").asText();
    }

    JsonNode read(Team team, String id) {
        return server.get("/v1/api/requests/" + id, team.owner().apiKey()).data().path("request");
    }

    ApiResponse claim(Person reviewer, String id) {
        return server.post("/v1/api/requests/" + id + "/claim", reviewer.apiKey(), Map.of());
    }

    /** Opens the request page and claims it through its Claim button. */
    static void openAndClaim(Page page, String id) {
        page.navigate("/review/" + id);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim")
                .setExact(true)).click();
        assertThat(page.locator("#answer-form")).isVisible();
    }

    /** Turns off the browser's own checks, so what is sent is what the server alone judges. */
    static void skipBrowserChecks(Page page) {
        page.evaluate("() => { const form = document.getElementById('answer-form');"
                + " form.noValidate = true;"
                + " form.querySelectorAll('input, textarea')"
                + ".forEach(f => f.setCustomValidity('')); }");
    }
}
