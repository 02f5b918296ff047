package io.loopdesk.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * A customer manages webhook endpoints in the browser and reads their delivery logs, against a
 * real receiver on loopback that the test can make fail and recover.
 */
class WebhooksPageTest {

    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions()
            .setExact(true);
    private static final Pattern DURATION = Pattern.compile("\\d+(\\.\\d)? (ms|s)");

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();

    @Test
    void aCustomerAddsAnEndpointSeesItsSecretOnceAndReadsEveryAttemptInTheLog() throws Exception {
        Person owner = server.newPerson("Wren Webhooks");
        try (Receiver receiver = Receiver.start();
             BrowserContext context = browser.signedIn(server, owner)) {
            Page page = context.newPage();
            page.navigate("/webhooks");
            assertThat(page.getByText("No endpoints yet.")).isVisible();

            page.getByLabel("URL", EXACT).fill(receiver.url());
            page.getByLabel("Description").fill("Order bot");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint"))
                    .click();
            Locator secretBox = page.getByLabel("The endpoint's signing secret");
            assertThat(secretBox).isVisible();
            String secret = secretBox.inputValue();
            assertThat(secret).startsWith("whsec_");
            Locator card = page.locator(".endpoint-card");
            assertThat(card).hasCount(1);
            assertThat(card.locator(".endpoint-url")).hasText(receiver.url());
            assertThat(card.locator(".endpoint-badge")).hasText("enabled");
            assertThat(card).containsText("all six request events");
            Browser.screenshot(page, "webhooks-created-1280");

            page.reload();
            assertThat(page.locator(".endpoint-card")).hasCount(1);
            assertThat(page.getByLabel("The endpoint's signing secret")).hasCount(0);
            assertThat(page.content()).as("the secret is shown once only").doesNotContain(secret);
            assertThat(page.locator(".endpoint-facts"))
                    .containsText("whsec_…" + secret.substring(secret.length() - 4));

            Locator testButton = page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Send test event"));
            testButton.click();
            Locator log = page.locator(".endpoint-card .delivery-log");
            Locator first = log.locator(".delivery").first();
            assertThat(first.locator(".delivery-event")).hasText("webhook.test");
            assertThat(first.locator(".delivery-badge")).hasText("delivered");
            assertThat(first.locator(".attempt-outcome")).hasText("HTTP 200");
            assertThat(first.locator(".attempt-duration")).hasText(DURATION);
            assertThat(first.locator(".attempt-answer")).hasText("{\"ok\":true}");
            Receiver.Call call = receiver.calls().get(0);
            assertThat(call.header("X-HITL-Signature-256"))
                    .as("the secret the page showed signs the deliveries")
                    .isEqualTo(sign(secret, call.header("X-HITL-Timestamp"), call.body()));

            receiver.answer(500, "<script>window.pwned = true</script> database down");
            testButton.click();
            Locator failed = log.locator(".delivery").first();
            assertThat(failed.locator(".delivery-badge")).hasText("failed");
            assertThat(failed.locator(".attempt-outcome")).hasText("HTTP 500");
            assertThat(failed.locator(".attempt-answer"))
                    .hasText("<script>window.pwned = true</script> database down");
            assertThat(log.locator(".delivery")).hasCount(2);

            receiver.answer(200, "{\"ok\":true}");
            failed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName(Pattern.compile("Send the webhook.test delivery again"))).click();
            assertThat(failed.locator(".attempt")).hasCount(2);
            assertThat(failed.locator(".delivery-badge")).hasText("delivered");
            assertThat(failed.locator(".attempt").nth(0).locator(".attempt-outcome"))
                    .hasText("HTTP 500");
            assertThat(failed.locator(".attempt").nth(1).locator(".attempt-outcome"))
                    .hasText("HTTP 200");
            assertThat(failed.locator(".attempt").nth(1).locator(".attempt-duration"))
                    .hasText(DURATION);
            assertThat(page.evaluate("window.pwned === undefined")).isEqualTo(true);
            Browser.screenshot(page, "webhooks-list-1280");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void disablingAnEndpointStopsItsTestSendsAndEnablingItTurnsItBackOn() {
        Person owner = server.newPerson("Toggle Tess");
        try (Receiver receiver = Receiver.start();
             BrowserContext context = browser.signedIn(server, owner)) {
            String id = newEndpoint(owner, receiver.url());
            Page page = context.newPage();
            page.navigate("/webhooks/" + id);
            Locator endpoint = page.locator("#endpoint-" + id);
            assertThat(endpoint.locator(".endpoint-badge")).hasText("enabled");

            endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable"))
                    .click();
            Locator dialog = page.locator("#confirm-dialog");
            assertThat(dialog).isVisible();
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disable"))
                    .click();
            assertThat(endpoint.locator(".endpoint-badge")).hasText("disabled");
            assertThat(endpoint.locator(".endpoint-off")).containsText("Disabled by its owner.");
            assertThat(endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Send test event"))).isDisabled();
            assertThat(enabled(owner, id)).isFalse();
            Browser.screenshot(page, "webhooks-disabled-1280");

            endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Enable"))
                    .click();
            assertThat(endpoint.locator(".endpoint-badge")).hasText("enabled");
            assertThat(endpoint.locator(".endpoint-notice")).containsText("Enabled.");
            assertThat(endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Send test event"))).isEnabled();
            assertThat(enabled(owner, id)).isTrue();

            endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Send test event")).click();
            assertThat(page.locator("#deliveries-" + id + " .attempt-outcome").first())
                    .hasText("HTTP 200");
            assertThat(receiver.calls()).hasSize(1);
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void anEndpointsEventsAndSecretCanBeChangedAndItCanBeDeleted() throws Exception {
        Person owner = server.newPerson("Edit Eddie");
        try (Receiver receiver = Receiver.start();
             BrowserContext context = browser.signedIn(server, owner)) {
            String id = newEndpoint(owner, receiver.url());
            Page page = context.newPage();
            page.navigate("/webhooks");
            page.getByLabel("URL", EXACT).fill("ftp://example.com/hook");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint"))
                    .click();
            assertThat(page.locator("#flash .flash-error")).containsText("url");
            assertThat(page.locator(".endpoint-card")).hasCount(1);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Show the signing secret")).click();
            assertThat(page.getByLabel("Signing secret")).hasValue(
                    server.get("/v1/api/webhooks/signing-secret", owner.apiKey()).data()
                            .path("signing_secret").asText());

            page.navigate("/webhooks/" + id);
            Locator settings = page.locator("form", new Page.LocatorOptions()
                    .setHas(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                            .setName("Save changes"))));
            for (String event : List.of("request.created", "request.claimed",
                    "request.released", "request.timeout")) {
                settings.getByLabel(event).uncheck();
            }
            settings.getByLabel("Description").fill("Only the outcome");
            settings.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Save changes")).click();
            Locator endpoint = page.locator("#endpoint-" + id);
            assertThat(endpoint.locator(".endpoint-notice")).hasText("Changes saved.");
            assertThat(endpoint.locator(".endpoint-facts .tag"))
                    .hasText(new String[] {"request.completed", "request.cancelled"});
            assertThat(endpoint.locator(".endpoint-description")).hasText("Only the outcome");
            var saved = server.get("/v1/api/webhooks/" + id, owner.apiKey()).data().path("webhook");
            assertThat(saved.path("events").toString())
                    .isEqualTo("[\"request.completed\",\"request.cancelled\"]");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("New secret"))
                    .click();
            page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Make a new secret")).click();
            Locator secretBox = page.getByLabel("The endpoint's signing secret");
            assertThat(secretBox).isVisible();
            String secret = secretBox.inputValue();
            assertThat(page.locator(".secret-card")).containsText("The old secret no longer signs");
            Browser.screenshot(page, "webhooks-rotated-1280");
            endpoint.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Send test event")).click();
            assertThat(page.locator("#deliveries-" + id + " .attempt-outcome").first())
                    .hasText("HTTP 200");
            Receiver.Call call = receiver.calls().get(0);
            assertThat(call.header("X-HITL-Signature-256"))
                    .isEqualTo(sign(secret, call.header("X-HITL-Timestamp"), call.body()));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Delete endpoint")).click();
            page.locator("#confirm-dialog").getByRole(AriaRole.BUTTON,
                    new Locator.GetByRoleOptions().setName("Delete endpoint")).click();
            page.waitForURL("**/webhooks");
            assertThat(page.locator("#flash")).containsText("Webhook deleted");
            assertThat(page.getByText("No endpoints yet.")).isVisible();
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void aRequestsPageListsItsDeliveriesWithTheirAttemptsAndSendsOneAgain() {
        Person owner = server.newPerson("Rhea Requests");
        String loopId = server.newLoop(owner, "Refund checks");
        try (Receiver receiver = Receiver.start();
             BrowserContext context = browser.signedIn(server, owner)) {
            String endpointId = newEndpoint(owner, receiver.url());
            ApiResponse created = server.post("/v1/api/loops/" + loopId + "/requests",
                    owner.apiKey(), Bodies.request("request_text", "Refund order 5521?"));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            String requestId = created.data().path("request_id").asText();

            Page page = context.newPage();
            page.navigate("/requests/" + requestId);
            Locator section = page.locator("section", new Page.LocatorOptions()
                    .setHas(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                            .setName("Webhook deliveries"))));
            Locator delivery = section.locator(".delivery");
            assertThat(delivery).hasCount(1);
            assertThat(delivery.locator(".delivery-event")).hasText("request.created");
            assertThat(delivery.locator(".delivery-url")).hasText(receiver.url());
            assertThat(delivery.locator(".delivery-badge")).hasText("delivered");
            assertThat(delivery.locator(".attempt-outcome")).hasText("HTTP 200");

            delivery.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName(Pattern.compile("again"))).click();
            assertThat(delivery.locator(".attempt")).hasCount(2);
            assertThat(delivery.locator(".attempt-outcome").nth(1)).hasText("HTTP 200");
            assertThat(receiver.calls()).hasSize(2);
            assertThat(receiver.calls().get(1).header("X-HITL-Delivery"))
                    .as("sent again as the same event")
                    .isEqualTo(receiver.calls().get(0).header("X-HITL-Delivery"));
            Browser.screenshot(page, "webhooks-request-1280");

            page.navigate("/webhooks/" + endpointId);
            assertThat(page.locator("#deliveries-" + endpointId + " .delivery-event"))
                    .hasText("request.created");
            Browser.screenshot(page, "webhooks-endpoint-1280");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    @Test
    void theWebhookPagesFitAPhoneScreen() {
        Person owner = server.newPerson("Pip Phone");
        String loopId = server.newLoop(owner, "Photo checks");
        try (Receiver receiver = Receiver.start();
             BrowserContext context = browser.signedIn(server, owner, Browser.PHONE_WIDTH,
                     Browser.PHONE_HEIGHT)) {
            String endpointId = newEndpoint(owner, receiver.url());
            receiver.answer(500, "{\"error\":\"the order service is down for maintenance\"}");
            server.post("/v1/api/webhooks/" + endpointId + "/test", owner.apiKey(), Map.of());
            receiver.answer(200, "{\"ok\":true}");
            server.post("/v1/api/webhooks/" + endpointId + "/test", owner.apiKey(), Map.of());
            String requestId = server.post("/v1/api/loops/" + loopId + "/requests",
                    owner.apiKey(), Bodies.request()).data().path("request_id").asText();

            Page page = context.newPage();
            page.navigate("/webhooks");
            page.getByLabel("URL", EXACT).fill(receiver.url() + "/second");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint"))
                    .click();
            assertThat(page.getByLabel("The endpoint's signing secret")).isVisible();
            fits(page, "webhooks-created-390");
            page.reload();
            fits(page, "webhooks-list-390");
            page.navigate("/webhooks/" + endpointId);
            assertThat(page.locator("#deliveries-" + endpointId + " .delivery").first()
                    .locator(".delivery-badge")).hasText(Pattern.compile("delivered|pending"));
            fits(page, "webhooks-endpoint-390");
            page.navigate("/requests/" + requestId);
            assertThat(page.locator(".delivery .attempt-outcome")).hasText("HTTP 200");
            fits(page, "webhooks-request-390");
        }
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private static void fits(Page page, String name) {
        page.waitForLoadState();
        Browser.screenshot(page, name);
        assertThat(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))
                .as(name + " is wider than the screen").isEqualTo(false);
    }

    private String newEndpoint(Person owner, String url) {
        ApiResponse created = server.post("/v1/api/webhooks", owner.apiKey(), Map.of("url", url));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.data().path("webhook").path("id").asText();
    }

    private boolean enabled(Person owner, String id) {
        return server.get("/v1/api/webhooks/" + id, owner.apiKey()).data().path("webhook")
                .path("enabled").asBoolean();
    }

    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(digest);
    }

    /** A webhook receiver on 127.0.0.1 that answers what it is told and records each call. */
    static final class Receiver implements AutoCloseable {

        record Call(Map<String, List<String>> headers, String body) {

            String header(String name) {
                return headers.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(name))
                        .findFirst().map(e -> e.getValue().get(0)).orElse(null);
            }
        }

        private final HttpServer http;
        private final String path = "/hooks/" + UUID.randomUUID();
        private final List<Call> calls = new CopyOnWriteArrayList<>();
        private volatile int status = 200;
        private volatile String answer = "{\"ok\":true}";

        private Receiver(HttpServer http) {
            this.http = http;
            http.createContext("/", this::handle);
            http.start();
        }

        static Receiver start() {
            try {
                return new Receiver(HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + path;
        }

        void answer(int newStatus, String body) {
            answer = body;
            status = newStatus;
        }

        List<Call> calls() {
            return List.copyOf(calls);
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!exchange.getRequestURI().getPath().startsWith(path)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                calls.add(new Call(Map.copyOf(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8)));
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
