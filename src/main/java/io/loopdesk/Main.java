package io.loopdesk;

import java.time.Clock;
import java.util.Arrays;

/** Starts Loopdesk: {@code java -jar loopdesk.jar [--demo]}. Configuration is in the README. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        boolean demo = Arrays.asList(args).contains("--demo");
        Settings settings = Settings.fromEnvironment(System.getenv(), demo);
        App app = App.start(settings, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "loopdesk-shutdown"));
    }
}
