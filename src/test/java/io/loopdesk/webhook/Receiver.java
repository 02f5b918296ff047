package io.loopdesk.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 for tests. It answers with the statuses it was told to, in
 * order, then with its default; it records every call. It listens on a random path, so
 * deliveries left over from other tests (to a reused port) get a 404 and are not counted.
 */
final class Receiver implements AutoCloseable {

    /** One call as the receiver saw it. */
    record Call(String method, String path, Map<String, List<String>> headers, String body,
                Instant at) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    static final int HANG = -1;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String path = "/hook/" + UUID.randomUUID();
    private final Deque<Integer> script = new ConcurrentLinkedDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int fallback = 200;
    private volatile String answerBody = "{\"ok\":true}";

    private Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver start() {
        try {
            return new Receiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers these statuses to the next calls, then the default. {@link #HANG} never answers. */
    Receiver answering(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
        return this;
    }

    Receiver byDefault(int status) {
        fallback = status;
        return this;
    }

    Receiver withBody(String body) {
        answerBody = body;
        return this;
    }

    /** Holds every answer until {@link #open()}: senders stay busy with the calls they made. */
    Receiver holding() {
        gate = new CountDownLatch(1);
        return this;
    }

    void open() {
        gate.countDown();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The same receiver reached through a host name instead of an address. */
    String url(String host) {
        return "http://" + host + ":" + port() + path;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            gate.await(60, TimeUnit.SECONDS);
            Integer scripted = script.poll();
            int status = scripted == null ? fallback : scripted;
            if (status == HANG) {
                release.await(60, TimeUnit.SECONDS);
                return;
            }
            byte[] answer = answerBody.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
