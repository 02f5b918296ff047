package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.loopdesk.db.schema.Tables.SESSION_FLASH;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.loopdesk.account.ApiKey;
import io.loopdesk.account.Secrets;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import io.loopdesk.web.Authentication;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Creating an API key in the browser: the secret is shown once, and a reload makes no key. */
class KeysPageTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void reloadingAfterCreatingAKeyMakesNoSecondKeyAndNoLongerShowsTheSecret() {
        Person owner = server.newPerson("Reloading Rita");
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/keys");
            page.getByLabel("Name").fill("Nightly export");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                    .click();

            assertThat(page).hasURL(server.baseUrl() + "/keys");
            assertThat(page.getByText("This is the only time it is shown")).isVisible();
            String secret = page.getByLabel("The new API key").inputValue();
            assertThat(secret).startsWith("ld_");
            assertThat(server.get("/v1/test", secret).status()).isEqualTo(200);

            page.reload();

            assertThat(page.getByText("Nightly export")).hasCount(1);
            assertThat(page.getByText("This is the only time it is shown")).hasCount(0);
            assertThat(page.getByLabel("The new API key")).hasCount(0);
            assertThat(page.content()).doesNotContain(secret);
            List<ApiKey> keys = server.app().services().accounts().listKeys(owner.id());
            assertThat(keys).extracting(ApiKey::name)
                    .containsExactlyInAnyOrder("test key", "Nightly export");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void theNewSecretWaitsForTheNextPageSealedAndIsGoneOnceShown() {
        Person owner = server.newPerson("Sealed Sam");
        try (BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/keys");
            String csrf = page.locator("input[name=_csrf]").first().inputValue();

            APIResponse created = context.request().post("/keys", RequestOptions.create()
                    .setMaxRedirects(0)
                    .setForm(FormData.create().set("_csrf", csrf).set("name", "Sealed key")
                            .set("permissions", "requests:read")));

            assertThat(created.status()).isEqualTo(303);
            assertThat(created.headers().get("location")).isEqualTo("/keys");
            List<String> waiting = sealedNotes(context);
            assertThat(waiting).hasSize(1);

            page.navigate("/keys");
            String secret = page.getByLabel("The new API key").inputValue();
            assertThat(waiting.get(0)).doesNotContain(secret)
                    .doesNotContain(secret.substring(3, 15));
            assertThat(sealedNotes(context)).isEmpty();

            page.navigate("/keys");
            assertThat(page.getByLabel("The new API key")).hasCount(0);
        }
    }

    private List<String> sealedNotes(BrowserContext context) {
        String token = context.cookies().stream()
                .filter(cookie -> cookie.name.equals(Authentication.SESSION_COOKIE))
                .findFirst().orElseThrow().value;
        return server.app().database().dsl().select(SESSION_FLASH.SEALED).from(SESSION_FLASH)
                .where(SESSION_FLASH.TOKEN_HASH.eq(Secrets.sha256(token)))
                .fetch(SESSION_FLASH.SEALED);
    }
}
