package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.loopdesk.support.Browser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The queue, each answer form, a cancelled claim and the history at desktop and phone size:
 * no script errors, nothing wider than the screen, and screenshots in target/screenshots/.
 */
class ReviewerPagesLookTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void theQueueAndEveryAnswerFormFitDesktopAndPhoneScreensWithoutScriptErrors() {
        Desk.Team team = desk.team("Content moderation");
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("text", desk.create(team, Desk.text()));
        forms.put("single-select", desk.create(team, with(Desk.singleSelect(), "critical",
                Map.of("author", "jo@example.com", "post", "Spring sale", "flags", 2))));
        forms.put("multi-select", desk.create(team, with(Desk.multiSelect(), "high", null)));
        forms.put("rating-stars", desk.create(team, Desk.stars()));
        forms.put("rating-slider", desk.create(team, with(Desk.slider(), "low", null)));
        forms.put("number", desk.create(team, Desk.number()));
        forms.put("boolean", desk.create(team, Desk.yesNo()));
        String answered = desk.create(team, Desk.singleSelect());
        desk.server.post("/v1/api/requests/" + answered + "/respond", team.reviewer().apiKey(),
                Map.of("response_data", "approve"));
        desk.server.post("/v1/api/requests/" + answered + "/feedback", team.owner().apiKey(),
                Map.of("feedback", Map.of("rating", 5, "comment", "Spot on, thank you.",
                        "category", "positive")));

        List<String> overflowing = new ArrayList<>();
        for (int[] size : new int[][] {{Browser.DESKTOP_WIDTH, Browser.DESKTOP_HEIGHT},
                {Browser.PHONE_WIDTH, Browser.PHONE_HEIGHT}}) {
            String suffix = "-" + size[0];
            try (BrowserContext context = browser.signedIn(desk.server, team.reviewer(), size[0],
                    size[1])) {
                Page page = context.newPage();
                for (var form : forms.entrySet()) {
                    Desk.openAndClaim(page, form.getValue());
                    look(page, "review-answer-" + form.getKey() + suffix, overflowing);
                    page.locator("[data-release]").click();
                    assertThat(page.locator("#review-work")).containsText("Claim");
                }
                page.navigate("/review/" + forms.get("single-select"));
                look(page, "review-claimable" + suffix, overflowing);

                desk.claim(team.reviewer(), forms.get("number"));
                page.navigate("/queue");
                assertThat(page.locator("#queue-items")).containsText("Claimed by you");
                look(page, "review-queue" + suffix, overflowing);
                desk.server.post("/v1/api/requests/" + forms.get("number") + "/release",
                        team.reviewer().apiKey(), Map.of());
                page.getByLabel("Invite code").fill("mistyped-code");
                page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Join").setExact(true)).click();
                assertThat(page.locator("#join-error")).isVisible();
                look(page, "review-join-refused" + suffix, overflowing);

                Desk.openAndClaim(page, forms.get("text"));
                page.getByLabel("Write your answer").fill("Half-written answer");
                desk.server.send("DELETE", "/v1/api/requests/" + forms.get("text"),
                        team.owner().apiKey(), Map.of("reason", "Customer withdrew the claim"),
                        Map.of());
                assertThat(page.locator("[data-claim-notice]")).isVisible();
                look(page, "review-cancelled" + suffix, overflowing);
                forms.put("text", desk.create(team, Desk.text()));

                page.navigate("/queue/history");
                look(page, "review-history" + suffix, overflowing);
            }
        }
        try (BrowserContext context = browser.signedIn(desk.server,
                desk.server.newPerson("Nina Newcomer"))) {
            Page page = context.newPage();
            page.navigate("/queue");
            look(page, "review-queue-empty", overflowing);
        }

        assertThat(overflowing).as("pages wider than the screen").isEmpty();
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> body, String priority,
                                            Map<String, Object> context) {
        body.put("priority", priority);
        if (context != null) {
            body.put("context", context);
        }
        return body;
    }

    private static void look(Page page, String name, List<String> overflowing) {
        page.waitForLoadState();
        Object wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1");
        if (Boolean.TRUE.equals(wide)) {
            overflowing.add(name);
        }
        Browser.screenshot(page, name);
    }
}
