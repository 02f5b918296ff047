package io.loopdesk;

import io.loopdesk.demo.DemoSeed;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Loopdesk: {@code java -jar loopdesk.jar [--demo]}. Configuration is in the README. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * DATETIME columns hold UTC wall-clock times, and jOOQ and the JDBC driver carry them as
     * java.sql.Timestamps, which live in the process's default zone. In a zone with summer time
     * the hour its clocks skip does not exist there, and a UTC time inside it would be stored an
     * hour late; in UTC no hour is skipped.
     */
    public static void useUtcAsDefaultZone() {
        TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
    }

    public static void main(String[] args) {
        useUtcAsDefaultZone();
        boolean demo = Arrays.asList(args).contains("--demo");
        App app = null;
        try {
            Settings settings = Settings.fromEnvironment(System.getenv(), demo);
            app = App.start(settings, Clock.systemUTC());
            App started = app;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "loopdesk-shutdown"));
            if (settings.demo()) {
                new DemoSeed(app).run();
            }
        } catch (Settings.Invalid e) {
            // The message says all there is to say; a stack trace would only bury it.
            log.error("loopdesk cannot start: {}", e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            log.error("loopdesk failed to start: {}", e.getMessage(), e);
            if (app != null) {
                app.close();
            }
            System.exit(1);
        }
    }
}
