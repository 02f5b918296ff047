package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CustomerJourneyTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void aNewUserSignsUpCreatesALoopAndAnApiKeyAndSeesARequestMadeWithThatKey() {
        String email = "new.customer." + UUID.randomUUID() + "@example.test";
        String topic = "Refund for order " + UUID.randomUUID().toString().substring(0, 8);
        try (BrowserContext context = browser.visitor(server)) {
            Page page = context.newPage();

            page.navigate("/requests");
            assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Frequests$"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an account"))
                    .click();
            page.getByLabel("Your name").fill("Nora Newcomer");
            page.getByLabel("Email").fill(email);
            page.getByLabel("Password").fill("a long enough password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account"))
                    .click();
            assertThat(page).hasURL(Pattern.compile("/requests$"));
            assertThat(page.getByText("No requests yet.")).isVisible();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Loops")).click();
            page.getByLabel("Name").fill("Refund checks");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create loop"))
                    .click();
            assertThat(page).hasURL(Pattern.compile("/loops/[0-9a-f]{24}$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                    .setName("Refund checks"))).isVisible();
            String loopId = page.url().substring(page.url().lastIndexOf('/') + 1);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys")).click();
            page.getByLabel("Name").fill("Refund bot");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                    .click();
            assertThat(page.getByText("This is the only time it is shown")).isVisible();
            String secret = page.getByLabel("The new API key").inputValue();
            assertThat(secret).startsWith("ld_");

            ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests", secret,
                    Bodies.request("request_text", topic + ": approve the refund?"));
            assertThat(created.status()).isEqualTo(201);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Requests")).click();
            var row = page.locator("#request-" + created.data().path("request_id").asText());
            assertThat(row).containsText(topic);
            assertThat(row).containsText("Refund checks");
            assertThat(row.locator("[data-status]")).hasText("pending");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }
}
