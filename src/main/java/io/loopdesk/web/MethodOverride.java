package io.loopdesk.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HTML forms can only GET and POST, yet the API cancels with DELETE and adjusts with PATCH. A
 * page's plain form therefore posts to the same route with a hidden {@code _method} field, and
 * this filter hands the request on with that method. It runs before routing, as the method
 * picks the route, and only for form-encoded POSTs to the API from a browser session (no API
 * key): scripts never see it. The CSRF check still follows, on the {@code _csrf} field.
 */
final class MethodOverride implements Filter {

    static final String FIELD = "_method";
    private static final Set<String> OVERRIDES = Set.of("DELETE", "PATCH", "PUT");
    /** A dashboard form is a few fields; anything longer is left as it came. */
    private static final int MAX_FORM_BYTES = 64 * 1024;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !applies(http)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = http.getInputStream().readAllBytes();
        String method = methodIn(body).orElse(http.getMethod());
        chain.doFilter(new Overridden(http, method, body), response);
    }

    private static boolean applies(HttpServletRequest http) {
        String type = http.getContentType();
        long length = http.getContentLengthLong();
        return "POST".equals(http.getMethod())
                && HttpServer.isApiPath(http.getRequestURI())
                && type != null && type.startsWith("application/x-www-form-urlencoded")
                && length >= 0 && length <= MAX_FORM_BYTES
                && http.getHeader("Authorization") == null && http.getHeader("X-API-Key") == null
                && hasSessionCookie(http);
    }

    private static boolean hasSessionCookie(HttpServletRequest http) {
        Cookie[] cookies = http.getCookies();
        return cookies != null && Arrays.stream(cookies)
                .anyMatch(cookie -> cookie.getName().equals(Authentication.SESSION_COOKIE));
    }

    private static Optional<String> methodIn(byte[] body) {
        String form = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals),
                    StandardCharsets.UTF_8).equals(FIELD)) {
                String method = URLDecoder.decode(pair.substring(equals + 1),
                        StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
                return OVERRIDES.contains(method) ? Optional.of(method) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The request with its method replaced and its body, read here, ready to read again. */
    private static final class Overridden extends HttpServletRequestWrapper {

        private final String method;
        private final byte[] body;

        Overridden(HttpServletRequest request, String method, byte[] body) {
            super(request);
            this.method = method;
            this.body = body;
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    StandardCharsets.UTF_8));
        }
    }
}
