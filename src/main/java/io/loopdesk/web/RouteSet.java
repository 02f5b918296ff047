package io.loopdesk.web;

import io.javalin.config.RoutesConfig;

/** A feature's routes, added to the server at start-up. */
@FunctionalInterface
public interface RouteSet {

    void register(RoutesConfig routes);
}
