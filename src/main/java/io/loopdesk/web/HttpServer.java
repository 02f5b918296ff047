package io.loopdesk.web;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.loopdesk.Ids;
import io.loopdesk.problem.PayloadTooLarge;
import io.loopdesk.problem.Problem;
import io.loopdesk.quota.Quota;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin server: static files and webjars, authentication of the JSON API, one mapping from
 * {@link Problem} to status and envelope, rate-limit headers, and a log line per request.
 */
public final class HttpServer {

    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_DISCARDED_BYTES = 16 * MAX_BODY_BYTES;
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String REQUEST_ID = "loopdesk.request_id";
    private static final String STARTED = "loopdesk.started_nanos";

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * @param maxActive requests worked on at once; the others wait their turn
     *                  ({@link TakingTurns})
     */
    public static HttpServer create(Authentication authentication, Quota quota,
                                    ErrorPages errorPages, Flash flash,
                                    List<RouteSet> routeSets, int maxActive) {
        FormAnswers forms = new FormAnswers(flash);
        QoSHandler turns = TakingTurns.handler(maxActive);
        Javalin app = Javalin.create(config -> {
            configureBasics(config);
            config.jetty.modifyServletContextHandler(handler -> {
                handler.insertHandler(turns);
                // Outside the turns: a body read too slowly fails, and its turn is given back.
                handler.insertHandler(TakingTurns.slowBodyLimit());
            });
            config.routes.before(ctx -> {
                // From when its headers were read: a request's time includes its wait for a turn.
                ctx.attribute(STARTED, ServletContextRequest.getServletContextRequest(ctx.req())
                        .getBeginNanoTime());
                String requestId = Ids.randomHex(8);
                ctx.attribute(REQUEST_ID, requestId);
                ctx.header("X-Request-Id", requestId);
                rejectOversizedBody(ctx);
            });
            config.routes.before("/v1/*", ctx -> {
                if (!isOpenApiPath(ctx.path())) {
                    authentication.requireCaller(ctx);
                }
            });
            config.routes.after("/v1/*", ctx -> addRateLimitHeaders(ctx, quota));
            config.routes.after("/v1/*", forms::answerSuccess);

            config.routes.exception(Problem.class, (problem, ctx) -> {
                problem.headers().forEach(ctx::header);
                answerError(ctx, problem.status(), problem.getMessage(), problem.data(),
                        errorPages, forms);
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> {
                int status = e.getStatus() == 413 ? 413 : e.getStatus();
                String message = status == 413 ? new PayloadTooLarge().getMessage()
                        : e.getMessage();
                answerError(ctx, status, message, null, errorPages, forms);
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (isBrokenRequest(e)) {
                    log.info("request body broken off or garbled request_id={} method={} "
                            + "path={} error=\"{}\"", ctx.attribute(REQUEST_ID), ctx.method(),
                            ctx.path(), e.toString());
                    answerError(ctx, 400, "Malformed request", null, errorPages, forms);
                    return;
                }
                log.error("unhandled failure request_id={} method={} path={}",
                        ctx.attribute(REQUEST_ID), ctx.method(), ctx.path(), e);
                answerError(ctx, 500, "Internal server error", null, errorPages, forms);
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.resultInputStream() == null) {
                    answerError(ctx, 404, "Not found", null, errorPages, forms);
                }
            });
            config.routes.error(405, "*", ctx -> {
                if (ctx.resultInputStream() == null) {
                    answerError(ctx, 405, "Method not allowed", null, errorPages, forms);
                }
            });

            routeSets.forEach(set -> set.register(config.routes));
            config.routes.after(HttpServer::addServerTiming);
        });
        return new HttpServer(app);
    }

    private static void configureBasics(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        // On stop, requests in flight get this long to finish before connections are closed.
        config.jetty.modifyServer(server -> {
            server.setStopTimeout(10_000);
            server.setErrorHandler(new ProtocolErrors());
        });
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                new FilterHolder(new MethodOverride()), "/*", EnumSet.of(DispatcherType.REQUEST)));
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.http.defaultContentType = "application/json";
        config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        config.fileRenderer(new Templates());
        config.staticFiles.enableWebjars();
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/static";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=300");
        });
        config.requestLogger.http((ctx, ms) -> log.info(
                "http method={} path={} status={} ms={} request_id={}",
                ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(ms),
                ctx.attribute(REQUEST_ID)));
    }

    public HttpServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    public static boolean isApiPath(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    private static boolean isOpenApiPath(String path) {
        return path.equals("/v1/health") || path.equals("/v1/api/health");
    }

    private static void rejectOversizedBody(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BODY_BYTES) {
            discardBody(ctx, length);
            throw new PayloadTooLarge();
        }
    }

    /**
     * Reads and drops a refused body of moderate size. Left unread, the connection is closed
     * under a client still writing it, and that client sees a reset instead of the 413.
     */
    private static void discardBody(Context ctx, long length) {
        if (length > MAX_DISCARDED_BYTES) {
            return;
        }
        try {
            ctx.req().getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client went away; there is no one left to answer.
        }
    }

    private static void answerError(Context ctx, int status, String message, Object data,
                                    ErrorPages errorPages, FormAnswers forms) {
        ctx.status(status);
        boolean plainForm = FormAnswers.isBrowserForm(ctx);
        if (plainForm && status != 401 && status != 403 && FormAnswers.isPlainForm(ctx)) {
            forms.answerFailure(ctx, message, data);
        } else if ((isApiPath(ctx.path()) && !plainForm) || wantsJson(ctx)) {
            ctx.json(Envelope.failure(message, data));
        } else {
            errorPages.render(ctx, status, message);
        }
    }

    /**
     * A body the client garbled or broke off (bad chunk sizes, an early end): Jetty reports it
     * when the route reads the body, as an I/O failure of its own.
     */
    private static boolean isBrokenRequest(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getClass().getName().startsWith("org.eclipse.jetty.")
                    || t instanceof org.eclipse.jetty.http.BadMessageException) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json")
                && !accept.contains("text/html");
    }

    /**
     * {@code Server-Timing: app;dur=<ms>}: the time this process spent on the request, so that
     * browsers' developer tools and the benchmark can tell it from time spent on the way.
     */
    private static void addServerTiming(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            ctx.header("Server-Timing", "app;dur=" + Math.round(millis * 100) / 100.0);
        }
    }

    private static void addRateLimitHeaders(Context ctx, Quota quota) {
        Caller.find(ctx).flatMap(Caller::apiKey).ifPresent(key ->
                QuotaHeaders.write(ctx, quota, key));
    }
}
