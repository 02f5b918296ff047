package io.loopdesk.webhook;

import static io.loopdesk.db.schema.Tables.WEBHOOK_DELIVERY;
import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.Ids;
import io.loopdesk.problem.Conflict;
import io.loopdesk.support.ApiResponse;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox commits and rolls back with the change, and survives the process that wrote it. */
@ExtendWith(RestoresClock.class)
class OutboxTest {

    private static final String FAILING_MARKER =
            "[fail after the outbox " + UUID.randomUUID() + "]";
    private static boolean failingListenerAdded;

    private DeliveryWorker appWorker;
    private Person alice;
    private String loop;

    @BeforeEach
    void stopTheBackgroundWorker() {
        appWorker = server().app().deliveryWorker();
        appWorker.stop();
        alice = server().newPerson("Alice");
        loop = server().newLoop(alice, "Moderation");
    }

    @AfterEach
    void restartTheBackgroundWorker() {
        appWorker.start();
    }

    @Test
    void aChangeThatIsRolledBackSendsNothing() {
        addFailingListener();
        try (Receiver receiver = Receiver.start()) {
            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);

            ApiResponse refused = server().post("/v1/api/loops/" + loop + "/requests",
                    alice.apiKey(), Bodies.request("request_text", "Check " + FAILING_MARKER));
            assertThat(refused.status()).as(refused.text()).isEqualTo(409);

            appWorker.drain();
            assertThat(Hooks.deliveriesOfEndpoint(alice, endpoint.id())).isEmpty();
            assertThat(receiver.calls()).isEmpty();
        }
    }

    /**
     * A script's key read tells whether its account has endpoints; without any, its changes
     * still reach their callback URLs, and an endpoint added later gets the very next change.
     */
    @Test
    void aScriptsChangesFindEndpointsAddedBetweenCallsAndCallbacksWithoutAny() {
        try (Receiver receiver = Receiver.start()) {
            String first = Hooks.request(alice, loop,
                    Bodies.request("callback_url", receiver.url()));
            assertThat(Hooks.deliveriesOfRequest(alice, first)).hasSize(1);

            Hooks.Endpoint endpoint = Hooks.endpoint(alice, receiver.url(), Hooks.ALL_EVENTS);
            String second = Hooks.request(alice, loop, Bodies.request());
            assertThat(Hooks.deliveriesOfRequest(alice, second)).hasSize(1);
            ApiResponse cancelled = server().delete("/v1/api/requests/" + first, alice.apiKey());
            assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
            assertThat(Hooks.deliveriesOfRequest(alice, first))
                    .as("created to the callback; cancelled to the callback and the endpoint")
                    .hasSize(3);
            assertThat(Hooks.deliveriesOfEndpoint(alice, endpoint.id())).hasSize(2);
        }
    }

    @Test
    void aChangeCommittedJustBeforeACrashIsDeliveredOnceByTheNextProcess() {
        try (Receiver receiver = Receiver.start()) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            // The process that made the change dies before its worker gets to the outbox.
            String id = Hooks.request(alice, loop, Bodies.request());
            assertThat(Hooks.deliveriesOfRequest(alice, id)).extracting(d -> d.path("status")
                    .asText()).containsExactly("pending");

            try (DeliveryWorker next = Hooks.worker(new AddressGuard(true), Duration.ofSeconds(5),
                    "next-process")) {
                next.start();
                Await.until("the delivery", () -> Hooks.deliveriesOfRequest(alice, id).get(0)
                        .path("status").asText().equals("delivered"));
            }

            assertThat(receiver.calls()).hasSize(1);
            assertThat(Hooks.deliveriesOfRequest(alice, id).get(0).path("attempts")).hasSize(1);
        }
    }

    @Test
    void aDeliveryHeldByAProcessThatDiedIsSentOnceItsLeaseRunsOut() {
        try (Receiver receiver = Receiver.start()) {
            Hooks.endpoint(alice, receiver.url(), List.of("request.created"));
            String id = Hooks.request(alice, loop, Bodies.request());
            String deliveryId = Hooks.deliveriesOfRequest(alice, id).get(0).path("id").asText();

            // A process leases the delivery, then dies before sending it.
            var deliveries = new DeliveryRepository(server().app().database().dsl());
            Instant now = server().clock().instant();
            Duration lease = Duration.ofSeconds(70);
            List<ClaimedDelivery> held = deliveries.claimDue(Ids.next(), now, now.plus(lease),
                    10_000);
            assertThat(held).extracting(ClaimedDelivery::id).contains(deliveryId);

            DeliveryWorker next = Hooks.worker(new AddressGuard(true), Duration.ofSeconds(5),
                    "next-process");
            next.drain();
            assertThat(receiver.calls()).as("the lease still holds").isEmpty();

            server().clock().advance(lease.plusSeconds(1));
            next.drain();
            next.drain();
            assertThat(receiver.calls()).hasSize(1);
            assertThat(deliveries.where(WEBHOOK_DELIVERY.ID.eq(deliveryId)).get(0).status())
                    .isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    private static synchronized void addFailingListener() {
        if (failingListenerAdded) {
            return;
        }
        failingListenerAdded = true;
        server().app().services().requests().addListener((event, request, previous, extra,
                                                          endpointsMayListen) -> {
            if (request.requestText().contains(FAILING_MARKER)) {
                throw new Conflict("A later step of the change failed");
            }
        });
    }
}
