package io.loopdesk.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection on loopback, used by one load client at a time. It is
 * deliberately small: the driver must cost the machine as little as possible, so a request is
 * written as prepared bytes and the answer is parsed only as far as status, the headers the
 * benchmark reads, and the body.
 */
final class HttpConnection implements AutoCloseable {

    private static final int TIMEOUT_MS = 30_000;

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] line = new byte[1024];

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** An answer: status, the {@code Server-Timing} app duration (or -1) and the body. */
    record Answer(int status, double serverMillis, byte[] body, String setCookie) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Answer send(String method, String target, Map<String, String> headers, byte[] body) {
        byte[] head = head(method, target, headers, body);
        while (true) {
            boolean reused = socket != null;
            try {
                open();
                out.write(head);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                return read();
            } catch (IOException e) {
                closeQuietly();
                // A kept-alive connection the server closed between requests fails at once;
                // sending again on a fresh connection is what every HTTP client does.
                if (!reused) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private byte[] head(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            sb.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            sb.append("Content-Length: 0\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MS);
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(s.getOutputStream(), 8 * 1024);
    }

    private Answer read() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        double serverMillis = -1;
        String setCookie = null;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("Server-Timing")) {
                serverMillis = serverTiming(value);
            } else if (name.equalsIgnoreCase("Set-Cookie") && setCookie == null) {
                setCookie = value;
            }
        }
        byte[] body = chunked ? readChunked() : readFixed(length < 0 ? 0 : (int) length);
        if (close) {
            closeQuietly();
        }
        return new Answer(status, serverMillis, body, setCookie);
    }

    private static double serverTiming(String value) {
        int dur = value.indexOf("dur=");
        if (dur < 0) {
            return -1;
        }
        int end = dur + 4;
        while (end < value.length() && (Character.isDigit(value.charAt(end))
                || value.charAt(end) == '.')) {
            end++;
        }
        return Double.parseDouble(value.substring(dur + 4, end));
    }

    private byte[] readFixed(int length) throws IOException {
        byte[] body = new byte[length];
        int read = 0;
        while (read < length) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new EOFException("connection closed inside a body");
            }
            read += n;
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        byte[] body = new byte[0];
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt(
                    (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers are not used
                }
                return body;
            }
            byte[] chunk = readFixed(size);
            int old = body.length;
            body = Arrays.copyOf(body, old + size);
            System.arraycopy(chunk, 0, body, old, size);
            readLine();
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = (byte) b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
