package io.loopdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests beyond the limit wait their turn and are worked on in order of arrival; the health
 * check never waits; a body sent byte by byte does not keep its turn. One turn at a time, and a
 * request that holds it until the test lets go.
 */
class TakingTurnsTest {

    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch letGo = new CountDownLatch(1);
    /** The paths in the order their work began. */
    private final List<String> worked = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private Server server;
    private QoSHandler turns;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        turns = TakingTurns.handler(1);
        turns.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback)
                    throws Exception {
                String path = Request.getPathInContext(request);
                worked.add(path);
                if (path.equals("/hold")) {
                    holding.countDown();
                    assertThat(letGo.await(30, TimeUnit.SECONDS)).isTrue();
                }
                if (path.equals("/upload")) {
                    Content.Source.asString(request);
                }
                Content.Sink.write(response, true, path, callback);
                return true;
            }
        });
        MinimumDataRateHandler slowBodyLimit = TakingTurns.slowBodyLimit();
        slowBodyLimit.setHandler(turns);
        server.setHandler(slowBodyLimit);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        letGo.countDown();
        server.stop();
    }

    @Test
    void requestsBeyondTheLimitWaitAndAreWorkedOnInOrderOfArrival() throws Exception {
        CompletableFuture<HttpResponse<String>> held = get("/hold");
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<HttpResponse<String>> first = get("/v1/api/first");
        await().atMost(Duration.ofSeconds(30)).until(() -> turns.getSuspendedRequestCount() == 1);
        CompletableFuture<HttpResponse<String>> second = get("/requests");
        await().atMost(Duration.ofSeconds(30)).until(() -> turns.getSuspendedRequestCount() == 2);
        assertThat(worked).containsExactly("/hold");

        letGo.countDown();

        assertThat(held.get(30, TimeUnit.SECONDS).body()).isEqualTo("/hold");
        assertThat(first.get(30, TimeUnit.SECONDS).body()).isEqualTo("/v1/api/first");
        assertThat(second.get(30, TimeUnit.SECONDS).body()).isEqualTo("/requests");
        assertThat(worked).containsExactly("/hold", "/v1/api/first", "/requests");
    }

    @Test
    void theHealthCheckAndStaticFilesDoNotWaitForATurn() throws Exception {
        get("/hold");
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(get("/v1/health").get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/static/app.css").get(30, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
        assertThat(worked).containsExactly("/hold", "/v1/health", "/static/app.css");
        assertThat(turns.getSuspendedRequestCount()).isZero();
    }

    @Test
    void aBodySentByteByByteDoesNotKeepItsTurn() throws Exception {
        try (Socket trickle = new Socket("127.0.0.1", server.getURI().getPort())) {
            OutputStream out = trickle.getOutputStream();
            out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
                    + "Content-Type: application/json\r\n\r\n{").getBytes(StandardCharsets.UTF_8));
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> worked.contains("/upload"));
            CompletableFuture<HttpResponse<String>> next = get("/v1/api/next");
            // The body goes on at one byte a second: far below the least rate accepted.
            ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
            trickler.scheduleAtFixedRate(() -> {
                try {
                    out.write(' ');
                    out.flush();
                } catch (IOException e) {
                    // the server gave up on the body and closed the connection: as it should
                    trickler.shutdown();
                }
            }, 1, 1, TimeUnit.SECONDS);

            // Were the trickle to keep its turn, the next request would wait as long as it lasts.
            try {
                assertThat(next.get(20, TimeUnit.SECONDS).body()).isEqualTo("/v1/api/next");
            } finally {
                trickler.shutdownNow();
            }
        }
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        URI uri = URI.create("http://127.0.0.1:" + server.getURI().getPort() + path);
        return client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
