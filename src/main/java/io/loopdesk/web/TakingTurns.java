package io.loopdesk.web;

import java.time.Duration;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
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
 *
 * <p>A turn is taken before the body is read, so a client sending its body a byte at a time
 * would hold its turn for as long as it liked: bodies must arrive at {@link #MIN_BODY_RATE} or
 * faster ({@link #slowBodyLimit}), or the read fails and the turn is given back.
 */
final class TakingTurns {

    /** A request that waited this long is refused with 503 instead. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** Bytes per second a request body must arrive at, at the least. */
    static final long MIN_BODY_RATE = 1024;

    private TakingTurns() {
    }

    /** Fails the reads of a body that arrives slower than {@link #MIN_BODY_RATE}. */
    static MinimumDataRateHandler slowBodyLimit() {
        return new MinimumDataRateHandler(MIN_BODY_RATE, 0);
    }

    static QoSHandler handler(int maxActive) {
        QoSHandler handler = new QoSHandler();
        handler.setMaxRequestCount(maxActive);
        handler.setMaxSuspend(MAX_WAIT);
        handler.excludePath("/v1/health", "/v1/api/health", "/static/*", "/webjars/*");
        return handler;
    }
}
