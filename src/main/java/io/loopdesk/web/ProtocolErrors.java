package io.loopdesk.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty meets before a request ever reaches a route: header fields too large
 * (431), a URI too long (414), a request it cannot parse (400), a request that waited too long
 * for its turn (503, see {@link TakingTurns}). API paths get the usual envelope, everything else
 * a short plain page; Jetty's own page would name the server.
 *
 * <p>When the request line itself could not be read, Jetty knows no path. Such a caller is far
 * more likely a client library than a browser, so it gets the envelope too.
 */
final class ProtocolErrors extends ErrorHandler {

    /** Jetty's stand-in path for a request whose request line it could not read. */
    private static final String UNPARSED_PATH = "/badMessage";

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) {
        String path = Request.getPathInContext(request);
        String type;
        String body;
        if (HttpServer.isApiPath(path) || path.equals(UNPARSED_PATH)) {
            type = "application/json";
            body = Json.write(Envelope.failure(messageFor(code), null));
        } else {
            type = "text/plain; charset=utf-8";
            body = code + " " + messageFor(code) + "\n";
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    /** Fixed words: Jetty's reason can name parser internals a caller has no use for. */
    static String messageFor(int code) {
        return switch (code) {
            case 400 -> "Malformed request";
            case 414 -> "Request URI too long";
            case 431 -> "Request header fields too large";
            case 503 -> "Server busy; try again";
            default -> HttpStatus.getMessage(code);
        };
    }
}
