package io.loopdesk.web;

import io.javalin.config.RoutesConfig;
import io.loopdesk.db.Database;
import java.util.Map;

/** {@code GET /v1/health}: 200 while the database answers, 503 when it does not. No auth. */
public final class HealthRoutes implements RouteSet {

    private final Database database;

    public HealthRoutes(Database database) {
        this.database = database;
    }

    @Override
    public void register(RoutesConfig routes) {
        new Api(routes).get("/health", ctx -> {
            boolean healthy = database.isHealthy();
            ctx.status(healthy ? 200 : 503);
            Map<String, Object> data = Map.of("status", healthy ? "ok" : "unavailable",
                    "database", healthy ? "up" : "down");
            ctx.json(healthy ? Envelope.success("Service is healthy", data)
                    : Envelope.failure("Service unavailable", data));
        });
    }
}
