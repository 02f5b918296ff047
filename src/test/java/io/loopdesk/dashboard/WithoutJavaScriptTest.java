package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.loopdesk.db.schema.Tables.WEBHOOK_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.request.Requests;
import io.loopdesk.request.Requests.Team;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SPEC 3: pages work without JavaScript for plain links and forms. Each form posts to the same
 * API route htmx calls, and the browser is sent back to a page rather than shown JSON.
 */
class WithoutJavaScriptTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();
    private final Requests requests = new Requests(server);

    @Test
    void aCustomerCancelsAPendingRequestFromTheListWithAReason() {
        Person owner = server.newPerson("Plain Paula");
        String loopId = server.newLoop(owner, "Plain loop");
        int remainingBefore = remainingQuota(owner);
        String id = requests.create(owner, loopId, Bodies.request("request_text",
                "Cancel me without a script"));
        assertThat(remainingQuota(owner)).isEqualTo(remainingBefore - 1);

        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests");
            Browser.screenshot(page, "requests-without-script-1280");
            assertThat(page.locator("[data-bulk]")).isHidden();
            assertThat(page.locator(".row-check").first()).isHidden();
            assertThat(page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1"))
                    .as("the rows fit the screen").isEqualTo(true);
            Locator row = page.locator("#request-" + id);
            row.getByLabel(Pattern.compile("^Reason for cancelling")).fill("Sent by mistake");
            row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName(Pattern.compile("^Cancel request"))).click();

            assertThat(page).hasURL(server.baseUrl() + "/requests");
            assertThat(page.getByRole(AriaRole.STATUS)).containsText(
                    "Request cancelled successfully");
            assertThat(page.locator("#request-" + id + " [data-status]")).hasText("cancelled");
            assertThat(page.locator("#request-" + id)).containsText("Reason: Sent by mistake");
        }

        JsonNode request = requests.read(owner, id);
        assertThat(request.path("status").asText()).isEqualTo("cancelled");
        assertThat(request.path("cancel_reason").asText()).isEqualTo("Sent by mistake");
        assertThat(remainingQuota(owner)).as("the pending request's unit is refunded")
                .isEqualTo(remainingBefore);
    }

    @Test
    void aReviewerClaimsAndAnswersASingleSelectRequest() {
        Team team = requests.team("Scriptless");
        String id = requests.create(team.owner(), team.loopId(), Bodies.request());

        try (BrowserContext context = browser.signedInWithoutScript(server, team.reviewer())) {
            Page page = context.newPage();
            page.navigate("/review/" + id);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim")
                    .setExact(true)).click();

            assertThat(page).hasURL(server.baseUrl() + "/review/" + id);
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("claimed");
            assertThat(requests.status(team.owner(), id)).isEqualTo("claimed");

            page.getByLabel("approve").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answer"))
                    .click();

            assertThat(page.getByRole(AriaRole.STATUS)).containsText("submitted");
        }

        JsonNode request = requests.read(team.owner(), id);
        assertThat(request.path("status").asText()).isEqualTo("completed");
        assertThat(request.path("response_data").asText()).isEqualTo("approve");
    }

    @Test
    void aCustomerCreatesALoop() {
        Person owner = server.newPerson("Loopless Lena");

        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            createLoop(page, "Scriptless reviews");

            assertThat(page).hasURL(Pattern.compile("/loops/[0-9a-f]{24}$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Scriptless reviews"))).isVisible();
            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Loop created");
        }

        JsonNode loops = server.get("/v1/api/loops", owner.apiKey()).data();
        assertThat(loops.path("count").asInt()).isEqualTo(1);
        assertThat(loops.path("loops").path(0).path("name").asText())
                .isEqualTo("Scriptless reviews");
    }

    @Test
    void aRefusedFormComesBackAsThePageWithTheMessageNotJson() {
        Person owner = server.newPerson("Refused Rob");

        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            createLoop(page, " ");

            assertThat(page).hasURL(server.baseUrl() + "/loops");
            assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
            assertThat(page.locator("body")).not().containsText("\"error\"");
        }
        assertThat(server.get("/v1/api/loops", owner.apiKey()).data().path("count").asInt())
                .isZero();
    }

    @Test
    void aCustomerDisablesAWebhookEndpointAndThenDeletesIt() {
        Person owner = server.newPerson("Hookless Hana");
        String id = server.post("/v1/api/webhooks", owner.apiKey(),
                        Map.of("url", "http://127.0.0.1:9/hook"))
                .data().path("webhook").path("id").asText();

        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            page.navigate("/webhooks/" + id);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable"))
                    .click();

            assertThat(page).hasURL(server.baseUrl() + "/webhooks/" + id);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Enable"))).isVisible();
            assertThat(server.get("/v1/api/webhooks/" + id, owner.apiKey()).data()
                    .path("webhook").path("enabled").asBoolean()).isFalse();

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Delete endpoint")).click();

            assertThat(page).hasURL(server.baseUrl() + "/webhooks");
        }
        assertThat(server.get("/v1/api/webhooks/" + id, owner.apiKey()).status())
                .isEqualTo(404);
    }

    @Test
    void aCustomerAddsAWebhookEndpointSeesItsSecretOnceAndMakesANewOne() {
        Person owner = server.newPerson("Plain Hooks");

        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            page.navigate("/webhooks");
            page.locator("#endpoint-url").fill("http://127.0.0.1:9/plain-hook");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint"))
                    .click();

            assertThat(page).hasURL(server.baseUrl() + "/webhooks");
            JsonNode created = server.get("/v1/api/webhooks", owner.apiKey()).data()
                    .path("webhooks").get(0);
            String id = created.path("id").asText();
            String secret = storedSecret(id);
            assertThat(page.locator("#new-secret")).hasValue(secret);

            page.reload();
            assertThat(page.locator("#new-secret")).hasCount(0);

            page.navigate("/webhooks/" + id);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New secret"))
                    .click();
            assertThat(page).hasURL(server.baseUrl() + "/webhooks/" + id);
            String rotated = storedSecret(id);
            assertThat(rotated).isNotEqualTo(secret);
            assertThat(page.locator("#new-secret")).hasValue(rotated);

            page.locator("#edit-description").fill("Order bot");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes"))
                    .click();
            assertThat(page).hasURL(server.baseUrl() + "/webhooks/" + id);
        }
        assertThat(server.get("/v1/api/webhooks", owner.apiKey()).data().path("webhooks").get(0)
                .path("description").asText()).isEqualTo("Order bot");
    }

    private String storedSecret(String endpointId) {
        return server.app().database().dsl().select(WEBHOOK_ENDPOINT.SECRET)
                .from(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(endpointId))
                .fetchOne(WEBHOOK_ENDPOINT.SECRET);
    }

    private static void createLoop(Page page, String name) {
        page.navigate("/loops");
        page.getByLabel("Name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create loop"))
                .click();
    }

    private int remainingQuota(Person owner) {
        return server.get("/v1/test", owner.apiKey()).data().path("rate_limit")
                .path("remaining").asInt();
    }
}
