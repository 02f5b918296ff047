package io.loopdesk.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/**
 * Registers a JSON route under both prefixes clients use: {@code /v1/api/...} and the shorter
 * {@code /v1/...}.
 */
public final class Api {

    private final RoutesConfig routes;

    public Api(RoutesConfig routes) {
        this.routes = routes;
    }

    public Api get(String path, Handler handler) {
        routes.get("/v1/api" + path, handler);
        routes.get("/v1" + path, handler);
        return this;
    }

    public Api post(String path, Handler handler) {
        routes.post("/v1/api" + path, handler);
        routes.post("/v1" + path, handler);
        return this;
    }

    public Api put(String path, Handler handler) {
        routes.put("/v1/api" + path, handler);
        routes.put("/v1" + path, handler);
        return this;
    }

    public Api patch(String path, Handler handler) {
        routes.patch("/v1/api" + path, handler);
        routes.patch("/v1" + path, handler);
        return this;
    }

    public Api delete(String path, Handler handler) {
        routes.delete("/v1/api" + path, handler);
        routes.delete("/v1" + path, handler);
        return this;
    }
}
