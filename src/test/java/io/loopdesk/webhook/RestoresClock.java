package io.loopdesk.webhook;

import io.loopdesk.support.TestClock;
import io.loopdesk.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts the shared test clock back where it was before a test that moved it forward, so later
 * tests in the same JVM (browser tests compare the server's times with the browser's) do not
 * find the server days ahead of real time.
 */
final class RestoresClock implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RestoresClock.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("offset", offset());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Duration before = context.getStore(NAMESPACE).get("offset", Duration.class);
        if (before != null) {
            clock().advance(before.minus(offset()));
        }
    }

    private static Duration offset() {
        return Duration.between(Instant.now(), clock().instant());
    }

    private static TestClock clock() {
        return TestServer.get().clock();
    }
}
