package io.loopdesk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an operator can configure, read once from environment variables at start-up.
 * The README's configuration table lists the same names and defaults.
 */
public record Settings(
        String bindAddress,
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        int maxActiveRequests,
        int hourlyQuota,
        Duration claimLease,
        Duration sweepInterval,
        Optional<String> publicBaseUrl,
        boolean allowPrivateWebhooks,
        Duration webhookPollInterval,
        Duration webhookTimeout,
        boolean demo) {

    /**
     * Requests worked on at once per core by default; the rest wait their turn. A few per core
     * keep both cores busy while some requests wait for the database, without letting dozens of
     * threads take turns at the cores, which stretches every request's time.
     */
    public static final int ACTIVE_REQUESTS_PER_CORE = 4;

    public static Settings fromEnvironment(Map<String, String> env, boolean demoFlag) {
        return new Settings(
                env.getOrDefault("BIND_ADDRESS", "127.0.0.1"),
                between(env, "PORT", 7070, 0, 65_535),
                Path.of(env.getOrDefault("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                Optional.ofNullable(blankToNull(env.get("DB_URL"))),
                env.getOrDefault("DB_USER", "root"),
                env.getOrDefault("DB_PASSWORD", ""),
                positive(env, "DB_POOL_SIZE", 32),
                positive(env, "MAX_ACTIVE_REQUESTS",
                        ACTIVE_REQUESTS_PER_CORE * Runtime.getRuntime().availableProcessors()),
                between(env, "HOURLY_QUOTA", 100, 0, Integer.MAX_VALUE),
                Duration.ofSeconds(positive(env, "CLAIM_LEASE_SECONDS", 600)),
                Duration.ofMillis(positive(env, "SWEEP_INTERVAL_MS", 2000)),
                Optional.ofNullable(blankToNull(env.get("PUBLIC_BASE_URL"))),
                flag(env, "ALLOW_PRIVATE_WEBHOOKS"),
                Duration.ofMillis(positive(env, "WEBHOOK_POLL_INTERVAL_MS", 500)),
                Duration.ofMillis(positive(env, "WEBHOOK_TIMEOUT_MS", 10_000)),
                demoFlag || flag(env, "DEMO"));
    }

    /** A setting whose value cannot be used; its message says which and why. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    public Settings withPort(int newPort) {
        return new Settings(bindAddress, newPort, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize,
                maxActiveRequests, hourlyQuota, claimLease, sweepInterval, publicBaseUrl,
                allowPrivateWebhooks, webhookPollInterval, webhookTimeout, demo);
    }

    public Settings withDataDir(Path dir) {
        return new Settings(bindAddress, port, dir, dbUrl, dbUser, dbPassword, dbPoolSize,
                maxActiveRequests, hourlyQuota, claimLease, sweepInterval, publicBaseUrl,
                allowPrivateWebhooks, webhookPollInterval, webhookTimeout, demo);
    }

    private static int intValue(Map<String, String> env, String name, int fallback) {
        String raw = blankToNull(env.get(name));
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new Invalid(name + " must be a whole number up to " + Integer.MAX_VALUE
                    + ", got '" + raw + "'");
        }
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        return between(env, name, fallback, 1, Integer.MAX_VALUE);
    }

    private static int between(Map<String, String> env, String name, int fallback, int least,
                               int most) {
        int value = intValue(env, name, fallback);
        if (value < least) {
            throw new Invalid(name + " must be at least " + least + ", got " + value);
        }
        if (value > most) {
            throw new Invalid(name + " must be at most " + most + ", got " + value);
        }
        return value;
    }

    /** {@code true} or {@code false} in any case; unset is false, anything else is refused. */
    private static boolean flag(Map<String, String> env, String name) {
        String raw = blankToNull(env.get(name));
        if (raw == null || raw.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new Invalid(name + " must be true or false, got '" + raw + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
