package io.loopdesk.scale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Webhook calls arriving on loopback, as whoever consumes them would see them. */
final class HookReceiver implements AutoCloseable {

    /** One call: which URL path it came to, its delivery (event) id and event name. */
    record Call(String path, String deliveryId, String event) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    HookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            calls.add(new Call(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("X-HITL-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-HITL-Event")));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
