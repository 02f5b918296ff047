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
import io.loopdesk.support.TestServer.Person;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every page at a desktop and a phone size: it renders without script errors, nothing runs off
 * the side of a phone screen, and a screenshot is left in target/screenshots/ to look at.
 */
class PageLookTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void everyPageRendersAtDesktopAndPhoneWidthWithoutScriptErrorsOrSidewaysScrolling() {
        Person owner = server.newPerson("Dana Demo");
        Person reviewer = server.newPerson("Riley Reviewer");
        String loopId = server.newLoop(owner, "Content moderation");
        server.join(owner, loopId, reviewer);
        String open = seed(owner, reviewer, loopId);
        String image = imageRequest(owner, loopId);
        String completed = completedRequest(owner, reviewer, loopId);

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("requests", "/requests");
        pages.put("requests-filtered", "/requests?status=pending&priority=critical");
        pages.put("request-open", "/requests/" + open);
        pages.put("request-completed", "/requests/" + completed);
        pages.put("request-image", "/requests/" + image);
        pages.put("loops", "/loops");
        pages.put("loop", "/loops/" + loopId);
        pages.put("keys", "/keys");
        pages.put("usage", "/usage");
        pages.put("not-found", "/requests/000000000000000000000000");

        List<String> overflowing = new ArrayList<>();
        for (int[] size : new int[][] {{Browser.DESKTOP_WIDTH, Browser.DESKTOP_HEIGHT},
                {Browser.PHONE_WIDTH, Browser.PHONE_HEIGHT}}) {
            String suffix = "-" + size[0];
            try (BrowserContext context = browser.signedIn(server, owner, size[0], size[1])) {
                Page page = context.newPage();
                for (var entry : pages.entrySet()) {
                    page.navigate(entry.getValue());
                    look(page, entry.getKey() + suffix, overflowing);
                }

                page.navigate("/keys");
                page.getByLabel("Name").fill("Screenshot bot");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key"))
                        .click();
                look(page, "keys-created" + suffix, overflowing);

                page.navigate("/requests");
                page.locator(".request-row .actions button").first().click();
                assertThat(page.locator("#confirm-dialog")).isVisible();
                look(page, "cancel-dialog" + suffix, overflowing);
            }
            try (BrowserContext context = browser.context(server, size[0], size[1])) {
                Page page = context.newPage();
                page.navigate("/login");
                look(page, "login" + suffix, overflowing);
                page.navigate("/signup");
                look(page, "signup" + suffix, overflowing);
            }
        }

        assertThat(overflowing).as("pages wider than the screen").isEmpty();
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private static void look(Page page, String name, List<String> overflowing) {
        page.waitForLoadState();
        Object wide = page.evaluate(
                "document.documentElement.scrollWidth > window.innerWidth + 1");
        if (Boolean.TRUE.equals(wide)) {
            overflowing.add(name);
        }
        Browser.screenshot(page, name);
    }

    /** Requests of every kind a list shows; returns an open one with context and tags. */
    private String seed(Person owner, Person reviewer, String loopId) {
        Map<String, Object> rich = Bodies.request("request_text", """
                ## Is this comment acceptable?

                A user wrote under the *spring sale* post:

                > You are all wonderful, but the shipping took **three weeks**.

                Check it against the [community rules](https://example.com/rules).
                """);
        rich.put("priority", "critical");
        rich.put("context", Map.of("author", "jo@example.com", "post", "Spring sale",
                "flags", 2));
        rich.put("tags", List.of("comments", "spring"));
        String open = create(owner, loopId, rich);

        create(owner, loopId, Bodies.request("priority", "high"));
        String claimed = create(owner, loopId, Bodies.request("request_text",
                "Does this product photo show the whole item? The seller uploaded a new one."));
        post("/v1/api/requests/" + claimed + "/claim", reviewer, Map.of());
        String cancelled = create(owner, loopId, Bodies.request("request_text",
                "Approve the refund for order 4411?"));
        server.send("DELETE", "/v1/api/requests/" + cancelled, owner.apiKey(),
                Map.of("reason", "The customer withdrew the claim"), Map.of());
        return open;
    }

    /** The picture is the loop's own QR code: an image the test server can serve itself. */
    private String imageRequest(Person owner, String loopId) {
        String code = server.get("/v1/api/loops/" + loopId, owner.apiKey()).data()
                .path("loop").path("invite_code").asText();
        Map<String, Object> image = Bodies.request("type", "image");
        image.put("image_url", server.baseUrl() + "/qr/" + code + ".png");
        image.put("request_text", "Is this product photo fit to publish?");
        return create(owner, loopId, image);
    }

    private String completedRequest(Person owner, Person reviewer, String loopId) {
        Map<String, Object> rating = Bodies.request("request_text",
                "How helpful is this answer to the customer's question about returns?");
        rating.put("response_type", "rating");
        rating.put("response_config", Map.of("scale_min", 1, "scale_max", 5,
                "labels", Map.of("1", "Useless", "5", "Perfect")));
        rating.put("default_response", 3);
        String id = create(owner, loopId, rating);
        post("/v1/api/requests/" + id + "/respond", reviewer, Map.of("response_data", 5));
        return id;
    }

    private String create(Person owner, String loopId, Map<String, Object> body) {
        ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                owner.apiKey(), body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("request_id").asText();
    }

    private void post(String path, Person person, Object body) {
        ApiResponse answer = server.post(path, person.apiKey(), body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }
}
