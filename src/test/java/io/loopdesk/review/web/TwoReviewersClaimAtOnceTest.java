package io.loopdesk.review.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer.Person;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TwoReviewersClaimAtOnceTest {

    private final Desk desk = new Desk();
    private final Browser browser = Browser.get();

    @Test
    void twoReviewersClaimingAtTheSameMomentGetOneClaimBetweenThemAndTheOtherIsTold() {
        Desk.Team team = desk.team("Busy loop");
        Person second = desk.joinedReviewer(team, "Sasha Second");
        String id = desk.create(team, Desk.singleSelect());
        try (BrowserContext firstBrowser = browser.signedIn(desk.server, team.reviewer());
             BrowserContext secondBrowser = browser.signedIn(desk.server, second)) {
            Page first = firstBrowser.newPage();
            Page other = secondBrowser.newPage();
            first.navigate("/review/" + id);
            other.navigate("/review/" + id);
            assertThat(first.locator("#review-work button")).hasText("Claim");
            assertThat(other.locator("#review-work button")).hasText("Claim");

            // Both clicks are dispatched before either answer comes back.
            String click = "() => document.querySelector('#review-work button').click()";
            first.evaluate(click);
            other.evaluate(click);

            JsonNode request = awaitClaimed(team, id);
            boolean firstWon = team.reviewer().id().equals(request.path("claimed_by").asText());
            Page winner = firstWon ? first : other;
            Page loser = firstWon ? other : first;
            assertThat(winner.locator("#answer-form")).isVisible();
            assertThat(loser.locator("#review-work")).containsText(
                    Pattern.compile("another reviewer", Pattern.CASE_INSENSITIVE));
            assertThat(loser.locator("#answer-form")).hasCount(0);
            assertThat(request.path("claimed_by").asText())
                    .isIn(team.reviewer().id(), second.id());
        }
        ApiEvents events = new ApiEvents(desk, team, id);
        assertThat(events.count("claimed")).as("claim events").isEqualTo(1);
        assertThat(browser.takePageErrors()).isEmpty();
    }

    private JsonNode awaitClaimed(Desk.Team team, String id) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode request = desk.read(team, id);
        while (!"claimed".equals(request.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            request = desk.read(team, id);
        }
        assertThat(request.path("status").asText()).isEqualTo("claimed");
        return request;
    }

    /** The request's history as the API lists it. */
    private record ApiEvents(Desk desk, Desk.Team team, String id) {

        long count(String action) {
            JsonNode events = desk.server.get("/v1/api/requests/" + id + "/events",
                    team.owner().apiKey()).data().path("events");
            long n = 0;
            for (JsonNode event : events) {
                n += action.equals(event.path("action").asText()) ? 1 : 0;
            }
            return n;
        }
    }
}
