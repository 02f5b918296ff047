package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.loopdesk.support.Browser;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each response type answered as a reviewer would, and read back through the API. */
class AnsweringThroughTheFormTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();
    private final Desk.Team team = desk.team("Answer forms");

    @Test
    void aTextAnswerTypedIntoTheFormIsWhatTheApiReturns() {
        String typed = "The item was used, so the policy allows no refund. 42";
        JsonNode answer = answer(Desk.text(), page -> {
            page.getByLabel("Write your answer").fill(typed);
            assertThat(page.locator("#answer-count")).containsText(
                    typed.length() + " of 10 to 280 characters");
            send(page);
        }, "Your answer: " + typed);
        assertThat(answer.isTextual()).isTrue();
        assertThat(answer.asText()).isEqualTo(typed);
    }

    @Test
    void aSingleChoiceIsSentAsTheOptionValueAndShownByItsLabel() {
        JsonNode answer = answer(Desk.singleSelect(), page -> {
            assertThat(page.getByText("Hide it and tell the author why")).isVisible();
            page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("Escalate"))
                    .check();
            send(page);
        }, "Your answer: Escalate");
        assertThat(answer.asText()).isEqualTo("escalate");
    }

    @Test
    void severalChoicesWithinTheirBoundsAreSentAsAnArrayOfValues() {
        JsonNode answer = answer(Desk.multiSelect(), page -> {
            page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Spam")).check();
            assertThat(page.locator("[data-selection-count]"))
                    .containsText("1 chosen. Choose at least 2 options.");
            page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Off topic"))
                    .check();
            assertThat(page.locator("[data-selection-count]")).containsText("2 chosen.");
            send(page);
        }, "Your answer: Spam, Off topic");
        assertThat(answer.isArray()).isTrue();
        assertThat(List.of(answer.get(0).asText(), answer.get(1).asText()))
                .containsExactly("spam", "off_topic");
    }

    @Test
    void aStarRatingIsSentAsItsNumber() {
        JsonNode answer = answer(Desk.stars(), page -> {
            page.locator("label.star:has(input[value='4'])").click();
            assertThat(page.locator("[data-star-choice]")).hasText("You chose 4 of 5.");
            page.locator("label.star:has(input[value='5'])").click();
            assertThat(page.locator("[data-star-choice]")).hasText("You chose 5 of 5: Perfect.");
            send(page);
        }, "Your answer: 5 of 5 (Perfect)");
        assertThat(answer.isNumber()).isTrue();
        assertThat(answer.intValue()).isEqualTo(5);
    }

    @Test
    void aSliderRatingMovesInItsStepsAndIsSentAsItsNumber() {
        JsonNode answer = answer(Desk.slider(), page -> {
            var slider = page.getByLabel("Rate from 0 to 100 in steps of 5");
            // The script readies the slider once htmx has settled the swapped-in form; keys
            // pressed before that would be undone by it.
            assertThat(slider).hasAttribute("data-ready", "1");
            slider.focus();
            for (int i = 0; i < 10; i++) {
                page.keyboard().press("ArrowRight");
            }
            assertThat(page.locator("[data-slider-value]")).hasText("50 · Somewhat");
            page.keyboard().press("ArrowRight");
            assertThat(page.locator("[data-slider-value]")).hasText("55");
            send(page);
        }, "Your answer: 55 of 100");
        assertThat(answer.intValue()).isEqualTo(55);
    }

    @Test
    void aNumberWithDecimalsKeepsItsValueBetweenPrefixAndSuffix() {
        JsonNode answer = answer(Desk.number(), page -> {
            assertThat(page.locator(".affixed")).containsText("$");
            assertThat(page.locator(".affixed")).containsText("USD");
            page.getByLabel("Your number").fill("1234.5");
            send(page);
        }, "Your answer: $1234.5 USD");
        assertThat(answer.decimalValue()).isEqualByComparingTo(new BigDecimal("1234.5"));
    }

    @Test
    void aYesOrNoIsOneClickOnTheButtonWithItsLabel() {
        JsonNode answer = answer(Desk.yesNo(), page -> page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Block it")).click(), "Your answer: Block it");
        assertThat(answer.isBoolean()).isTrue();
        assertThat(answer.booleanValue()).isFalse();
    }

    private JsonNode answer(Map<String, Object> body, Consumer<Page> fill, String shown) {
        String id = desk.create(team, body);
        try (BrowserContext context = browser.signedIn(desk.server, team.reviewer())) {
            Page page = context.newPage();
            Desk.openAndClaim(page, id);
            fill.accept(page);
            assertThat(page.locator("#review-work")).containsText("You answered this request");
            assertThat(page.locator("#review-work")).containsText(shown);
        }
        JsonNode request = desk.read(team, id);
        assertThat(request.path("status").asText()).isEqualTo("completed");
        assertThat(request.path("response_by").asText()).isEqualTo(team.reviewer().id());
        assertThat(browser.takePageErrors()).isEmpty();
        return request.path("response_data");
    }

    private static void send(Page page) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answer")).click();
    }
}
