package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.loopdesk.support.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerHistoryTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void theHistoryListsMyAnswersInWordsWithTheRequestersFeedback() {
        Desk.Team team = desk.team("History loop");
        String rated = desk.create(team, Desk.multiSelect());
        desk.server.post("/v1/api/requests/" + rated + "/respond", team.reviewer().apiKey(),
                Map.of("response_data", List.of("abuse", "ads")));
        desk.server.post("/v1/api/requests/" + rated + "/feedback", team.owner().apiKey(),
                Map.of("feedback", Map.of("rating", 4, "comment", "Good catch on the ads.",
                        "follow_up_needed", true)));
        String plain = desk.create(team, Desk.yesNo());
        desk.server.post("/v1/api/requests/" + plain + "/respond", team.reviewer().apiKey(),
                Map.of("response_data", true));
        String someoneElses = desk.create(team, Desk.yesNo());
        desk.server.post("/v1/api/requests/" + someoneElses + "/respond", team.owner().apiKey(),
                Map.of("response_data", false));

        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");
            page.getByText("Your answers").click();

            Locator first = page.locator("#history-" + rated);
            assertThat(first.locator("[data-answer]")).hasText("Abuse, Advertising");
            assertThat(first.locator("[data-feedback]")).containsText("Good catch on the ads.");
            assertThat(first.locator("[data-feedback]")).containsText("Rating: 4 of 5");
            assertThat(first.locator("[data-feedback]")).containsText("Follow-up needed: yes");
            Locator second = page.locator("#history-" + plain);
            assertThat(second.locator("[data-answer]")).hasText("Publish");
            assertThat(second.locator("[data-feedback]")).hasText("None yet.");
            assertThat(page.locator("#history-" + someoneElses)).hasCount(0);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }
}
