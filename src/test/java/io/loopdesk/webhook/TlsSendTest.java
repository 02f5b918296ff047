package io.loopdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS to a pinned address: the sender connects to the address it checked, yet the certificate
 * is still verified against the URL's host name, which is also sent as SNI.
 */
class TlsSendTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String NAME = "receiver.loopdesk.test";

    private static HttpsServer server;
    private static SSLContext clientTls;
    private static final List<String> hosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startAnHttpsReceiverWithItsOwnCertificate() throws Exception {
        Path dir = Files.createTempDirectory("loopdesk-tls-");
        Path store = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
                "keytool").toString(), "-genkeypair", "-alias", "receiver", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + NAME, "-ext", "SAN=dns:" + NAME,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", keys.getCertificate("receiver"));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trustManagers.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void postsOverTlsToThePinnedAddressWithTheCertificateCheckedAgainstTheName()
            throws Exception {
        var answer = sender().post(URI.create("https://" + NAME + ":" + port() + "/hook"),
                Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(204);
        assertThat(hosts).contains(NAME + ":" + port());
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        assertThatThrownBy(() -> sender().post(URI.create("https://other.loopdesk.test:" + port()
                + "/hook"), Map.of(), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SSLException.class);
    }

    private static WebhookSender sender() {
        AddressGuard guard = new AddressGuard(true,
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        return new WebhookSender(guard, Duration.ofSeconds(5), clientTls.getSocketFactory());
    }

    private static int port() {
        return server.getAddress().getPort();
    }
}
