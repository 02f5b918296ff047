package io.loopdesk.web;

import java.time.Duration;
import org.eclipse.jetty.server.handler.QoSHandler;

/**
 * Lets only so many requests be worked on at once; the others wait their turn, in order of
 * arrival, without holding a thread (Jetty's {@link QoSHandler}).
 *
 * <p>Two cores cannot run thirty requests at once any faster than a few: they only take turns
 * at the cores and at the database, every one of them holding its connection and its row locks
 * while it waits, and which of them comes next is left to chance, so a few wait very long. With
 * a few at a time the same work is done and each request waits about as long as the others.
 *
 * <p>The health check never waits, so that a load balancer sees a busy server as alive, nor do
 * static files, which touch no database.
 */
final class TakingTurns {

    /** A request that waited this long is refused with 503 instead. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private TakingTurns() {
    }

    static QoSHandler handler(int maxActive) {
        QoSHandler handler = new QoSHandler();
        handler.setMaxRequestCount(maxActive);
        handler.setMaxSuspend(MAX_WAIT);
        handler.excludePath("/v1/health", "/v1/api/health", "/static/*", "/webjars/*");
        return handler;
    }
}
