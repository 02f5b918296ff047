package io.loopdesk.webhook;

import static io.loopdesk.db.schema.Tables.WEBHOOK_ATTEMPT;
import static io.loopdesk.db.schema.Tables.WEBHOOK_DELIVERY;
import static io.loopdesk.webhook.Hooks.server;
import static org.assertj.core.api.Assertions.assertThat;

import io.loopdesk.App;
import io.loopdesk.account.Permission;
import io.loopdesk.support.Bodies;
import io.loopdesk.support.TestServer.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Two server processes on one database share the outbox: every event is sent exactly once. */
class MultiProcessTest {

    private static final int EVENTS = 200;

    @Test
    void twoProcessesDeliverEachOf200EventsExactlyOnce() {
        Person alice = server().newPerson("Alice", Permission.all(), Optional.of(10_000));
        String loop = server().newLoop(alice, "Moderation");
        DeliveryWorker first = server().app().deliveryWorker();

        try (Receiver receiver = Receiver.start().holding()) {
            String endpointId = Hooks.endpoint(alice, receiver.url(), List.of("request.created"))
                    .id();
            App second;
            first.stop();
            try {
                for (int i = 0; i < EVENTS; i++) {
                    Hooks.request(alice, loop, Bodies.request());
                }
                // Both processes start on the full outbox at once, racing for every row.
                second = Hooks.secondProcess(env -> { });
            } finally {
                first.start();
            }
            try (second) {
                // Answers are held until each process has a sender's worth of calls waiting, so
                // neither can finish the outbox before the other one has started.
                Await.until("calls from both processes", Duration.ofSeconds(30),
                        () -> receiver.calls().size() >= 2 * DeliveryWorker.SENDERS);
                receiver.open();
                Await.until("all deliveries", Duration.ofSeconds(60),
                        () -> receiver.calls().size() >= EVENTS && deliveries(endpointId).stream()
                                .allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
            }

            Map<String, Long> perEvent = receiver.calls().stream().collect(Collectors.groupingBy(
                    c -> c.header("X-HITL-Delivery"), Collectors.counting()));
            assertThat(perEvent).hasSize(EVENTS);
            assertThat(perEvent.values()).containsOnly(1L);
            assertThat(receiver.calls()).hasSize(EVENTS);

            List<String> workers = server().app().database().dsl()
                    .select(WEBHOOK_ATTEMPT.WORKER).from(WEBHOOK_ATTEMPT)
                    .join(WEBHOOK_DELIVERY).on(WEBHOOK_DELIVERY.ID.eq(WEBHOOK_ATTEMPT.DELIVERY_ID))
                    .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                    .fetch(WEBHOOK_ATTEMPT.WORKER);
            assertThat(workers).hasSize(EVENTS);
            Map<String, Long> share = workers.stream().collect(Collectors.groupingBy(
                    Function.identity(), Collectors.counting()));
            assertThat(share).as("both processes took part: %s", share).hasSize(2);
        }
    }

    private static List<WebhookDelivery> deliveries(String endpointId) {
        return new DeliveryRepository(server().app().database().dsl())
                .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId));
    }
}
