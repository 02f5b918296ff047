package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer.Person;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JoiningAndLeavingTest {

    private static final LocatorAssertions.IsVisibleOptions WITHIN_3_SECONDS =
            new LocatorAssertions.IsVisibleOptions().setTimeout(3000);

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void aVisitorWithAJoinLinkLogsInJoinsAndFindsTheLoopsRequestsInTheQueue() {
        Person owner = desk.server.newPerson("Lola Loopowner");
        String loopId = desk.server.newLoop(owner, "Photo checks");
        String code = inviteCode(owner, loopId);
        Desk.Team team = new Desk.Team(owner, null, loopId);
        String waiting = desk.create(team, Desk.stars());
        Person newcomer = desk.server.newPerson("Nico Newcomer");

        try (BrowserContext context = browser.visitor(desk.server)) {
            Page page = context.newPage();
            page.navigate("/join/" + code);
            assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Fjoin%2F" + code + "$"));
            page.getByLabel("Email").fill(newcomer.email());
            page.getByLabel("Password").fill(newcomer.password());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

            assertThat(page).hasURL(Pattern.compile("/join/" + code + "$"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join the loop"))
                    .click();
            assertThat(page).hasURL(Pattern.compile("/queue\\?joined=" + loopId + "$"));
            assertThat(page.getByText("You joined Photo checks.")).isVisible();
            assertThat(page.locator("#queue-item-" + waiting)).containsText("Photo checks");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aWrongOrReplacedCodeInTheQueuesJoinFormSaysSoBesideTheField() {
        Person owner = desk.server.newPerson("Rory Rotator");
        String loopId = desk.server.newLoop(owner, "Rotating codes");
        String oldCode = inviteCode(owner, loopId);
        desk.server.post("/v1/api/loops/" + loopId + "/invite-code", owner.apiKey(), Map.of());
        String newCode = inviteCode(owner, loopId);
        Person reviewer = desk.server.newPerson("Wren Wrongcode");

        try (BrowserContext context = browser.signedIn(desk.server, reviewer)) {
            Page page = context.newPage();
            page.navigate("/queue");
            assertThat(page.locator("#queue-items")).containsText("You are not in any loop yet");
            Locator field = page.getByLabel("Invite code");
            Locator error = page.locator("#join-error");

            field.fill("not-a-real-code");
            join(page);
            assertThat(error).containsText("This invite code does not work");

            field.fill(oldCode);
            join(page);
            assertThat(error).containsText("replaced it with a new one");
            assertThat(field).hasValue(oldCode);
            assertThat(page.locator("#flash .flash-error")).hasCount(0);

            field.fill(newCode);
            join(page);
            assertThat(page).hasURL(Pattern.compile("/queue\\?joined=" + loopId + "$"));
            assertThat(page.getByText("You joined Rotating codes.")).isVisible();
            assertThat(page.locator("#queue-items")).containsText("Nothing is waiting right now");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aMemberRemovedByTheOwnerLosesTheQueueAndTheOpenPageSaysTheClaimEnded() {
        Desk.Team team = desk.team("Removal");
        String claimed = desk.create(team, Desk.text());
        String other = desk.create(team, Desk.yesNo());
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page queue = context.newPage();
            queue.navigate("/queue");
            assertThat(queue.locator("#queue-item-" + other)).isVisible();
            Page review = context.newPage();
            Desk.openAndClaim(review, claimed);
            review.getByLabel("Write your answer").fill("Almost done with this one");

            desk.server.delete("/v1/api/loops/" + team.loopId() + "/members/"
                    + team.reviewer().id(), team.owner().apiKey());

            assertThat(review.locator("[data-claim-notice]")
                    .getByText("You can no longer work on this request"))
                    .isVisible(WITHIN_3_SECONDS);
            assertThat(review.locator("[data-claim-notice]")).containsText("your claim ended");
            assertThat(review.locator("#answer-form [name=response_data]")).isDisabled();
            assertThat(queue.locator("[data-queue-item]")).hasCount(0,
                    new LocatorAssertions.HasCountOptions().setTimeout(3000));
            assertThat(queue.locator("#queue-items")).containsText("You are not in any loop yet");
        }
        assertThat(desk.read(team, claimed).path("status").asText()).isEqualTo("pending");
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private String inviteCode(Person owner, String loopId) {
        return desk.server.get("/v1/api/loops/" + loopId, owner.apiKey()).data().path("loop")
                .path("invite_code").asText();
    }

    private static void join(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join").setExact(true))
                .click();
    }
}
