package io.loopdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

    private static final byte[] BODY = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void postsTheBodyWithTheHeadersAndReadsTheAnswer() throws Exception {
        try (Receiver receiver = Receiver.start().answering(202).withBody("accepted")) {
            var sender = new WebhookSender(new AddressGuard(true), Duration.ofSeconds(5));
            var answer = sender.post(URI.create(receiver.url()), Map.of("X-Test", "yes"), BODY);

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.excerpt()).isEqualTo("accepted");
            Receiver.Call call = receiver.calls().get(0);
            assertThat(call.method()).isEqualTo("POST");
            assertThat(call.body()).isEqualTo("{\"hello\":\"world\"}");
            assertThat(call.header("X-Test")).isEqualTo("yes");
        }
    }

    @Test
    void keepsOnlyTheFirstKibOfTheAnswer() throws Exception {
        try (Receiver receiver = Receiver.start().answering(500).withBody("x".repeat(5000))) {
            var sender = new WebhookSender(new AddressGuard(true), Duration.ofSeconds(5));
            var answer = sender.post(URI.create(receiver.url()), Map.of(), BODY);

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.excerpt()).hasSize(1024);
        }
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        try (Receiver receiver = Receiver.start().answering(302)) {
            var sender = new WebhookSender(new AddressGuard(true), Duration.ofSeconds(5));
            var answer = sender.post(URI.create(receiver.url()), Map.of(), BODY);

            assertThat(answer.status()).isEqualTo(302);
            assertThat(receiver.calls()).hasSize(1);
        }
    }

    @Test
    void cutsAHangingReceiverAtTheTimeout() {
        try (Receiver receiver = Receiver.start().answering(Receiver.HANG)) {
            var sender = new WebhookSender(new AddressGuard(true), Duration.ofMillis(400));
            long started = System.nanoTime();

            assertThatThrownBy(() -> sender.post(URI.create(receiver.url()), Map.of(), BODY))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("timed out after 400 ms");
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMs).isBetween(350L, 3_000L);
        }
    }

    @Test
    void connectsToTheCheckedAddressAndNamesTheHostInTheHostHeader() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            var lookups = new java.util.concurrent.atomic.AtomicInteger();
            AddressGuard guard = new AddressGuard(true, host -> {
                lookups.incrementAndGet();
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            });
            var sender = new WebhookSender(guard, Duration.ofSeconds(5));
            var answer = sender.post(URI.create(receiver.url("receiver.loopdesk.test")), Map.of(),
                    BODY);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(receiver.calls().get(0).header("Host"))
                    .isEqualTo("receiver.loopdesk.test:" + receiver.port());
        }
    }

    @Test
    void refusesToSendToANameThatResolvesToAPrivateAddress() {
        try (Receiver receiver = Receiver.start()) {
            var sender = new WebhookSender(new AddressGuard(false), Duration.ofSeconds(5));

            assertThatThrownBy(() -> sender.post(URI.create(receiver.url("localhost")), Map.of(),
                    BODY)).isInstanceOf(RefusedAddress.class).hasMessageContaining("loopback");
            assertThat(receiver.calls()).isEmpty();
        }
    }

    @Test
    void aNameThatChangesItsAnswerAfterTheCheckCannotSlipPast() {
        try (Receiver receiver = Receiver.start()) {
            // A rebinding name: public for the first look-up, loopback for any later one. The
            // sender must connect to the public address it checked, never look the name up again.
            var lookups = new java.util.concurrent.atomic.AtomicInteger();
            AddressGuard guard = new AddressGuard(false, host -> new InetAddress[] {
                lookups.getAndIncrement() == 0 ? InetAddress.getByName("198.51.99.1")
                        : InetAddress.getLoopbackAddress()});
            var sender = new WebhookSender(guard, Duration.ofMillis(300));

            assertThatThrownBy(() -> sender.post(URI.create(receiver.url("rebind.loopdesk.test")),
                    Map.of(), BODY)).isInstanceOf(IOException.class);
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(receiver.calls()).isEmpty();
        }
    }

    @Test
    void everySendResolvesTheNameAgain() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            var lookups = new java.util.concurrent.atomic.AtomicInteger();
            AddressGuard guard = new AddressGuard(false, host -> new InetAddress[] {
                lookups.getAndIncrement() == 0 ? InetAddress.getByName("93.184.216.34")
                        : InetAddress.getLoopbackAddress()});
            guard.checkUrl("url", receiver.url("rebind.loopdesk.test"));

            var sender = new WebhookSender(guard, Duration.ofMillis(300));
            assertThatThrownBy(() -> sender.post(URI.create(receiver.url("rebind.loopdesk.test")),
                    Map.of(), BODY)).isInstanceOf(RefusedAddress.class);
            assertThat(receiver.calls()).isEmpty();
        }
    }

    @Test
    void aClosedPortIsAnIoFailure() throws Exception {
        int port;
        try (Receiver receiver = Receiver.start()) {
            port = receiver.port();
        }
        var sender = new WebhookSender(new AddressGuard(true), Duration.ofSeconds(2));
        assertThatThrownBy(() -> sender.post(URI.create("http://127.0.0.1:" + port + "/"),
                Map.of(), BODY)).isInstanceOf(IOException.class);
    }
}
