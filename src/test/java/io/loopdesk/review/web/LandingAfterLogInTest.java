package io.loopdesk.review.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer.Person;
import org.junit.jupiter.api.Test;

/** After logging in, a reviewer starts at the queue and a customer at the requests. */
class LandingAfterLogInTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void aReviewerWhoOwnsNoLoopLandsOnTheQueueAndTheOwnerOnTheRequests() {
        Desk.Team team = desk.team("Landing loop");

        assertThat(logIn(team.reviewer())).endsWith("/queue");
        assertThat(logIn(team.owner())).endsWith("/requests");
    }

    /** Logs in through the form and answers where the browser landed. */
    private String logIn(Person person) {
        try (BrowserContext context = browser.visitor(desk.server)) {
            Page page = context.newPage();
            page.navigate("/login");
            page.locator("input[name=email]").fill(person.email());
            page.locator("input[name=password]").fill(person.password());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                    .click();
            page.waitForURL(url -> !url.endsWith("/login"));
            return page.url();
        }
    }
}
