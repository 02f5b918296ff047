package io.loopdesk;

import io.loopdesk.demo.DemoSeed;
import java.time.Clock;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Loopdesk: {@code java -jar loopdesk.jar [--demo]}. Configuration is in the README. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
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
