package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The queue page's "Claim the next request": the most urgent request, claimed and opened. */
class ClaimNextFromTheQueueTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void theButtonClaimsTheMostUrgentRequestAndOpensItsAnswerForm() {
        Desk.Team team = desk.team("Claim next loop");
        desk.create(team, Desk.singleSelect());
        Map<String, Object> urgent = new HashMap<>(Desk.singleSelect());
        urgent.put("priority", "critical");
        String critical = desk.create(team, urgent);
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");

            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Claim the next request")).click();

            page.waitForURL(Pattern.compile(".*/review/" + critical));
            assertThat(page.locator("#answer-form")).isVisible();
            assertThat(desk.read(team, critical).path("claimed_by").asText())
                    .isEqualTo(team.reviewer().id());
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void anEmptyQueueSaysSoOnTheQueuePage() {
        Desk.Team team = desk.team("Claim next, nothing waiting");
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");

            page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Claim the next request")).click();

            assertThat(page).hasURL(Pattern.compile(".*/queue.*"));
            assertThat(page.locator("body")).containsText("No pending request in your queue");
        }
    }
}
