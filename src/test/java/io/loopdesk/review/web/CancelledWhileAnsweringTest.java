package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The requester ends a request while a reviewer has it open with the answer half written. */
class CancelledWhileAnsweringTest {

    private static final LocatorAssertions.IsVisibleOptions WITHIN_3_SECONDS =
            new LocatorAssertions.IsVisibleOptions().setTimeout(3000);

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();
    private final Desk.Team team = desk.team("Refund checks");

    @Test
    void aCancelInTheDashboardReachesTheOpenReviewPageWithinThreeSecondsAndASubmitIsRefused() {
        String id = desk.create(team, Desk.text());
        try (BrowserContext reviewerBrowser = browser.signedIn(desk.server, team.reviewer());
             BrowserContext ownerBrowser = browser.signedIn(desk.server, team.owner())) {
            Page reviewer = reviewerBrowser.newPage();
            Desk.openAndClaim(reviewer, id);
            Locator answer = reviewer.getByLabel("Write your answer");
            answer.fill("The refund was refused because the item was used.");

            Page owner = ownerBrowser.newPage();
            owner.navigate("/requests/" + id);
            owner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Cancel request")).click();
            Locator dialog = owner.locator("#confirm-dialog");
            dialog.getByLabel("Reason").fill("The customer withdrew the claim");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Cancel request")).click();
            assertThat(owner.locator("[data-status]").first()).hasText("cancelled");

            Locator notice = reviewer.locator("[data-claim-notice]");
            assertThat(notice.getByText("The requester cancelled this request"))
                    .isVisible(WITHIN_3_SECONDS);
            assertThat(notice).containsText("Reason: The customer withdrew the claim");
            assertThat(reviewer.locator("#answer-form [name=response_data]")).isDisabled();
            assertThat(answer).hasValue("The refund was refused because the item was used.");

            forceSubmit(reviewer);
            assertThat(reviewer.locator("#answer-form [data-error-slot]")).hasText(
                    "Request was cancelled by the requester. "
                            + "Reason: The customer withdrew the claim");
        }
        JsonNode request = desk.read(team, id);
        assertThat(request.path("status").asText()).isEqualTo("cancelled");
        assertThat(request.path("response_data").isNull()).isTrue();
        assertThat(request.path("response_by").isNull()).isTrue();
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aClaimThatRunsOutWhileThePageIsOpenIsAnnouncedAndCanBeClaimedAgain() {
        String id = desk.create(team, Desk.singleSelect());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Approve")).check();

            desk.server.clock().advance(desk.server.app().settings().claimLease().plusSeconds(1));
            Locator notice = page.locator("[data-claim-notice]");
            assertThat(notice.getByText("Your claim ran out")).isVisible(WITHIN_3_SECONDS);
            assertThat(page.locator("#answer-form [name=response_data]").first()).isDisabled();

            notice.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Claim it again")).click();
            assertThat(page.locator("[data-claim-notice]")).hasCount(0);
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Approve")).check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answer"))
                    .click();
            assertThat(page.locator("#review-work")).containsText("Your answer: Approve");
        }
        assertThat(desk.read(team, id).path("response_data").asText()).isEqualTo("approve");
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aCancelOfARequestNobodyClaimedYetTurnsItsClaimButtonIntoTheReason() {
        String id = desk.create(team, Desk.yesNo());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/review/" + id);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Claim").setExact(true))).isVisible();

            desk.server.send("DELETE", "/v1/api/requests/" + id, team.owner().apiKey(),
                    Map.of("reason", "Listing deleted by the seller"), Map.of());
            assertThat(page.locator("#review-work")
                    .getByText("Reason: Listing deleted by the seller"))
                    .isVisible(WITHIN_3_SECONDS);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Claim").setExact(true))).hasCount(0);
        }
    }

    /** What a stale tab or a determined script would do: re-enable the form and send it. */
    private static void forceSubmit(Page page) {
        page.evaluate(
                "() => { document.querySelector('#answer-form fieldset').disabled = false; }");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answer")).click();
    }
}
