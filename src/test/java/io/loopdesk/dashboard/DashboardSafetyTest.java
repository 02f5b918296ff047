package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import org.junit.jupiter.api.Test;

class DashboardSafetyTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void anotherAccountsRequestIdOrAMalformedIdGivesAFriendlyNotFoundPage() {
        Person stranger = server.newPerson("Sly Stranger");
        Person owner = server.newPerson("Private Pat");
        String theirs = newRequest(owner, server.newLoop(owner, "Private loop"), "Secret plans");
        try (BrowserContext context = browser.signedIn(server, stranger)) {
            Page page = context.newPage();

            Response response = page.navigate("/requests/" + theirs);
            assertThat(response.status()).isEqualTo(404);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Not found"))).isVisible();
            assertThat(page.locator("body")).not().containsText("Secret plans");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Back to your requests"))).isVisible();

            assertThat(page.navigate("/requests/not-an-id").status()).isEqualTo(404);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Not found"))).isVisible();
        }
        assertThat(server.get("/v1/api/requests/" + theirs, owner.apiKey()).status())
                .isEqualTo(200);
    }

    @Test
    void aCursorNamingNoPossibleMomentGivesTheFirstPage() {
        Person owner = server.newPerson("Paging Paula");
        newRequest(owner, server.newLoop(owner, "Paged loop"), "The only request");
        String id = "ffffffffffffffffffffffff";
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            for (String micros : new String[] {"9999999999999999", "253402300800000000",
                    "9223372036854775807", "-9223372036854775", "-1", "99999999999999999999"}) {
                Response response = page.navigate("/requests?status=pending&after=" + micros
                        + "_" + id);
                assertThat(response.status()).as(micros).isEqualTo(200);
                assertThat(page.locator("body")).containsText("The only request");
            }
            // The last moment a DATETIME holds is a cursor like any other: everything is older.
            assertThat(page.navigate("/requests?after=253402300799999999_" + id).status())
                    .isEqualTo(200);
            assertThat(page.locator("body")).containsText("The only request");
        }
    }

    @Test
    void aBrowserWriteWithoutTheCsrfTokenIsRefused() {
        Person owner = server.newPerson("Careful Cas");
        String id = newRequest(owner, server.newLoop(owner, "Guarded loop"), "Keep me pending");
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests");
            String token = page.locator("input[name=_csrf]").first().inputValue();

            APIResponse forged = context.request().delete("/v1/api/requests/" + id);
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.text()).contains("Invalid or missing CSRF token");
            APIResponse forgedForm = context.request().post("/keys", RequestOptions.create()
                    .setForm(com.microsoft.playwright.options.FormData.create()
                            .set("name", "sneaky").set("permissions", "requests:read")));
            assertThat(forgedForm.status()).isEqualTo(403);
            assertThat(statusOf(owner, id)).isEqualTo("pending");
            assertThat(server.app().services().accounts().listKeys(owner.id())).hasSize(1);

            APIResponse genuine = context.request().delete("/v1/api/requests/" + id,
                    RequestOptions.create().setHeader("X-CSRF-Token", token));
            assertThat(genuine.status()).isEqualTo(200);
            assertThat(statusOf(owner, id)).isEqualTo("cancelled");
        }
    }

    @Test
    void markdownWithScriptTagsJavascriptLinksAndRawHtmlRendersInert() {
        Person owner = server.newPerson("Mallory Markdown");
        String text = """
                Please check **this** reply.

                <script>window.pwned = 'script'</script>

                <img src="x" onerror="window.pwned = 'img'">

                [harmless looking](javascript:window.pwned='link')

                <a href="javascript:window.pwned='raw link'">raw link</a>
                """;
        String id = newRequest(owner, server.newLoop(owner, "Sanitised loop"), text);
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/requests/" + id);
            Locator body = page.locator("[data-request-body]");

            assertThat(body.locator("strong")).hasText("this");
            assertThat(body).containsText("<script>window.pwned = 'script'</script>");
            assertThat(body.locator("script, img, iframe, [onerror], [onclick]")).hasCount(0);
            for (Locator link : body.locator("a").all()) {
                String href = link.getAttribute("href");
                assertThat(href == null ? "" : href.toLowerCase()).doesNotContain("javascript:");
            }
            body.getByText("harmless looking").click();
            assertThat(page.evaluate("typeof window.pwned")).isEqualTo("undefined");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private String newRequest(Person owner, String loopId, String text) {
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), Bodies.request("request_text", text));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    private String statusOf(Person owner, String id) {
        return server.get("/v1/api/requests/" + id, owner.apiKey()).data().path("request")
                .path("status").asText();
    }
}
