package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer.Person;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An open queue page follows the database without being reloaded. */
class LiveQueueTest {

    private static final LocatorAssertions.IsVisibleOptions APPEARS_WITHIN_3_SECONDS =
            new LocatorAssertions.IsVisibleOptions().setTimeout(3000);
    private static final LocatorAssertions.HasCountOptions LEAVES_WITHIN_3_SECONDS =
            new LocatorAssertions.HasCountOptions().setTimeout(3000);

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void aRequestCreatedByApiAppearsAndOneCancelledOrClaimedElsewhereLeavesWithoutAReload() {
        Desk.Team team = desk.team("Live queue");
        Person colleague = desk.joinedReviewer(team, "Cole Colleague");
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");
            page.evaluate("window.neverReloaded = true");
            assertThat(page.locator("#queue-items")).containsText("Nothing is waiting right now");

            String created = desk.create(team, Desk.number());
            Locator item = page.locator("#queue-item-" + created);
            assertThat(item).isVisible(APPEARS_WITHIN_3_SECONDS);
            assertThat(item).containsText("What refund should this customer get?");
            assertThat(item).containsText("Live queue");
            assertThat(item).containsText("Number");
            assertThat(item.locator("[data-time-left]")).containsText("d ");

            desk.server.send("DELETE", "/v1/api/requests/" + created, team.owner().apiKey(),
                    Map.of("reason", "No longer needed"), Map.of());
            assertThat(item).hasCount(0, LEAVES_WITHIN_3_SECONDS);

            String taken = desk.create(team, Desk.yesNo());
            assertThat(page.locator("#queue-item-" + taken)).isVisible(APPEARS_WITHIN_3_SECONDS);
            desk.claim(colleague, taken);
            assertThat(page.locator("#queue-item-" + taken)).hasCount(0, LEAVES_WITHIN_3_SECONDS);

            assertThat(page.evaluate("window.neverReloaded === true")).isEqualTo(true);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void myClaimsComeFirstThenCriticalToLowThenOldestFirst() {
        Desk.Team team = desk.team("Ordered queue");
        String low = desk.create(team, priority(Desk.yesNo(), "low"));
        String olderHigh = desk.create(team, priority(Desk.yesNo(), "high"));
        String critical = desk.create(team, priority(Desk.yesNo(), "critical"));
        String newerHigh = desk.create(team, priority(Desk.yesNo(), "high"));
        String mine = desk.create(team, priority(Desk.yesNo(), "low"));
        desk.claim(team.reviewer(), mine);
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");
            Locator items = page.locator("[data-queue-item]");
            assertThat(items).hasCount(5);
            assertThat(page.locator("[data-queue-item]").nth(0)).hasAttribute("data-id", mine);
            assertThat(items.nth(0)).containsText("Your claim:");
            assertThat(items.nth(0).locator(".queue-lease [data-time-left]")).containsText("min");
            assertThat(items.nth(1)).hasAttribute("data-id", critical);
            assertThat(items.nth(2)).hasAttribute("data-id", olderHigh);
            assertThat(items.nth(3)).hasAttribute("data-id", newerHigh);
            assertThat(items.nth(4)).hasAttribute("data-id", low);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aPollWithNothingNewIsAnsweredWithNoContent() {
        Desk.Team team = desk.team("Quiet queue");
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/queue");
            String url = page.locator("#queue-items").getAttribute("hx-get");
            var answer = context.request().get(url, com.microsoft.playwright.options.RequestOptions
                    .create().setHeader("HX-Request", "true"));
            assertThat(answer.status()).isEqualTo(204);

            desk.create(team, Desk.stars());
            var changed = context.request().get(url, com.microsoft.playwright.options
                    .RequestOptions.create().setHeader("HX-Request", "true"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.text()).contains("How helpful is this reply");
        }
    }

    private static Map<String, Object> priority(Map<String, Object> body, String priority) {
        body.put("priority", priority);
        body.put("request_text", priority + " " + body.get("request_text"));
        return body;
    }
}
