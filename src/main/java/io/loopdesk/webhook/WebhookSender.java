package io.loopdesk.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one webhook POST and reads the answer's status and first KiB.
 *
 * <p>It speaks HTTP/1.1 over a socket connected to an address the {@link AddressGuard} has just
 * checked, rather than through {@code java.net.http}: on Java 17 that client resolves the name
 * again itself and cannot be pointed at a chosen address for HTTPS (there is no resolver hook
 * before Java 18, the {@code Host} header is restricted and certificates are checked against the
 * URL's host), which would leave room for DNS rebinding. TLS still checks the certificate against
 * the URL's host name and sends it as SNI. Redirects are answers like any other: never followed.
 * The whole exchange, connection and TLS handshake included, must finish within the time-out.
 */
public final class WebhookSender {

    public static final int EXCERPT_BYTES = 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    /** The receiver's answer: its status code and the start of its body. */
    public record Answer(int status, String excerpt) {
    }

    private final AddressGuard guard;
    private final Duration timeout;
    private final SSLSocketFactory tls;

    public WebhookSender(AddressGuard guard, Duration timeout) {
        this(guard, timeout, defaultTls());
    }

    public WebhookSender(AddressGuard guard, Duration timeout, SSLSocketFactory tls) {
        this.guard = guard;
        this.timeout = timeout;
        this.tls = tls;
    }

    public Duration timeout() {
        return timeout;
    }

    public Answer post(URI url, Map<String, String> headers, byte[] body)
            throws IOException, RefusedAddress {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost();
        // LIMITATION: the name look-up is bounded by the system resolver's own limits, not by
        // the time-out — running it on a separate thread with a deadline would bound it.
        List<InetAddress> addresses = guard.addressesOf(host);

        try (Socket socket = connect(addresses, port, deadline);
             Socket channel = https ? secure(socket, host, port, deadline) : socket) {
            write(channel.getOutputStream(), url, hostHeader(url, https), headers, body);
            return new AnswerReader(channel, deadline).read();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("timed out after " + timeout.toMillis() + " ms");
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, long deadline)
            throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
                if (e instanceof SocketTimeoutException) {
                    break;
                }
            }
        }
        throw last;
    }

    private Socket secure(Socket socket, String host, int port, long deadline) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!name.contains(":") && !name.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static void write(OutputStream out, URI url, String host, Map<String, String> headers,
                              byte[] body) throws IOException {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/"
                : url.getRawPath();
        StringBuilder head = new StringBuilder()
                .append("POST ").append(path)
                .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                .append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) ->
                head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String hostHeader(URI url, boolean https) {
        int port = url.getPort();
        boolean standard = port == -1 || (https && port == 443) || (!https && port == 80);
        return standard ? url.getHost() : url.getHost() + ":" + port;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("TLS is missing from this JVM", e);
        }
    }

    /** Reads one HTTP/1.1 answer from the socket, every read bounded by the deadline. */
    private static final class AnswerReader {

        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final byte[] buffer = new byte[8192];
        private int position;
        private int limit;
        private int headBytes;

        AnswerReader(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        Answer read() throws IOException {
            while (true) {
                int status = statusCode(line());
                long contentLength = -1;
                boolean chunked = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        contentLength = parseLength(value);
                    } else if (name.equals("transfer-encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    }
                }
                if (status >= 100 && status < 200 && status != 101) {
                    continue;
                }
                boolean noBody = status == 204 || status == 304 || contentLength == 0;
                return new Answer(status, noBody ? "" : excerpt(chunked, contentLength));
            }
        }

        /** The body's first KiB; once the status is known, a body cut short keeps what came. */
        private String excerpt(boolean chunked, long contentLength) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try {
                if (chunked) {
                    readChunked(body);
                } else {
                    long wanted = contentLength < 0 ? EXCERPT_BYTES
                            : Math.min(contentLength, EXCERPT_BYTES);
                    copy(body, wanted);
                }
            } catch (IOException e) {
                // The status decides the outcome; a slow or broken body only shortens the excerpt.
            }
            return body.toString(StandardCharsets.UTF_8);
        }

        private void readChunked(ByteArrayOutputStream body) throws IOException {
            while (body.size() < EXCERPT_BYTES) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size");
                }
                if (size == 0) {
                    return;
                }
                long wanted = Math.min(size, EXCERPT_BYTES - body.size());
                copy(body, wanted);
                if (wanted < size) {
                    return;
                }
                line();
            }
        }

        private void copy(ByteArrayOutputStream body, long count) throws IOException {
            long left = count;
            while (left > 0) {
                if (position == limit && !fill()) {
                    return;
                }
                int n = (int) Math.min(left, limit - position);
                body.write(buffer, position, n);
                position += n;
                left -= n;
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                if (position == limit && !fill()) {
                    throw new IOException("the receiver closed the connection before answering");
                }
                byte b = buffer[position++];
                if (++headBytes > MAX_HEAD_BYTES) {
                    throw new IOException("the receiver's answer headers are too large");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
        }

        private boolean fill() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buffer);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        private static int statusCode(String statusLine) throws IOException {
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("the receiver did not answer with HTTP");
            }
            try {
                int status = Integer.parseInt(parts[1]);
                if (status < 100 || status > 999) {
                    throw new IOException("the receiver answered with an invalid status");
                }
                return status;
            } catch (NumberFormatException e) {
                throw new IOException("the receiver answered with an invalid status");
            }
        }

        private static long parseLength(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
