package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.request.SearchText;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CancelFromTheListTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void cancellingFromTheListWithAReasonShowsCancelledWithoutAReloadAndTheApiAgrees() {
        Person owner = server.newPerson("Cara Canceller");
        String loopId = server.newLoop(owner, "Support replies");
        String id = newRequest(owner, loopId, "Send the apology email to the customer?");
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests");
            page.evaluate("window.loadedOnce = true");
            Locator row = page.locator("#request-" + id);
            assertThat(row.locator("[data-status]")).hasText("pending");

            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel request"))
                    .click();
            Locator dialog = page.locator("#confirm-dialog");
            assertThat(dialog).isVisible();
            dialog.getByLabel("Reason").fill("Customer already called us");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Cancel request")).click();

            assertThat(row.locator("[data-status]")).hasText("cancelled");
            assertThat(row).containsText("Reason: Customer already called us");
            assertThat(row.getByRole(AriaRole.BUTTON)).hasCount(0);
            assertThat(page.evaluate("window.loadedOnce === true")).isEqualTo(true);
        }

        ApiResponse read = server.get("/v1/api/requests/" + id, owner.apiKey());
        assertThat(read.data().path("request").path("status").asText()).isEqualTo("cancelled");
        assertThat(read.data().path("request").path("cancel_reason").asText())
                .isEqualTo("Customer already called us");
        ApiResponse events = server.get("/v1/api/requests/" + id + "/events", owner.apiKey());
        var cancelled = events.data().path("events").get(events.data().path("count").asInt() - 1);
        assertThat(cancelled.path("action").asText()).isEqualTo("cancelled");
        assertThat(cancelled.path("details").path("refunded").asBoolean()).isTrue();
        ApiResponse key = server.get("/v1/test", owner.apiKey());
        assertThat(key.data().path("rate_limit").path("remaining").asInt())
                .as("the refunded unit is back").isEqualTo(100);
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingAllMatchingAFilterThatSpansSeveralPagesCancelsExactlyTheNumberItSaid() {
        Person owner = server.newPerson("Bulk Bea");
        String loopId = server.newLoop(owner, "Listing reviews");
        String token = "batch" + UUID.randomUUID().toString().substring(0, 8);
        int open = 2 * RequestPages.PAGE_SIZE + 7;
        for (int i = 0; i < open; i++) {
            newRequest(owner, loopId, "Listing " + i + " " + token);
        }
        String answered = newRequest(owner, loopId, "Listing answered " + token);
        respond(owner, answered);
        String elsewhere = newRequest(owner, loopId, "Unrelated listing");

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests?status=pending&q=" + token);
            assertThat(page.locator(".request-row")).hasCount(RequestPages.PAGE_SIZE);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Older →"))).isVisible();

            page.getByLabel("Select all open requests on this page").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Select all " + open + " open requests matching this filter")).click();
            String arrivedLater = newRequest(owner, loopId, "Listing late " + token);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Cancel all " + open)).click();
            Locator dialog = page.locator("#confirm-dialog");
            assertThat(dialog).containsText("Cancel all " + open + " open requests");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Cancel " + open + " requests")).click();

            Locator summary = page.locator("[data-summary]");
            assertThat(summary).containsText("Cancelled " + open + " of " + open + " requests");
            assertThat(summary.locator(".outcome-cancelled")).hasText(String.valueOf(open));
            assertThat(page.locator(".request-row")).hasCount(1);
            assertThat(page.locator("#request-" + arrivedLater)).isVisible();
            Browser.screenshot(page, "cancel-summary-1280");

            assertThat(statusOf(owner, arrivedLater)).isEqualTo("pending");
            assertThat(statusOf(owner, answered)).isEqualTo("completed");
            assertThat(statusOf(owner, elsewhere)).isEqualTo("pending");
            ApiResponse cancelled = server.get("/v1/api/requests?status=cancelled&limit=100",
                    owner.apiKey());
            assertThat(cancelled.data().path("total").asInt()).isEqualTo(open);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingAllMatchingALongSearchFromALinkCancelsExactlyTheRequestsThePageListed() {
        Person owner = server.newPerson("Long Search Lou");
        String loopId = server.newLoop(owner, "Refunds");
        String emoji = "\uD83D\uDE00";
        String line = "Refund order " + UUID.randomUUID().toString().substring(0, 8) + " now\n";
        String lines = line.repeat(200 / line.length() + 1);
        String shown = lines.substring(0, SearchText.MAX_LENGTH - 1) + emoji;
        // A link written by hand: line breaks as CR LF, the 200th character a surrogate pair.
        String search = shown.replace("\n", "\r\n") + " and whatever follows it";
        int listed = RequestPages.PAGE_SIZE + 1;
        for (int i = 0; i < listed; i++) {
            newRequest(owner, loopId, "Ticket " + i + ": " + shown + " please");
        }
        String withCrLf = newRequest(owner, loopId, "Mail: " + search);
        String withQuestionMark = newRequest(owner, loopId,
                "Ticket: " + shown.substring(0, shown.length() - 2) + "?");

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
            assertThat(page.locator(".list-meta")).containsText(listed + " requests match");

            cancelAllMatching(page, listed);
        }
        assertThat(statusOf(owner, withCrLf)).isEqualTo("pending");
        assertThat(statusOf(owner, withQuestionMark)).isEqualTo("pending");
        ApiResponse cancelled = server.get("/v1/api/requests?status=cancelled&limit=100",
                owner.apiKey());
        assertThat(cancelled.data().path("total").asInt()).isEqualTo(listed);
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingAllMatchingASearchForANumberCancelsThem() {
        Person owner = server.newPerson("Number Nell");
        String loopId = server.newLoop(owner, "Orders");
        int listed = RequestPages.PAGE_SIZE + 1;
        for (int i = 0; i < listed; i++) {
            newRequest(owner, loopId, "Refund " + i + " for order 48151623?");
        }
        String otherOrder = newRequest(owner, loopId, "Refund for order 4815162?");

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests");
            page.getByLabel("Text").fill("48151623");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page.locator(".list-meta")).containsText(listed + " requests match");

            cancelAllMatching(page, listed);
        }
        assertThat(statusOf(owner, otherOrder)).isEqualTo("pending");
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingARequestAnsweredAMomentEarlierShowsCompletedWithTheReasonAndChangesNothing() {
        Person owner = server.newPerson("Late Lee");
        String loopId = server.newLoop(owner, "Fast answers");
        String id = newRequest(owner, loopId, "Publish the release notes?");
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests");
            Locator row = page.locator("#request-" + id);
            assertThat(row.locator("[data-status]")).hasText("pending");

            respond(owner, id);
            ApiResponse before = server.get("/v1/api/requests/" + id, owner.apiKey());

            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel request"))
                    .click();
            page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Cancel request")).click();

            assertThat(row.locator("[data-status]")).hasText("completed");
            assertThat(row.locator(".row-notice"))
                    .hasText("Could not cancel: the request is already completed");
            Browser.screenshot(page, "cancel-lost-race-1280");

            ApiResponse after = server.get("/v1/api/requests/" + id, owner.apiKey());
            assertThat(after.data().path("request")).isEqualTo(before.data().path("request"));
            assertThat(after.data().path("request").path("response_data").asText())
                    .isEqualTo("approve");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingARowUpdatesTheMatchLineAndTheOpenCountAsAReloadWouldShowThem() {
        Person owner = server.newPerson("Counting Cleo");
        String loopId = server.newLoop(owner, "Comment moderation");
        int pending = RequestPages.PAGE_SIZE + 1;
        String newest = null;
        for (int i = 0; i < pending; i++) {
            newest = newRequest(owner, loopId, "Hide comment " + i + " as spam?");
        }

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests?status=pending");
            Locator meta = page.locator(".list-meta");
            assertThat(meta).containsText(pending + " requests match this filter.");
            Browser.screenshot(page, "cancel-row-counts-before-1280");

            cancelRow(page, newest);
            int left = pending - 1;
            assertThat(meta).containsText(left + " requests match this filter.");
            assertThat(page.locator("#status-counts .count-pending strong"))
                    .hasText(String.valueOf(left));
            Browser.screenshot(page, "cancel-row-counts-after-1280");
            assertAgreesWithAReload(context, page);

            // The page shows one open request fewer than match: the offer names them all.
            cancelAllMatching(page, left);
            assertThat(meta).containsText("0 requests match this filter.");
            assertAgreesWithAReload(context, page);
        }
        ApiResponse cancelled = server.get("/v1/api/requests?status=cancelled&limit=100",
                owner.apiKey());
        assertThat(cancelled.data().path("total").asInt()).isEqualTo(pending);
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingARowUnderASearchKeepsItMatchingButCountsOneOpenRequestFewer() {
        Person owner = server.newPerson("Search Sol");
        String loopId = server.newLoop(owner, "Invoices");
        String token = "invoice" + UUID.randomUUID().toString().substring(0, 8);
        int listed = RequestPages.PAGE_SIZE + 1;
        String newest = null;
        for (int i = 0; i < listed; i++) {
            newest = newRequest(owner, loopId, "Pay " + token + " line " + i + "?");
        }
        String unrelated = newRequest(owner, loopId, "Pay the rent?");

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests?q=" + token);
            assertThat(page.locator(".list-meta"))
                    .containsText(listed + " requests match this filter.");

            cancelRow(page, newest);
            assertThat(page.locator("#status-counts .count-cancelled strong")).hasText("1");
            assertThat(page.locator(".list-meta"))
                    .containsText(listed + " requests match this filter.");
            assertAgreesWithAReload(context, page);

            int open = listed - 1;
            page.getByLabel("Select all open requests on this page").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Select all " + open + " open requests matching this filter"))
                    .click();
            Browser.screenshot(page, "cancel-all-matching-after-a-row-1280");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Cancel all " + open)).click();
            page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Cancel " + open + " requests"))
                    .click();
            assertThat(page.locator("[data-summary] .outcome-cancelled"))
                    .hasText(String.valueOf(open));
            assertAgreesWithAReload(context, page);
        }
        assertThat(statusOf(owner, unrelated)).isEqualTo("pending");
        ApiResponse cancelled = server.get("/v1/api/requests?status=cancelled&limit=100",
                owner.apiKey());
        assertThat(cancelled.data().path("total").asInt()).isEqualTo(listed);
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void cancellingTheLastOpenRowLeavesNothingToSelectAsAReloadWould() {
        Person owner = server.newPerson("Last Lin");
        String loopId = server.newLoop(owner, "Translations");
        String first = newRequest(owner, loopId, "Is the German subtitle right?");
        String second = newRequest(owner, loopId, "Is the French subtitle right?");

        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests?status=pending");
            assertThat(page.locator("[data-bulk]")).isVisible();

            cancelRow(page, first);
            assertThat(page.locator(".list-meta")).containsText("1 request matches this filter.");
            page.getByLabel("Select all open requests on this page").check();
            assertThat(page.locator("[data-selected-count]")).hasText("1 selected");
            assertThat(page.locator("[data-select-all-offer]")).isHidden();
            cancelRow(page, second);
            assertThat(page.locator(".list-meta")).containsText("0 requests match this filter.");
            assertThat(page.locator("#status-counts .count-cancelled strong")).hasText("2");
            assertThat(page.locator("[data-bulk]")).isHidden();
            assertAgreesWithAReload(context, page);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    /** Cancels one row with its own button, without a reason, and waits for the new row. */
    private static void cancelRow(Page page, String id) {
        Locator row = page.locator("#request-" + id);
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel request"))
                .click();
        page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel request")).click();
        assertThat(row.locator("[data-status]")).hasText("cancelled");
    }

    /** The counts the page shows now are those the same page shows when loaded afresh. */
    private static void assertAgreesWithAReload(BrowserContext context, Page page) {
        Page fresh = context.newPage();
        try {
            fresh.navigate(page.url());
            for (String counted : new String[] {"#status-counts", ".list-meta"}) {
                assertThat(page.locator(counted)).hasText(fresh.locator(counted).textContent()
                        .replaceAll("\\s+", " ").strip());
            }
        } finally {
            fresh.close();
        }
    }

    /** Selects every open request the page's filter matches, cancels them, and checks all went. */
    private static void cancelAllMatching(Page page, int listed) {
        page.getByLabel("Select all open requests on this page").check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Select all " + listed + " open requests matching this filter"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                .setName("Cancel all " + listed)).click();
        page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Cancel " + listed + " requests"))
                .click();
        assertThat(page.locator("[data-summary]"))
                .containsText("Cancelled " + listed + " of " + listed + " requests");
    }

    private String newRequest(Person owner, String loopId, String text) {
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request("request_text", text));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    private void respond(Person reviewer, String id) {
        ApiResponse answered = server.post("/v1/api/requests/" + id + "/respond",
                reviewer.apiKey(), Map.of("response_data", "approve"));
        assertThat(answered.status()).as(answered.text()).isEqualTo(200);
    }

    private String statusOf(Person owner, String id) {
        return server.get("/v1/api/requests/" + id, owner.apiKey()).data().path("request")
                .path("status").asText();
    }
}
