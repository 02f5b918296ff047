package io.loopdesk.bench;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.loopdesk.web.Envelope;
import io.loopdesk.web.HttpServer;
import io.loopdesk.web.Json;
import java.util.Map;

/**
 * The HTTP floor: a bare Javalin server with Loopdesk's HTTP settings (request size limit,
 * default content type, the same JSON mapper, default thread pool) and one endpoint answering a
 * fixed small envelope. Nothing an application does per request can be cheaper than this.
 * Run as its own process: {@code PORT=7071 java -cp loopdesk.jar io.loopdesk.bench.HttpFloor}.
 */
public final class HttpFloor {

    static final String PATH = "/v1/floor";

    private HttpFloor() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "7071"));
        Object answer = Envelope.success("ok", Map.of("status", "ok"));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = HttpServer.MAX_BODY_BYTES;
            config.http.defaultContentType = "application/json";
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.routes.get(PATH, ctx -> ctx.json(answer));
        });
        app.start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "floor-shutdown"));
    }
}
