package io.loopdesk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.loopdesk.request.Requests;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.Browser;
import io.loopdesk.support.TestServer;
import io.loopdesk.support.TestServer.Person;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The requests page counts what its filter matches, and how many of those are open, from the
 * tallies; every filter of loop, priority and status gets the numbers the API's list counts
 * from the requests themselves.
 */
class ListCountsTest {

    private final TestServer server = TestServer.get();
    private final Browser browser = Browser.get();
    private final Requests requests = new Requests(server);

    @Test
    void everyFilterOfLoopPriorityAndStatusCountsWhatTheApiListCounts() {
        Person owner = server.newPerson("Counting Carla");
        String loopA = server.newLoop(owner, "Counted A");
        String loopB = server.newLoop(owner, "Counted B");
        requests.create(owner, loopA, Bodies.request("priority", "low"));
        requests.cancel(owner, requests.create(owner, loopA,
                Bodies.request("priority", "critical")));
        requests.claim(owner, requests.create(owner, loopB, Bodies.request("priority", "high")));
        requests.respond(owner, requests.create(owner, loopB,
                Bodies.request("priority", "medium")), "approve");
        requests.create(owner, loopA, Bodies.request("priority", "critical"));
        requests.create(owner, loopB, Bodies.request("priority", "high"));
        requests.create(owner, loopB, Bodies.request("priority", "high"));

        Map<String, Integer> shown = new HashMap<>();
        try (BrowserContext context = browser.signedInWithoutScript(server, owner)) {
            Page page = context.newPage();
            for (String loop : new String[] {null, loopA, loopB}) {
                for (String priority : new String[] {null, "critical", "high", "low"}) {
                    for (String status : new String[] {null, "pending", "claimed", "cancelled"}) {
                        String filter = (status == null ? "" : "&status=" + status)
                                + (priority == null ? "" : "&priority=" + priority);
                        page.navigate("/requests?" + filter
                                + (loop == null ? "" : "&loop=" + loop));
                        int matching = Integer.parseInt(
                                page.locator("#list-meta strong").innerText().trim());
                        String api = filter + (loop == null ? "" : "&loop_id=" + loop);
                        assertThat(matching).as("requests matching " + filter + " in " + loop)
                                .isEqualTo(total(owner, api));

                        Locator offer = page.locator("#matching-choice");
                        int open = status == null
                                ? total(owner, api + "&status=pending")
                                        + total(owner, api + "&status=claimed")
                                : status.equals("cancelled") ? 0 : matching;
                        if (offer.count() > 0) {
                            assertThat(Integer.parseInt(offer.getAttribute("data-open-matching")))
                                    .as("open requests matching " + filter + " in " + loop)
                                    .isEqualTo(open);
                        } else {
                            assertThat(open).as("no offer to cancel: nothing open matches "
                                    + filter + " in " + loop).isZero();
                        }
                        shown.put(filter + (loop == null ? "" : "&loop=" + loop), matching);
                    }
                }
            }
        }
        assertThat(shown).hasSize(48).containsEntry("", 7).containsEntry("&loop=" + loopA, 3)
                .containsEntry("&priority=critical&loop=" + loopA, 2)
                .containsEntry("&status=pending&priority=high&loop=" + loopB, 2)
                .containsEntry("&status=claimed", 1).containsEntry("&priority=low&loop=" + loopB, 0);
    }

    private int total(Person owner, String filter) {
        return server.get("/v1/api/requests?limit=1" + filter, owner.apiKey()).data()
                .path("total").asInt();
    }
}
