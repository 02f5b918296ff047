package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Answers that break the form's rules are refused beside the field, what was entered stays, and
 * nothing is stored. The browser's own checks are switched off where the point is that the
 * server refuses on its own.
 */
class RefusedAnswersTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();
    private final Desk.Team team = desk.team("Strict answers");

    @Test
    void tooFewSelectionsAreRefusedBesideTheChoicesAndNothingIsStored() {
        String id = desk.create(team, Desk.multiSelect());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            Locator spam = page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions()
                    .setName("Spam"));
            spam.check();
            Desk.skipBrowserChecks(page);
            send(page);

            assertThat(errorBesideTheField(page)).hasText("1 chosen, at least 2 needed.");
            assertThat(spam).isChecked();
            assertThat(page.locator("#answer-form [name=response_data]").first()).isEnabled();
        }
        assertNothingStored(id);
    }

    @Test
    void aNumberAboveTheMaximumIsRefusedBesideTheFieldWhichKeepsWhatWasTyped() {
        String id = desk.create(team, Desk.number());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            Locator field = page.getByLabel("Your number");
            field.fill("25000");
            Desk.skipBrowserChecks(page);
            send(page);

            assertThat(errorBesideTheField(page)).hasText("25000 is above the maximum 10000.");
            assertThat(field).hasValue("25000");
            assertThat(field).hasAttribute("aria-invalid", "true");

            field.fill("250.75");
            send(page);
            assertThat(page.locator("#review-work")).containsText("Your answer: $250.75 USD");
        }
        assertThat(desk.read(team, id).path("response_data").decimalValue())
                .isEqualByComparingTo("250.75");
    }

    @Test
    void anEmptyRequiredTextIsRefusedByTheServerWhenTheBrowserDoesNotCheckIt() {
        String id = desk.create(team, Desk.text());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            page.getByLabel("Write your answer").fill("   ");
            Desk.skipBrowserChecks(page);
            send(page);

            assertThat(errorBesideTheField(page))
                    .hasText("An answer is required, not only whitespace.");
            assertThat(page.getByLabel("Write your answer")).hasValue("   ");
        }
        assertNothingStored(id);
    }

    @Test
    void theBrowserStopsAnEmptyRequiredTextBeforeSendingAndSaysSoBesideTheField() {
        String id = desk.create(team, Desk.text());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            AtomicInteger answersSent = new AtomicInteger();
            page.onRequest(request -> {
                if (request.url().endsWith("/respond")) {
                    answersSent.incrementAndGet();
                }
            });
            send(page);

            assertThat(errorBesideTheField(page)).isVisible();
            assertThat(errorBesideTheField(page)).not().isEmpty();
            assertThat(page.getByLabel("Write your answer"))
                    .hasAttribute("aria-invalid", "true");
            assertThat(answersSent.get()).isZero();
        }
        assertNothingStored(id);
    }

    private void assertNothingStored(String id) {
        JsonNode request = desk.read(team, id);
        assertThat(request.path("status").asText()).isEqualTo("claimed");
        assertThat(request.path("response_data").isNull()).isTrue();
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private static Locator errorBesideTheField(Page page) {
        return page.locator("#answer-form [data-error-slot]");
    }

    private static void send(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answer")).click();
    }
}
